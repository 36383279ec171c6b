/**
 * The Electron window's security settings as plain data and pure predicates, so that tests can
 * check them without an Electron binary (this file imports nothing from Electron).
 */
import { contentSecurityPolicy } from '../core/security/content-security-policy';

/** The custom protocol the renderer is served from: never a remote URL, never file://. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://bme';
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** webPreferences of every BrowserWindow. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** Navigation is allowed only within the app's own pages. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'bme';
  } catch {
    return false;
  }
}

/** IPC is answered only for the app's top frame: never a subframe, never another origin. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAllowedNavigation(frameUrl);
}

/** Every permission request (camera, notifications, geolocation ...) is refused. */
export function permissionDecision(_permission: string): boolean {
  return false;
}

/** New windows are never opened by the renderer. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** IPC channel names shared by main and preload. */
export const IPC_INVOKE = 'bme:invoke';
export const IPC_EVENT = 'bme:event';
