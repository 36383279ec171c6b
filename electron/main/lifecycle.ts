/**
 * What the desktop app does at the moments of its life that Electron signals, as plain functions
 * (no Electron import) so that tests decide nothing differently from the app. main.ts only wires
 * Electron's events to them.
 */

/** The installer's appId (electron-builder.yml); Windows groups, pins and notifies by it. */
export const APP_ID = 'org.bmeworkstation.app';

/**
 * The last window closed. Elsewhere the app quits (and will-quit closes the core). On macOS an app
 * outlives its windows: it stays in the Dock with its menu, and its core stays open, a training
 * run going on, until the user quits (Cmd+Q, which ends in will-quit too).
 */
export function afterLastWindowClosed(platform: NodeJS.Platform): 'quit' | 'keep-running' {
  return platform === 'darwin' ? 'keep-running' : 'quit';
}

/** The app was activated (macOS: its Dock icon clicked): a window when none is open. */
export function onActivate(openWindows: number): 'open-window' | 'nothing' {
  return openWindows === 0 ? 'open-window' : 'nothing';
}

/**
 * The Application User Model ID to set at start: on Windows the same as the installer's appId, or
 * the taskbar would not group the app's windows with its pinned shortcut, and notifications would
 * carry Electron's name; nothing to set elsewhere.
 */
export function appUserModelId(platform: NodeJS.Platform): string | null {
  return platform === 'win32' ? APP_ID : null;
}
