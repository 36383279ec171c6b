import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, type Trainer } from '../../../electron/core/training/engine/trainer';
import { parseEnginePreference, selectEngine } from '../../../electron/core/training/engine/select-engine';

/** Learnable batch: the label is a bright square in noise. */
function batch(n: number, size: number, seed: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const x = new Float32Array(n * size * size * 3);
  const y = new Float32Array(n * size * size);
  for (let i = 0; i < n; i++) {
    const r0 = Math.floor(rand() * (size - 10));
    const c0 = Math.floor(rand() * (size - 10));
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) {
        const inside = r >= r0 && r < r0 + 10 && c >= c0 && c < c0 + 10 ? 1 : 0;
        y[(i * size + r) * size + c] = inside;
        for (let k = 0; k < 3; k++) x[((i * size + r) * size + c) * 3 + k] = inside * 2 + (rand() - 0.5);
      }
  }
  return { x, y };
}

let dir: string;
let workerScript: string;

beforeAll(async () => {
  // Inside the project so that the bundle resolves its npm packages from node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(join(cache, 'bme-trainer-test-'));
  // The worker threads run the bundled entry, as in the app (scripts/build.mjs builds the same file).
  workerScript = join(dir, 'training-replica.cjs');
  await build({
    entryPoints: ['electron/core/training/engine/replica-worker-entry.ts'], outfile: workerScript,
    bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trainer', () => {
  it('keeps both worker replicas on the same weights, also after a batch of fewer images than replicas', async () => {
    const size = 32;
    const trainer = await createTrainer({ size, filters: 4, engine: 'wasm', workers: 2, workerScript, inference: 'tfjs' });
    try {
      const { x, y } = batch(4, size, 5);
      const one = size * size;
      for (const n of [4, 1, 4, 1]) await trainer.trainBatch(x.slice(0, n * one * 3), y.slice(0, n * one), n);
      // Two copies of one image: replica 0 predicts the first, replica 1 the second.
      const image = x.slice(0, one * 3);
      const pair = new Float32Array(2 * one * 3);
      pair.set(image, 0);
      pair.set(image, one * 3);
      const p = await trainer.predict(pair, 2);
      let diff = 0;
      for (let i = 0; i < one; i++) diff = Math.max(diff, Math.abs(p[i] - p[one + i]));
      expect(diff).toBe(0);
    } finally {
      await trainer.dispose();
    }
  });

  it('trains with two worker replicas, lowers the loss, and predicts the same through onnxruntime and tfjs', async () => {
    const size = 32;
    const trainer = await createTrainer({ size, filters: 4, engine: 'wasm', workers: 2, workerScript, learningRate: 3e-3 });
    let tfjs: Trainer | null = null;
    try {
      expect(trainer.engine.name).toBe('wasm');
      expect(trainer.workers).toBe(2);
      expect(trainer.inference().name).toBe('onnxruntime');
      const { x, y } = batch(4, size, 3);
      const losses: number[] = [];
      for (let i = 0; i < 12; i++) losses.push((await trainer.trainBatch(x, y, 4)).loss);
      expect(losses[11]).toBeLessThan(losses[0] * 0.9);

      const viaOnnx = await trainer.predict(x, 4);
      tfjs = await createTrainer({ size, filters: 4, engine: 'wasm', workers: 0, inference: 'tfjs' });
      await tfjs.setWeights(await trainer.getWeights());
      const viaTfjs = await tfjs.predict(x, 4);
      let diff = 0;
      for (let i = 0; i < viaTfjs.length; i++) diff = Math.max(diff, Math.abs(viaOnnx[i] - viaTfjs[i]));
      expect(diff).toBeLessThan(1e-4);

      // save / load round trip in tfjs format, into a trainer with other initial weights
      await trainer.save(join(dir, 'model'));
      const other = await createTrainer({ size, filters: 4, engine: 'wasm', workers: 0, inference: 'tfjs', seed: 99 });
      try {
        await other.load(join(dir, 'model'));
        const reloaded = await other.predict(x, 4);
        let d2 = 0;
        for (let i = 0; i < reloaded.length; i++) d2 = Math.max(d2, Math.abs(reloaded[i] - viaTfjs[i]));
        expect(d2).toBeLessThan(1e-6);
      } finally {
        await other.dispose();
      }
    } finally {
      await trainer.dispose();
      await tfjs?.dispose();
    }
  });

  it('refuses a model saved with other settings, saying so', async () => {
    const small = await createTrainer({ size: 32, filters: 4, engine: 'wasm', workers: 0, inference: 'tfjs' });
    const wide = await createTrainer({ size: 32, filters: 6, engine: 'wasm', workers: 0, inference: 'tfjs' });
    try {
      await small.save(join(dir, 'small'));
      await expect(wide.load(join(dir, 'small'))).rejects.toThrow(/other settings/);
    } finally {
      await small.dispose();
      await wide.dispose();
    }
  });

  it('rejects batches of the wrong length with the expected layout', async () => {
    const t = await createTrainer({ size: 32, filters: 4, engine: 'cpu', workers: 0, inference: 'tfjs' });
    try {
      await expect(t.trainBatch(new Float32Array(10), new Float32Array(10), 1)).rejects.toThrow(/1 x 32 x 32 x 3/);
    } finally {
      await t.dispose();
    }
  });
});

describe('engine selection', () => {
  it('records why better engines did not load and can be forced', async () => {
    const auto = await selectEngine('auto');
    // tfjs-node(-gpu) cannot install here (no libtensorflow download): both are reported.
    expect(auto.how).toBe('auto');
    expect(['tfjs-node-gpu', 'tfjs-node', 'wasm']).toContain(auto.name);
    if (auto.name === 'wasm') {
      expect(auto.reasons.map((r) => r.engine)).toEqual(['tfjs-node-gpu', 'tfjs-node']);
      for (const r of auto.reasons) expect(r.reason.length).toBeGreaterThan(0);
    }
    const cpu = await selectEngine('cpu');
    expect(cpu).toMatchObject({ name: 'cpu', how: 'forced' });
  });

  it('parses BME_ENGINE values and rejects unknown names', () => {
    expect(parseEnginePreference(undefined)).toBe('auto');
    expect(parseEnginePreference('wasm')).toBe('wasm');
    expect(() => parseEnginePreference('cuda')).toThrow(/unknown training engine 'cuda'/);
  });
});
