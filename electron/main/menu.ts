import { BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Core } from '../core/core';
import { coreClient } from '../core/core-client';

interface MenuDeps {
  core: Core;
  sessionIdOf(contentsId: number): string;
  createWindow(): BrowserWindow;
}

/**
 * The application menu. Opening a study through the native dialog calls the same router as the
 * renderer does, for the focused window's session; the renderer learns of it by the
 * 'study.changed' event.
 */
export function buildMenu({ core, sessionIdOf, createWindow }: MenuDeps): Menu {
  const openStudy = async () => {
    const win = BrowserWindow.getFocusedWindow();
    if (!win) return;
    const picked = await dialog.showOpenDialog(win, {
      title: 'Open a study',
      properties: ['openFile'],
      filters: [{ name: 'BME studies', extensions: ['bmestudy'] }, { name: 'All files', extensions: ['*'] }],
    });
    if (picked.canceled || !picked.filePaths[0]) return;
    await coreClient(core, sessionIdOf(win.webContents.id))
      .api.study.open({ file: picked.filePaths[0] })
      .catch((err: Error) => dialog.showErrorBox('The study could not be opened', err.message));
  };
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: () => createWindow() },
        { label: 'Open Study…', accelerator: 'CmdOrCtrl+O', click: () => void openStudy() },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
