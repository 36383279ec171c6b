import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  secureWebPreferences,
  windowOpenDecision,
} from '../../../electron/main/security';
import { ROOT } from '../../support/host-process';

describe("Electron's window and IPC configuration", () => {
  it('isolates the renderer: context isolation, sandbox, no Node', () => {
    const prefs = secureWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('serves the app from its custom protocol and allows navigation nowhere else', () => {
    expect(APP_ENTRY).toBe('app://bme/index.html');
    expect(isAllowedNavigation('app://bme/index.html')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:3000/', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('answers IPC only from the top frame of the app', () => {
    expect(isTrustedSender('app://bme/index.html', true)).toBe(true);
    expect(isTrustedSender('app://bme/index.html', false)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });

  it('denies every permission and every new window', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) expect(permissionDecision(p)).toBe(false);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it('has a strict Content Security Policy', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval'(?<!wasm-unsafe-eval')/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
  });

  it('main.ts wires those settings in: every window, navigation, IPC sender check, permissions', () => {
    const main = readFileSync(join(ROOT, 'electron/main/main.ts'), 'utf8');
    expect(main).toMatch(/webPreferences: secureWebPreferences\(/);
    expect(main).toMatch(/'will-navigate'[\s\S]*isAllowedNavigation/);
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => windowOpenDecision\(\)\)/);
    expect(main).toMatch(/isTrustedSender\(frame\.url, frame === event\.sender\.mainFrame\)/);
    expect(main).toMatch(/setPermissionRequestHandler/);
    expect(main).toMatch(/setPermissionCheckHandler/);
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME/);
    const preload = readFileSync(join(ROOT, 'electron/preload/preload.ts'), 'utf8');
    expect(preload).toMatch(/exposeInMainWorld\('host'/);
    expect(preload).not.toMatch(/exposeInMainWorld\('(ipcRenderer|electron|require)'/);
  });
});
