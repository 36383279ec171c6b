import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createHostClient } from '../../../shared/contracts/client';
import { RemoteError } from '../../../shared/contracts/errors';
import { inProcessTransport } from '../../../shared/contracts/transports/in-process';
import { webSocketTransport } from '../../../shared/contracts/transports/websocket';
import { decodeMessage, encodeMessage, type ClientMessage } from '../../../shared/contracts/wire';
import { createCore, type Core } from '../../../electron/core/core';
import { startWebHost, type WebHost } from '../../../electron/host/web-host';
import { ROOT } from '../../support/host-process';

/**
 * The one typed client over its WebSocket transport under Node (the `ws` package): against the
 * real web host for calls and refusals, and against a bare socket server for what the host does
 * not do on demand (binary results, dropped connections).
 */

let core: Core;
let host: WebHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bme-hostclient-'));
  core = createCore({ hostKind: 'web', dataDir: dir, studiesDir: join(dir, 'studies') });
  host = await startWebHost({ core, rendererDir: join(ROOT, 'dist', 'renderer') });
});
afterAll(async () => {
  await host.close();
  core.close();
});

/** A socket server that answers every call with `answer(call)`; counts its connections. */
async function bareServer(answer: (call: ClientMessage, socket: WebSocket) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  let connections = 0;
  wss.on('connection', (socket) => {
    connections++;
    socket.on('message', (data, isBinary) => answer(decodeMessage(isBinary ? new Uint8Array(data as Buffer) : data.toString()) as ClientMessage, socket));
  });
  onTestFinished(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  const { port } = wss.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}/ws`, wss, connections: () => connections };
}

describe('the typed client over WebSocket (ws under Node)', () => {
  it('calls the real host: results typed, a call without parameters, refusals as RemoteError with code and method', async () => {
    const url = `ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(host.token)}&session=client-test`;
    const client = createHostClient(webSocketTransport({ url, WebSocket, reconnect: false }));
    onTestFinished(() => client.close());
    const info = await client.api.app.info();
    expect(info.host).toBe('web');
    const refusal = await client.api.reading.worklist().catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RemoteError);
    expect(refusal).toMatchObject({ code: 'no_study', method: 'reading.worklist', message: expect.stringContaining('needs an open study') });
  });

  it('receives binary results, typed arrays intact, and text ones', async () => {
    const server = await bareServer((call, socket) => {
      const result =
        call.method === 'viewer.slices'
          ? [{ index: 0, width: 3, height: 1, stored: new Int16Array([-3, 0, 4095]), slope: 1, intercept: 0, invert: false }]
          : { version: 'x' };
      socket.send(encodeMessage({ t: 'result', id: call.id, ok: true, result }));
    });
    const client = createHostClient(webSocketTransport({ url: server.url, WebSocket, reconnect: false }));
    onTestFinished(() => client.close());
    const [slice] = await client.api.viewer.slices({ seriesId: 1, from: 0, count: 1 });
    expect(slice!.stored).toBeInstanceOf(Int16Array);
    expect([...slice!.stored]).toEqual([-3, 0, 4095]);
    expect(await client.api.app.info()).toEqual({ version: 'x' });
  });

  it('without reconnect: a dropped connection fails the call in flight and every later one, and is not reopened', async () => {
    const server = await bareServer((_call, socket) => socket.terminate());
    const client = createHostClient(webSocketTransport({ url: server.url, WebSocket, reconnect: false }));
    await expect(client.api.app.info()).rejects.toMatchObject({ code: 'disconnected' });
    await expect(client.api.app.info()).rejects.toMatchObject({ code: 'disconnected', message: expect.stringContaining('app.info was not sent') });
    await new Promise((r) => setTimeout(r, 600));
    expect(server.connections()).toBe(1);
    await client.close(); // already closed: resolves at once
  });

  it('with reconnect (the browser tab): reconnects after a drop and carries on; close() stops it', async () => {
    let drop = true;
    const server = await bareServer((call, socket) => {
      if (drop) {
        drop = false;
        socket.terminate();
      } else socket.send(encodeMessage({ t: 'result', id: call.id, ok: true, result: { version: 'again' } }));
    });
    const client = createHostClient(webSocketTransport({ url: server.url, WebSocket }));
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    await expect(client.api.app.info()).rejects.toMatchObject({ code: 'disconnected', message: expect.stringContaining('it will reconnect') });
    expect(await client.api.app.info()).toEqual({ version: 'again' });
    expect(server.connections()).toBe(2);
    await client.close();
    expect(statuses.at(-1)).toBe('closed');
    await new Promise((r) => setTimeout(r, 600));
    expect(server.connections()).toBe(2);
  });
});

describe('the typed client in process', () => {
  it("goes through the router as its session, and hears only that session's events", async () => {
    const sessions = { a: core.sessions.get('in-process-a'), b: core.sessions.get('in-process-b') };
    const a = createHostClient(inProcessTransport(core.router, sessions.a, core.events));
    expect((await a.api.app.info()).host).toBe('web');
    await expect(a.api.study.current()).resolves.toBeNull();
    const heard: unknown[] = [];
    const stop = a.on('training.changed', (p) => heard.push(p));
    core.events.emit('training.changed', { modelId: 1 }, (s) => s === sessions.b);
    core.events.emit('training.changed', { modelId: 2 }, (s) => s === sessions.a);
    stop();
    core.events.emit('training.changed', { modelId: 3 }, (s) => s === sessions.a);
    expect(heard).toEqual([{ modelId: 2 }]);
  });
});
