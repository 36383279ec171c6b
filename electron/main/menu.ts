import { app, BrowserWindow, dialog, Menu } from 'electron';
import { join } from 'node:path';
import type { Core } from '../core/core';
import { coreClient } from '../core/core-client';
import { supportFileName, writeSupportFile } from '../core/support/support-file';
import { menuTemplate } from './menu-template';

interface MenuDeps {
  core: Core;
  sessionIdOf(contentsId: number): string;
  openWindow(studyFile: string | null): void;
}

/**
 * The application menu (menu-template.ts) with its commands. Opening a study through the native
 * dialog calls the same router as the renderer does, for the focused window's session; the
 * renderer learns of it by the 'study.changed' event.
 */
export function buildMenu({ core, sessionIdOf, openWindow }: MenuDeps): Menu {
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

  const saveSupportFile = async () => {
    const win = BrowserWindow.getFocusedWindow();
    const options = {
      title: 'Save a support file',
      defaultPath: join(app.getPath('documents'), supportFileName()),
      filters: [{ name: 'Support file', extensions: ['json'] }],
    };
    const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (picked.canceled || !picked.filePath) return;
    try {
      writeSupportFile(picked.filePath, await core.supportReport({ electron: process.versions.electron, chrome: process.versions.chrome }));
      const message = {
        type: 'info' as const,
        title: 'Support file saved',
        message: `The support file was saved to ${picked.filePath}.`,
        detail: 'It holds versions, this computer\'s platform, the training engine, the studies\' schema versions and the app\'s log with names, IDs, UIDs and paths removed. It holds no patient data and no reads: you can send it to support.',
      };
      if (win) await dialog.showMessageBox(win, message);
      else await dialog.showMessageBox(message);
    } catch (err) {
      dialog.showErrorBox('The support file could not be saved', `${picked.filePath}: ${(err as Error).message}. Choose another folder and try again.`);
    }
  };

  return Menu.buildFromTemplate(
    menuTemplate(process.platform, app.name, {
      newWindow: () => openWindow(null),
      openStudy: () => void openStudy(),
      saveSupportFile: () => void saveSupportFile(),
    }),
  );
}
