import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../electron/core/core';
import { startWebHost, type WebHost } from '../../../electron/host/web-host';
import { decodeMessage, encodeMessage, type HostMessage } from '../../../shared/contracts/wire';
import { ROOT } from '../../support/host-process';

/** The Node host's limits: what a client may send, what comes back, and where the token goes. */

let core: Core;
let host: WebHost;
let second: WebHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bme-limits-'));
  core = createCore({ hostKind: 'web', dataDir: dir, studiesDir: join(dir, 'studies') });
  host = await startWebHost({ core, rendererDir: join(ROOT, 'dist', 'renderer') });
  second = await startWebHost({ core, rendererDir: join(ROOT, 'dist', 'renderer') });
});
afterAll(async () => {
  await host.close();
  await second.close();
  core.close();
});

function get(h: WebHost, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.port, path, headers: { Host: `127.0.0.1:${h.port}`, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function socket(): Promise<{ ws: WebSocket; next: () => Promise<HostMessage>; closed: Promise<number> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { maxPayload: 64 * 1024 * 1024 });
  const inbox: HostMessage[] = [];
  const waiting: ((m: HostMessage) => void)[] = [];
  ws.on('message', (d, bin) => {
    const m = decodeMessage(bin ? new Uint8Array(d as Buffer) : d.toString()) as HostMessage;
    if (m.t === 'session') return;
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed, next: () => (inbox.length ? Promise.resolve(inbox.shift()!) : new Promise((r) => waiting.push(r))) };
}

describe('the token cookie', () => {
  it('is named after the port, so a second host on this machine does not replace the first one', async () => {
    const a = String((await get(host, `/?token=${host.token}`)).headers['set-cookie']);
    const b = String((await get(second, `/?token=${second.token}`)).headers['set-cookie']);
    expect(a).toMatch(new RegExp(`^bme_token_${host.port}=`));
    expect(b).toMatch(new RegExp(`^bme_token_${second.port}=`));
    // A browser sends both cookies to both ports (cookies ignore ports); each host picks its own.
    const both = `${a.split(';')[0]}; ${b.split(';')[0]}`;
    expect((await get(host, '/', { Cookie: both })).status).toBe(200);
    expect((await get(second, '/', { Cookie: both })).status).toBe(200);
  });
});

describe('the token exchange', () => {
  it('redirects only within this host: //evil.example/ stays a path here', async () => {
    for (const path of ['/.//evil.example/', '/a/..//evil.example/x', '/.///evil.example', '/./\\evil.example', '//evil.example/'].map((p) => `${p}?token=${host.token}`)) {
      const res = await get(host, path);
      expect(res.status).toBe(303);
      const location = String(res.headers.location);
      expect(location, path).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, `http://127.0.0.1:${host.port}`).host).toBe(`127.0.0.1:${host.port}`);
    }
  });
});

describe('what a client may send and what comes back', () => {
  it('refuses a 16 MiB frame with close 1009 before reading it as a message', async () => {
    const { ws, closed } = await socket();
    ws.send(new Uint8Array(16 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });

  it('does not echo a 3 MB method name or unknown key back', async () => {
    const { ws, next } = await socket();
    const huge = 'm'.repeat(3 * 1024 * 1024);
    ws.send(encodeMessage({ t: 'call', id: 1, method: huge, params: {} }));
    const unknown = (await next()) as Extract<HostMessage, { t: 'result' }>;
    expect(unknown).toMatchObject({ id: 1, ok: false, error: { code: 'unknown_method' } });
    expect(JSON.stringify(unknown).length).toBeLessThan(4000);
    ws.send(encodeMessage({ t: 'call', id: 2, method: 'app.info', params: { [huge]: 1 } }));
    const bad = (await next()) as Extract<HostMessage, { t: 'result' }>;
    expect(bad).toMatchObject({ id: 2, ok: false, error: { code: 'bad_request' } });
    expect(JSON.stringify(bad).length).toBeLessThan(4000);
    ws.close();
  });

  it('reads each byte of a binary frame at most once (48 attachments over the same 1 MiB are refused)', () => {
    const header = new TextEncoder().encode(
      JSON.stringify({ msg: '{"t":"call","id":1,"method":"app.info","params":{}}', bins: Array.from({ length: 48 }, () => ({ type: 'Uint8Array', offset: 0, length: 1 << 20 })) }),
    );
    const start = Math.ceil((8 + header.byteLength) / 8) * 8;
    const frame = new Uint8Array(start + (1 << 20));
    new DataView(frame.buffer).setUint32(0, 0x57454d42, true);
    new DataView(frame.buffer).setUint32(4, header.byteLength, true);
    frame.set(header, 8);
    expect(() => decodeMessage(frame)).toThrow(/overlapping/);
  });
});
