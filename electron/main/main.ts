import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session as electronSession } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../core/core';
import { markPackagedApp } from '../core/db/sqlite';
import { captureConsole } from '../core/logging/app-log';
import { afterLastWindowClosed, appUserModelId, onActivate } from './lifecycle';
import { buildMenu } from './menu';
import { handedStudyFile, handoffOf, planHandoff, studyFileFromArgv } from './second-instance';
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
import { leaveOrStayDialog, unloadDecision } from './unload';

// The Electron shell: it only wires Electron's events to the core and to the decisions in
// lifecycle.ts, second-instance.ts, unload.ts, security.ts and menu-template.ts, which are tested
// in Node; test/node/electron/main-wiring.test.ts loads this file's bundle with a stand-in
// 'electron' and fires the events.

const rendererDir = join(__dirname, '..', 'renderer');
let core: Core | null = null;
const sessionIdOf = (contentsId: number) => `window-${contentsId}`;

// One instance per user: a second one (a study double-clicked while the app runs) hands its study
// to this one and quits, so a study file never has two writers.
if (!app.requestSingleInstanceLock(handoffOf(process.argv, process.cwd()))) app.quit();
else start();

function start(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  const modelId = appUserModelId(process.platform);
  if (modelId) app.setAppUserModelId(modelId);
  if (app.isPackaged) markPackagedApp();
  let pendingStudy = studyFileFromArgv(process.argv, process.cwd());

  app.on('second-instance', (_e, argv, cwd, data) => handOff(handedStudyFile(argv, cwd, data)));
  // macOS: a study opened from the Finder (also before the app is ready).
  app.on('open-file', (e, file) => {
    e.preventDefault();
    if (core) handOff(file);
    else pendingStudy = file;
  });
  app.on('window-all-closed', () => {
    if (afterLastWindowClosed(process.platform) === 'quit') app.quit();
  });
  app.on('activate', () => {
    if (core && onActivate(BrowserWindow.getAllWindows().length) === 'open-window') void openWindow(null);
  });
  // Cmd+Q, File > Quit, the last window on Windows and Linux, log-out: the core closes here, once.
  app.on('will-quit', () => void core?.close());
  app.on('web-contents-created', (_e, contents) => contents.on('will-attach-webview', (e) => e.preventDefault()));

  void app.whenReady().then(() => {
    core = createCore({ hostKind: 'electron', dataDir: app.getPath('userData'), studiesDir: join(app.getPath('documents'), 'BME Studies') });
    captureConsole(core.log);
    const ses = electronSession.defaultSession;
    ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
    ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
    registerAppProtocol();
    wireIpc(core);
    Menu.setApplicationMenu(buildMenu({ core, sessionIdOf, openWindow: (file) => void openWindow(file) }));
    void openWindow(pendingStudy);
  });
}

/** A study handed over by a second instance or the Finder: see planHandoff. */
function handOff(studyFile: string | null): void {
  if (!core) return;
  const c = core;
  const windows = BrowserWindow.getAllWindows().map((w) => ({ id: w.id, studyFile: c.sessions.find(sessionIdOf(w.webContents.id))?.studyFile ?? null, focused: w.isFocused() }));
  const plan = planHandoff(studyFile, windows);
  if (plan.action === 'open-window') return void openWindow(plan.studyFile);
  const win = BrowserWindow.fromId(plan.windowId);
  if (win?.isMinimized()) win.restore();
  win?.focus();
}

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

function wireIpc(c: Core): void {
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, params: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame)) {
      return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused.' } };
    }
    return c.router.call(c.sessions.get(sessionIdOf(event.sender.id)), method, params);
  });
  c.events.connect((session, event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (sessionIdOf(win.webContents.id) === session.id) win.webContents.send(IPC_EVENT, event, payload);
    }
  });
}

/** A new window; with a study, that study is open in its session before the page loads. */
async function openWindow(studyFile: string | null): Promise<BrowserWindow | null> {
  if (!core) return null;
  const c = core;
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
  const sessionId = sessionIdOf(contents.id);
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => windowOpenDecision());
  // The reader's beforeunload guard (saves pending): ask, instead of silently keeping the window.
  contents.on('will-prevent-unload', (e) => {
    if (unloadDecision(dialog.showMessageBoxSync(win, leaveOrStayDialog())) === 'leave') e.preventDefault();
  });
  win.on('closed', () => c.endSession(sessionId));
  if (studyFile) {
    const outcome = await c.router.call(c.sessions.get(sessionId), 'study.open', { file: studyFile });
    if (!outcome.ok) dialog.showErrorBox('The study could not be opened', outcome.error.message);
  }
  try {
    await win.loadURL(APP_ENTRY);
  } catch (err) {
    console.error(`The app's page did not load: ${(err as Error).message}`);
  }
  return win;
}
