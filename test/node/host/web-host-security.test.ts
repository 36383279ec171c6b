import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../electron/core/core';
import { startWebHost, type WebHost } from '../../../electron/host/web-host';
import { decodeMessage, encodeMessage } from '../../../shared/contracts/wire';
import { ROOT } from '../../support/host-process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

let core: Core;
let host: WebHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bme-hostsec-'));
  core = createCore({ hostKind: 'web', dataDir: dir, studiesDir: join(dir, 'studies') });
  host = await startWebHost({ core, rendererDir: join(ROOT, 'dist', 'renderer') });
});
afterAll(async () => {
  await host.close();
  core.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(path: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}

describe('the Node host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses requests without the token (401, in words)', async () => {
    const res = await get('/');
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/needs its access token/);
    expect((await get('/app.js')).status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    const res = await get('/?token=wrong-token-value');
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/token is wrong/);
  });

  it('trades the URL token for a strict HttpOnly cookie and serves the app with a CSP', async () => {
    const first = await get(`/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get('/', { Cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['content-security-policy'])).toMatch(/default-src 'none'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a foreign Host header even with the right token (DNS rebinding)', async () => {
    const res = await get(`/?token=${host.token}`, { Host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/answers only to 127\.0\.0\.1/);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const res = await get(`/?token=${host.token}`, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/evil\.example/);
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await get(`/..%2F..%2Fpackage.json?token=${host.token}`);
    expect([303, 404]).toContain(res.status);
    const cookie = `bme_token_${host.port}=${host.token}`;
    const traversal = await get('/..%2F..%2Fpackage.json', { Cookie: cookie });
    expect(traversal.status).toBe(404);
  });

  it('refuses WebSockets without the token, with a wrong one, or from a foreign origin', async () => {
    await expect(openSocket('/ws')).rejects.toMatchObject({ status: 401 });
    await expect(openSocket('/ws?token=nope')).rejects.toMatchObject({ status: 401 });
    await expect(openSocket(`/ws?token=${host.token}`, { Origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 });
    await expect(openSocket(`/ws?token=${host.token}`, { Host: 'attacker.test' })).rejects.toMatchObject({ status: 403 });
  });

  it('answers contract calls over an authorised WebSocket', async () => {
    const ws = await openSocket(`/ws?token=${host.token}&session=testsession01`, { Origin: `http://127.0.0.1:${host.port}` });
    const reply = new Promise<unknown>((resolve) => ws.once('message', (d, bin) => resolve(decodeMessage(bin ? new Uint8Array(d as Buffer) : d.toString()))));
    ws.send(encodeMessage({ t: 'call', id: 7, method: 'app.info', params: {} }) as string);
    expect(await reply).toMatchObject({ t: 'result', id: 7, ok: true, result: { host: 'web', version: expect.any(String) } });
    const refused = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(decodeMessage(d.toString()))));
    ws.send(encodeMessage({ t: 'call', id: 8, method: 'fs.readFile', params: {} }) as string);
    expect(await refused).toMatchObject({ id: 8, ok: false, error: { code: 'unknown_method' } });
    ws.close();
  });
});
