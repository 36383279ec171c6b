// The window's and IPC's security settings, as the functions in electron/main/security.ts produce
// them (main-wiring.test.ts checks the shell applies them), and the preload, loaded from its bundle
// with a stand-in 'electron'.
import Module from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, IPC_EVENT, IPC_INVOKE, isAllowedNavigation, isTrustedSender, permissionDecision, secureWebPreferences, windowOpenDecision } from '../../../electron/main/security';
import { ROOT } from '../../support/host-process';

describe("Electron's window and IPC configuration", () => {
  it('isolates the renderer: context isolation, sandbox, no Node anywhere, no webviews', () => {
    expect(secureWebPreferences('/x/preload.cjs')).toEqual({
      preload: '/x/preload.cjs',
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
    });
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
});

describe('the preload', () => {
  it('exposes window.host and nothing else: kind, invoke and onEvent over the two channels', async () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const sent: unknown[][] = [];
    const listeners = new Map<string, (...a: unknown[]) => void>();
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (sent.push(args), 'answer'),
        on: (channel: string, fn: (...a: unknown[]) => void) => listeners.set(channel, fn),
        removeListener: (channel: string) => listeners.delete(channel),
      },
    };
    const M = Module as unknown as { _resolveFilename: (r: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
    const id = '/fake-electron-preload.js';
    M._cache[id] = { id, filename: id, loaded: true, exports: electron, children: [], paths: [] };
    const original = M._resolveFilename;
    M._resolveFilename = function (r, ...rest) {
      return r === 'electron' ? id : original.call(this, r, ...rest);
    };
    try {
      const preload = join(ROOT, 'dist/electron/preload.cjs');
      delete M._cache[preload];
      Module.createRequire(preload)(preload);
    } finally {
      M._resolveFilename = original;
    }
    expect([...exposed.keys()]).toEqual(['host']);
    const host = exposed.get('host') as { kind: string; invoke: (m: string, p: unknown) => Promise<unknown>; onEvent: (l: (e: string, p: unknown) => void) => () => void };
    expect(Object.keys(host).sort()).toEqual(['invoke', 'kind', 'onEvent']);
    expect(host.kind).toBe('electron');
    expect(await host.invoke('study.current', {})).toBe('answer');
    expect(sent).toEqual([[IPC_INVOKE, 'study.current', {}]]);
    const got: unknown[] = [];
    const off = host.onEvent((e, p) => got.push([e, p]));
    listeners.get(IPC_EVENT)!({}, 'study.changed', { title: 't' });
    expect(got).toEqual([['study.changed', { title: 't' }]]);
    off();
    expect(listeners.has(IPC_EVENT)).toBe(false);
  });
});
