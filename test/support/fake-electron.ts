import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * A stand-in for the 'electron' module, enough of it for electron/main (Electron cannot run on
 * the development machine): app, BrowserWindow, ipcMain, Menu, protocol, session, net and
 * dialog, each recording what the shell asked of it. Tests fire the events Electron would.
 */
export interface FakeElectronOptions {
  platform?: NodeJS.Platform;
  /** What app.requestSingleInstanceLock answers (false: another instance runs). */
  gotLock?: boolean;
  paths: { userData: string; documents: string };
  /** The button index dialog.showMessageBoxSync answers with. */
  messageBoxResponse?: number;
  /** What dialog.showSaveDialog answers. */
  savePath?: string;
  /** app.isPackaged: true as in an installed app. */
  isPackaged?: boolean;
}

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame = { url: 'app://bme/index.html' };
  readonly sent: unknown[][] = [];
  windowOpenHandler: (() => unknown) | null = null;
  setWindowOpenHandler(h: () => unknown): void {
    this.windowOpenHandler = h;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
}

export function createFakeElectron(options: FakeElectronOptions) {
  const calls = {
    quit: 0,
    setAppUserModelId: [] as string[],
    lockData: [] as unknown[],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    menus: [] as unknown[][],
    applicationMenu: null as unknown,
    messageBoxes: [] as unknown[],
    errorBoxes: [] as string[][],
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | ((wc: unknown, permission: string) => boolean),
    focused: [] as number[],
  };
  let ready: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (ready = r));

  const app = Object.assign(new EventEmitter(), {
    name: 'BME Workstation',
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: (data?: unknown) => {
      calls.lockData.push(data);
      return options.gotLock ?? true;
    },
    quit: () => {
      calls.quit++;
    },
    whenReady: () => readyPromise,
    getPath: (name: 'userData' | 'documents') => options.paths[name],
    setAppUserModelId: (id: string) => calls.setAppUserModelId.push(id),
  });

  class BrowserWindow extends EventEmitter {
    static all: BrowserWindow[] = [];
    static nextId = 1;
    readonly id = BrowserWindow.nextId++;
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    focusedNow = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.all.push(this);
    }
    static getAllWindows = () => [...BrowserWindow.all];
    static getFocusedWindow = () => BrowserWindow.all.find((w) => w.focusedNow) ?? null;
    static fromId = (id: number) => BrowserWindow.all.find((w) => w.id === id) ?? null;
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
    }
    isFocused = () => this.focusedNow;
    isMinimized = () => false;
    restore(): void {}
    focus(): void {
      for (const w of BrowserWindow.all) w.focusedNow = w === this;
      calls.focused.push(this.id);
    }
    /** What Electron does when a window is gone. */
    close(): void {
      BrowserWindow.all = BrowserWindow.all.filter((w) => w !== this);
      this.emit('closed');
      if (BrowserWindow.all.length === 0) app.emit('window-all-closed');
    }
  }

  const electron = {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => calls.ipcHandlers.set(channel, fn) },
    Menu: {
      buildFromTemplate: (template: unknown[]) => {
        calls.menus.push(template);
        return { template };
      },
      setApplicationMenu: (menu: unknown) => (calls.applicationMenu = menu),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.schemes.push(...schemes),
      handle: (scheme: string, fn: (req: Request) => Promise<Response>) => calls.protocolHandlers.set(scheme, fn),
    },
    net: { fetch: async (url: string) => new Response(readFileSync(fileURLToPath(url)), { status: 200, headers: { 'Content-Type': 'text/html' } }) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof calls.permissionRequest) => (calls.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof calls.permissionCheck) => (calls.permissionCheck = h),
      },
    },
    dialog: {
      showMessageBoxSync: (_win: unknown, opts: unknown) => {
        calls.messageBoxes.push(opts);
        return options.messageBoxResponse ?? 1;
      },
      showMessageBox: async (...args: unknown[]) => {
        calls.messageBoxes.push(args[args.length - 1]);
        return { response: 0 };
      },
      showSaveDialog: async () => (options.savePath ? { canceled: false, filePath: options.savePath } : { canceled: true }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showErrorBox: (title: string, message: string) => calls.errorBoxes.push([title, message]),
    },
  };
  return { electron, calls, BrowserWindow, app, ready: () => ready() };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

type ResolveFilename = (request: string, parent: unknown, ...rest: unknown[]) => string;

/**
 * Loads a CommonJS bundle with `fake` as its 'electron' (require resolves 'electron' to a cache
 * entry holding it), with `argv` as the process's while it loads and `platform` as the process's
 * until the returned function puts it back.
 */
export function loadWithFakeElectron(bundle: string, fake: FakeElectron, opts: { platform?: NodeJS.Platform; argv?: string[] } = {}): () => void {
  const M = Module as unknown as { _resolveFilename: ResolveFilename; _cache: Record<string, unknown> };
  const fakeId = `/fake-electron-${Math.random().toString(36).slice(2)}.js`;
  M._cache[fakeId] = { id: fakeId, filename: fakeId, loaded: true, exports: fake.electron, children: [], paths: [] };
  const original = M._resolveFilename;
  M._resolveFilename = function (request, parent, ...rest) {
    return request === 'electron' ? fakeId : original.call(this, request, parent, ...rest);
  };
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  const argv = process.argv;
  if (opts.platform) Object.defineProperty(process, 'platform', { ...platform, value: opts.platform });
  if (opts.argv) process.argv = opts.argv;
  try {
    delete M._cache[bundle];
    Module.createRequire(bundle)(bundle);
  } finally {
    M._resolveFilename = original;
    process.argv = argv;
  }
  return () => Object.defineProperty(process, 'platform', platform);
}
