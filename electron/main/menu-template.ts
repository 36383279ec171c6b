import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own commands do (wired in menu.ts). */
export interface MenuActions {
  newWindow(): void;
  openStudy(): void;
  saveSupportFile(): void;
}

export const SUPPORT_FILE_LABEL = 'Save a Support File…';

/**
 * The application menu as data. On macOS the first menu is the app's own (About, Services, Hide,
 * Hide Others, Show All, Quit: what every Mac app has, and what Cmd+H and Cmd+Q need) and there
 * is a Window menu; elsewhere File ends with Quit. Help has the support file on every platform.
 */
export function menuTemplate(platform: NodeJS.Platform, appName: string, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newWindow() },
      { label: 'Open Study…', accelerator: 'CmdOrCtrl+O', click: () => actions.openStudy() },
      ...(mac ? [{ type: 'separator' as const }, { role: 'close' as const }] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: SUPPORT_FILE_LABEL, click: () => actions.saveSupportFile() }, ...(mac ? [] : [{ type: 'separator' as const }, { role: 'about' as const }])],
  };
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, view, ...(mac ? [{ role: 'windowMenu' as const }] : []), help];
}
