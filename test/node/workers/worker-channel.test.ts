import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerClient } from '../../../electron/core/workers/worker-client';
import type { EchoProtocol } from './echo-protocol';

let script = '';
const dir = mkdtempSync(join(tmpdir(), 'bme-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  script = join(dir, 'echo-worker.cjs');
  await build({ entryPoints: [join(__dirname, 'echo-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'silent' });
});

const open = () => new WorkerClient<EchoProtocol>(script, 'the echo worker');

describe('the worker channel (one typed request/event helper for every worker thread)', () => {
  it('answers typed requests and streams a request\'s events to it, in order', async () => {
    const w = open();
    try {
      expect(await w.request('add', { a: 2, b: 40 })).toEqual({ sum: 42 });
      const ticks: number[] = [];
      const done = await w.request('count', { upTo: 5 }, { onEvent: (e) => ticks.push(e.payload.i) });
      expect(done).toEqual({ counted: 5 });
      expect(ticks).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await w.terminate();
    }
  });

  it('turns a handler\'s error into that request\'s rejection; the worker serves the next one', async () => {
    const w = open();
    try {
      await expect(w.request('fail', { message: 'slice 7 of /data/a.dcm is truncated' })).rejects.toThrow('slice 7 of /data/a.dcm is truncated');
      expect(await w.request('add', { a: 1, b: 1 })).toEqual({ sum: 2 });
    } finally {
      await w.terminate();
    }
  });

  it('fails only the request whose event listener throws, and never throws into the caller\'s thread', async () => {
    const w = open();
    try {
      const seen: number[] = [];
      await expect(
        w.request('count', { upTo: 10 }, {
          onEvent: (e) => {
            seen.push(e.payload.i);
            if (e.payload.i === 3) throw new Error('database or disk is full');
          },
        }),
      ).rejects.toThrow('database or disk is full');
      expect(seen).toEqual([1, 2, 3]);
      expect(await w.request('add', { a: 3, b: 4 })).toEqual({ sum: 7 });
    } finally {
      await w.terminate();
    }
  });

  it('moves transferred buffers both ways instead of copying them', async () => {
    const w = open();
    try {
      const values = Float32Array.from([1, 2, 3, 4]);
      const out = await w.request('double', { values }, { transfer: [values.buffer as ArrayBuffer] });
      expect(values.byteLength).toBe(0); // moved to the worker
      expect(out.receivedBytes).toBe(16);
      expect([...out.values]).toEqual([2, 4, 6, 8]);
    } finally {
      await w.terminate();
    }
  });

  it('rejects every request in flight with a clear error when the thread exits, and later ones at once', async () => {
    const w = open();
    const gone: string[] = [];
    w.onGone((err) => gone.push(err.message));
    const slow = w.request('count', { upTo: 1 });
    await expect(w.request('crash', { code: 3 })).rejects.toThrow('the echo worker exited with code 3');
    await slow.catch(() => undefined);
    expect(w.closed).toBe(true);
    await expect(w.request('add', { a: 1, b: 2 })).rejects.toThrow('the echo worker exited with code 3');
    expect(gone).toEqual(['the echo worker exited with code 3']);
  });

  it('answers a request kind the worker does not have with an error naming it', async () => {
    const w = open();
    try {
      await expect(w.request('nope' as 'add', { a: 1, b: 2 })).rejects.toThrow("this worker has no request 'nope'");
    } finally {
      await w.terminate();
    }
  });
});
