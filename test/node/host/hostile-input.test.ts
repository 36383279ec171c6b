import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesRead, WorklistItem } from '../../../shared/model/reading';
import { demoStudyCopy } from '../../support/demo';
import { connectHostClient, type HostClient } from '../../support/host-client';
import { startHostProcess, type HostProcess } from '../../support/host-process';
import { endedWithin, frame, rawConnect, rawWebSocket, upgradeRequest } from '../../support/raw-websocket';

/**
 * The real Node host (a child process, as `npm run web` runs it) against hostile network input,
 * with and without the token. After each input a reader saves a slice on the same host: the input
 * may end its own connection, never the host and never another tab's work.
 */

let host: HostProcess;
let reader: HostClient;
let read: SeriesRead;
let seriesId: number;
const hashes = new Map<number, string>();
let saves = 0;

async function saveASlice(): Promise<void> {
  const slice = read.slices[saves % read.slices.length]!;
  saves++;
  const saved = await reader.api.reading.saveSlice({
    seriesId,
    image: slice.image,
    label: saves % 2 ? 'absent' : 'unread',
    mask: null,
    beforeHash: hashes.get(slice.index) ?? slice.hash,
    action: 'Mark absent',
  });
  hashes.set(slice.index, saved.hash);
}

function expectHostAlive(): void {
  expect(host.child.exitCode, `the host exited:\n${host.output()}`).toBeNull();
  expect(host.child.signalCode).toBeNull();
}

const port = () => Number(new URL(host.origin).port);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const file = await demoStudyCopy(1, 7);
  host = await startHostProcess();
  reader = await connectHostClient(host);
  await reader.api.study.open({ file });
  await reader.api.session.signIn({ username: 'reader2', password: 'reader2-demo' });
  const item = (await reader.api.reading.worklist()).find((w) => !w.locked)!;
  seriesId = item.seriesId;
  read = await reader.api.reading.open({ seriesId });
  await saveASlice();
});

afterAll(async () => {
  await reader?.close();
  await host?.stop();
});

describe('the Node host under hostile input', () => {
  it('survives 120 refused upgrades (no token) whose connections are reset', async () => {
    const sockets: Socket[] = [];
    for (let i = 0; i < 120; i++) {
      const s = await rawConnect(port());
      s.write(upgradeRequest(port(), i % 2 ? '/ws' : '/ws?token=wrong'));
      sockets.push(s);
      // Half reset at once, half once the refusal may already be on its way back.
      if (i % 2) s.resetAndDestroy();
    }
    await pause(20);
    for (const s of sockets) if (!s.destroyed) s.resetAndDestroy();
    await pause(300);
    expectHostAlive();
    await saveASlice();
  });

  it('survives a half-sent upgrade that is reset, and a reset of an accepted WebSocket', async () => {
    for (let i = 0; i < 30; i++) {
      const s = await rawConnect(port());
      s.write(upgradeRequest(port(), `/ws?token=${host.token}`).slice(0, 40));
      s.resetAndDestroy();
      const ws = await rawWebSocket(port(), host.token);
      ws.resetAndDestroy();
    }
    await pause(300);
    expectHostAlive();
    await saveASlice();
  });

  const text = (s: string) => new TextEncoder().encode(s);
  const malformed: [string, Buffer][] = [
    ['a 64-bit length header beyond 2^53', frame(new Uint8Array(4), { opcode: 0x2, declaredLength: 1n << 63n })],
    ['a frame declaring 300 MB (beyond the cap)', frame(new Uint8Array(4), { opcode: 0x2, declaredLength: 300n * 1024n * 1024n })],
    ['invalid UTF-8 in a text frame', frame(new Uint8Array([0x7b, 0xff, 0xfe, 0xc0, 0x7d]), { opcode: 0x1 })],
    ['an unmasked frame from the client', frame(text('{"t":"call","id":1,"method":"app.info","params":{}}'), { opcode: 0x1, masked: false })],
    ['a reserved data opcode (0x3)', frame(text('x'), { opcode: 0x3 })],
    ['a reserved control opcode (0xB)', frame(text('x'), { opcode: 0xb })],
    ['RSV1 set without a negotiated extension', frame(text('{}'), { opcode: 0x1, rsv: 4 })],
    ['a fragmented ping', frame(text('x'), { opcode: 0x9, fin: false })],
    ['a control frame longer than 125 bytes', frame(new Uint8Array(200), { opcode: 0x9 })],
    ['a continuation frame with nothing to continue', frame(text('x'), { opcode: 0x0 })],
    ['a close frame with an invalid status code', frame(new Uint8Array([0x03, 0xed]), { opcode: 0x8 })],
    ['a text frame that is not JSON', frame(text('{not json'), { opcode: 0x1 })],
    ['a binary frame without the BMEW marker', frame(new Uint8Array(64), { opcode: 0x2 })],
  ];

  for (const [name, bytes] of malformed) {
    it(`survives ${name} on an authorised WebSocket, and only that connection ends`, async () => {
      const s = await rawWebSocket(port(), host.token);
      s.write(bytes);
      expect(await endedWithin(s, 5000), 'the host did not close the offending connection').toBe(true);
      s.destroy();
      expectHostAlive();
      await saveASlice();
    });
  }

  it('did not log an uncaught exception', () => {
    expectHostAlive();
    expect(host.output()).not.toMatch(/Uncaught|Unhandled|ECONNRESET|RangeError/);
  });
});
