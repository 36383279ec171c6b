// The Electron shell, loaded from its bundle (dist/electron/main.cjs) with a stand-in 'electron'
// (Electron cannot run here): each event Electron would fire reaches its decision (lifecycle.ts,
// second-instance.ts, unload.ts, security.ts, menu-template.ts), and the settings those functions
// produce are the ones the shell applies. Run `node scripts/build.mjs` first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/core/security/content-security-policy';
import { APP_ID } from '../../../electron/main/lifecycle';
import { SUPPORT_FILE_LABEL } from '../../../electron/main/menu-template';
import { secureWebPreferences } from '../../../electron/main/security';
import { leaveOrStayDialog } from '../../../electron/main/unload';
import { demoStudyCopy } from '../../support/demo';
import { createFakeElectron, FakeEvent, loadWithFakeElectron, type FakeElectron } from '../../support/fake-electron';
import { ROOT } from '../../support/host-process';
import { tempDir } from '../../support/temp';

const BUNDLE = join(ROOT, 'dist/electron/main.cjs');
let cleanup: (() => Promise<void>) | null = null;

afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** Loads the shell on `platform`, lets it get ready, and returns the stand-in with helpers. */
async function launch(opts: { platform?: NodeJS.Platform; argv?: string[]; gotLock?: boolean; messageBoxResponse?: number; savePath?: string; isPackaged?: boolean } = {}) {
  const dir = tempDir('bme-shell-');
  const fake = createFakeElectron({ ...opts, paths: { userData: join(dir, 'userData'), documents: join(dir, 'documents') } });
  const restorePlatform = loadWithFakeElectron(BUNDLE, fake, { platform: opts.platform ?? 'linux', argv: opts.argv ?? ['/opt/bme/bme-workstation'] });
  cleanup = async () => {
    fake.app.emit('will-quit', new FakeEvent());
    restorePlatform();
  };
  if (opts.gotLock !== false) {
    fake.ready();
    await settle(fake);
  }
  return { fake, dir, ...helpers(fake) };
}

/** Lets the shell's promise chains (whenReady, study.open before loadURL) run. */
async function settle(fake: FakeElectron): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  void fake;
}

function helpers(fake: FakeElectron) {
  const invoke = (win: InstanceType<FakeElectron['BrowserWindow']>, method: string, params: unknown = {}, frameUrl = 'app://bme/index.html', mainFrame = true) => {
    const handler = fake.calls.ipcHandlers.get('bme:invoke')!;
    const frame = mainFrame ? win.webContents.mainFrame : { url: frameUrl };
    if (mainFrame) frame.url = frameUrl;
    return handler({ sender: win.webContents, senderFrame: frame }, method, params) as Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>;
  };
  const windows = () => fake.BrowserWindow.getAllWindows();
  return { invoke, windows };
}

describe('the Electron shell, wired', () => {
  it('opens one window with the secure settings and the app page, and the study named on its command line', async () => {
    const study = await demoStudyCopy(2, 3);
    const { fake, windows, invoke } = await launch({ argv: ['/opt/bme/bme-workstation', '--some-chromium-flag', study] });
    expect(windows()).toHaveLength(1);
    const [win] = windows();
    expect(win!.options.webPreferences).toEqual(secureWebPreferences(join(ROOT, 'dist/electron/preload.cjs')));
    expect(win!.loadedUrl).toBe('app://bme/index.html');
    expect(await invoke(win!, 'study.current')).toMatchObject({ ok: true, result: { file: study } });
    expect(fake.calls.lockData).toEqual([{ studyFile: study }]);
    expect(fake.calls.setAppUserModelId).toEqual([]);
  });

  it('refuses navigation, new windows, webviews, permissions and IPC from anywhere but the app', async () => {
    const { fake, windows, invoke } = await launch();
    const wc = windows()[0]!.webContents;
    for (const [url, allowed] of [['https://example.com/', false], ['file:///etc/passwd', false], ['app://bme/index.html#x', true]] as const) {
      for (const event of ['will-navigate', 'will-redirect']) {
        const e = new FakeEvent();
        wc.emit(event, e, url);
        expect(e.defaultPrevented, `${event} ${url}`).toBe(!allowed);
      }
    }
    expect(wc.windowOpenHandler!()).toEqual({ action: 'deny' });
    const attach = new FakeEvent();
    fake.app.emit('web-contents-created', new FakeEvent(), wc);
    wc.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
    let granted: boolean | null = null;
    fake.calls.permissionRequest!(wc, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(fake.calls.permissionCheck!(wc, 'notifications')).toBe(false);
    expect(await invoke(windows()[0]!, 'study.current', {}, 'https://evil.example/', true)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(windows()[0]!, 'study.current', {}, 'app://bme/index.html', false)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('serves the renderer under app:// with the Content Security Policy header, and nothing outside it', async () => {
    const { fake } = await launch();
    expect(fake.calls.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const handle = fake.calls.protocolHandlers.get('app')!;
    const page = await handle(new Request('app://bme/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    expect(await page.text()).toContain('<div id="root">');
    expect((await handle(new Request('app://bme/..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('will-prevent-unload: Leave lets the window close, Stay keeps it', async () => {
    for (const [response, leaves] of [[0, true], [1, false]] as const) {
      const { fake, windows } = await launch({ messageBoxResponse: response });
      const e = new FakeEvent();
      windows()[0]!.webContents.emit('will-prevent-unload', e);
      expect(fake.calls.messageBoxes.at(-1)).toEqual(leaveOrStayDialog());
      expect(e.defaultPrevented).toBe(leaves);
      await cleanup!();
      cleanup = null;
    }
  });

  it('second-instance: a study shown in a window brings that window forward, another opens in a new window', async () => {
    const a = await demoStudyCopy(2, 3);
    const b = await demoStudyCopy(2, 4);
    const { fake, windows, invoke } = await launch({ argv: ['/opt/bme/bme-workstation', a] });
    const first = windows()[0]!;

    fake.app.emit('second-instance', new FakeEvent(), ['/opt/bme/bme-workstation', b], '/home/u', { studyFile: b });
    await settle(fake);
    expect(windows()).toHaveLength(2);
    const second = windows()[1]!;
    expect(await invoke(second, 'study.current')).toMatchObject({ ok: true, result: { file: b } });
    expect(await invoke(first, 'study.current')).toMatchObject({ ok: true, result: { file: a } });

    // The same study again, this time only in argv: no third window, the first comes forward.
    fake.app.emit('second-instance', new FakeEvent(), ['/opt/bme/bme-workstation', a], '/home/u', {});
    await settle(fake);
    expect(windows()).toHaveLength(2);
    expect(fake.calls.focused.at(-1)).toBe(first.id);
  });

  it('a second instance that does not get the lock hands its study over and quits, starting nothing', async () => {
    const { fake } = await launch({ gotLock: false, argv: ['/opt/bme/bme-workstation', 'spine.bmestudy'] });
    expect(fake.calls.quit).toBe(1);
    expect(fake.calls.lockData).toEqual([{ studyFile: join(process.cwd(), 'spine.bmestudy') }]);
    expect(fake.calls.ipcHandlers.size).toBe(0);
    expect(fake.app.listenerCount('will-quit')).toBe(0);
    cleanup = null;
  });

  it('closing a window drops its session and releases its study; will-quit closes the core', async () => {
    const study = await demoStudyCopy(2, 3);
    const { fake, windows } = await launch({ argv: ['/opt/bme/bme-workstation', study] });
    expect(existsSync(`${study}-wal`)).toBe(true);
    windows()[0]!.close();
    await settle(fake);
    // The session's study was released: its last connection closed, so SQLite removed the WAL.
    expect(existsSync(`${study}-wal`)).toBe(false);
    expect(fake.calls.quit).toBe(1); // Linux: the last window quits the app

    const other = await demoStudyCopy(2, 4);
    const again = await launch({ argv: ['/opt/bme/bme-workstation', other] });
    expect(existsSync(`${other}-wal`)).toBe(true);
    again.fake.app.emit('will-quit', new FakeEvent());
    await settle(again.fake);
    expect(existsSync(`${other}-wal`)).toBe(false);
  });

  it('macOS: the app and its core outlive the last window; the Dock icon opens a new one', async () => {
    const study = await demoStudyCopy(2, 3);
    const { fake, windows, invoke } = await launch({ platform: 'darwin', argv: ['/Applications/BME Workstation.app/Contents/MacOS/BME Workstation'] });
    windows()[0]!.close();
    expect(fake.calls.quit).toBe(0);
    fake.app.emit('activate');
    await settle(fake);
    expect(windows()).toHaveLength(1);
    // The core still answers: the new window opens a study.
    expect(await invoke(windows()[0]!, 'study.open', { file: study })).toMatchObject({ ok: true });
    // A study opened from the Finder goes to the window that shows it.
    fake.app.emit('open-file', new FakeEvent(), study);
    expect(windows()).toHaveLength(1);
  });

  it('macOS has the standard app menu; Windows sets the AppUserModelID; Help saves a support file', async () => {
    const mac = await launch({ platform: 'darwin' });
    const macMenu = mac.fake.calls.menus.at(-1) as { label?: string; role?: string; submenu?: { role?: string; label?: string }[] }[];
    expect(macMenu[0]!.label).toBe('BME Workstation');
    expect(macMenu[0]!.submenu!.map((i) => i.role).filter(Boolean)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(macMenu.some((m) => m.role === 'windowMenu')).toBe(true);
    await cleanup!();

    const out = join(tempDir(), 'support.json');
    const win = await launch({ platform: 'win32', savePath: out });
    expect(win.fake.calls.setAppUserModelId).toEqual([APP_ID]);
    const menu = win.fake.calls.menus.at(-1) as { label?: string; role?: string; submenu?: { label?: string; role?: string; click?: () => void }[] }[];
    expect(menu[0]!.label).toBe('File');
    expect(menu[0]!.submenu!.at(-1)!.role).toBe('quit');
    const item = menu.find((m) => m.role === 'help')!.submenu!.find((i) => i.label === SUPPORT_FILE_LABEL)!;
    item.click!();
    for (let i = 0; i < 200 && !existsSync(out); i++) await new Promise((r) => setTimeout(r, 50));
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report).toMatchObject({ kind: 'bme-workstation-support-file', app: { host: 'electron' }, engine: { name: expect.any(String) } });
  });

  it('an installed (packaged) app ignores BME_SQLITE_BINDING; npm start honours it', async () => {
    const study = await demoStudyCopy(2, 3);
    const previous = process.env.BME_SQLITE_BINDING;
    process.env.BME_SQLITE_BINDING = join(tempDir(), 'not-a-binding.node');
    try {
      const dev = await launch();
      const refused = (await dev.invoke(dev.windows()[0]!, 'study.open', { file: study })) as { ok: boolean; error?: { message: string } };
      expect(refused.ok).toBe(false);
      expect(refused.error!.message).toMatch(/not-a-binding\.node/);
      await cleanup!();
      const installed = await launch({ isPackaged: true });
      const opened = await installed.invoke(installed.windows()[0]!, 'study.open', { file: study });
      // It loads node_modules' build, which is this Node's unless the tests run on another
      // version (npm run test:node24): then only that the variable's file was not tried.
      expect(JSON.stringify(opened)).not.toMatch(/not-a-binding/);
      if (!process.env.BME_TEST_NODE) expect(opened).toMatchObject({ ok: true, result: { file: study } });
    } finally {
      if (previous === undefined) delete process.env.BME_SQLITE_BINDING;
      else process.env.BME_SQLITE_BINDING = previous;
    }
  });
});
