import { app, BrowserWindow, ipcMain, Menu, net, protocol, session as electronSession } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../core/core';
import { buildMenu } from './menu';
import {
  APP_ENTRY,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  IPC_EVENT,
  IPC_INVOKE,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  secureWebPreferences,
  windowOpenDecision,
} from './security';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = join(__dirname, '..', 'renderer');
let core: Core;

/** Serves dist/renderer under app://bme/ with the CSP header; nothing outside that folder. */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = normalize(join(rendererDir, rel));
    if (url.host !== 'bme' || !file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    backgroundColor: '#15171a',
    title: 'BME Workstation',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  const contents = win.webContents;
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => windowOpenDecision());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  void win.loadURL(APP_ENTRY);
  return win;
}

function sessionIdOf(contentsId: number): string {
  return `window-${contentsId}`;
}

app.whenReady().then(() => {
  const dataDir = app.getPath('userData');
  core = createCore({ hostKind: 'electron', dataDir, studiesDir: join(app.getPath('documents'), 'BME Studies') });

  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  registerAppProtocol();

  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, params: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame)) {
      return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused.' } };
    }
    return core.router.call(core.sessions.get(sessionIdOf(event.sender.id)), method, params);
  });
  core.events.connect((session, event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (sessionIdOf(win.webContents.id) === session.id) win.webContents.send(IPC_EVENT, event, payload);
    }
  });

  Menu.setApplicationMenu(buildMenu({ core, sessionIdOf, createWindow }));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.on('window-all-closed', () => {
  core?.close();
  if (process.platform !== 'darwin') app.quit();
});
