import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { leanBatchNormGradient, stockBatchNormGradient } from '../../../electron/core/training/engine/batchnorm-gradient';
import { selectEngine } from '../../../electron/core/training/engine/select-engine';

/** max |a - b| / max |b|: relative to the largest reference value. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    ref = Math.max(ref, Math.abs(expected[i]));
  }
  return diff / ref;
}

describe('wasm per-channel Sum and Mean', () => {
  beforeAll(async () => {
    await selectEngine('wasm');
  });

  const shapes = [[2, 5, 7, 3], [4, 16, 16, 16], [6, 10], [3, 4, 5], [1, 1, 1, 8]];
  it.each(shapes.map((s) => [s.join('x'), s] as const))('%s matches the cpu backend for leading-axes and other reductions', async (_, shape) => {
    const reductions: { axis: number[]; keepDims: boolean }[] = [
      { axis: shape.slice(0, -1).map((_, i) => i), keepDims: false },
      { axis: shape.slice(0, -1).map((_, i) => i), keepDims: true },
      { axis: [shape.length - 1], keepDims: false },
    ];
    const run = () =>
      tf.tidy(() => {
        const x = tf.randomNormal(shape, 1, 2, 'float32', 42);
        return reductions.flatMap((r) => [tf.sum(x, r.axis, r.keepDims), tf.mean(x, r.axis, r.keepDims)]).map((t) => ({ shape: t.shape, data: t.dataSync().slice() }));
      });
    await tf.setBackend('cpu');
    const ref = run();
    await tf.setBackend('wasm');
    const got = run();
    got.forEach((g, i) => {
      expect(g.shape).toEqual(ref[i].shape);
      expect(relativeError(g.data, ref[i].data)).toBeLessThan(1e-4);
    });
  });
});

describe('wasm FusedBatchNorm', () => {
  it.each([[[2, 5, 7, 3]], [[4, 16, 16, 16]], [[6, 10]]])('matches the cpu backend for %o, with and without scale and offset, and with broadcast statistics', async (shape) => {
    const c = shape[shape.length - 1];
    const run = () =>
      tf.tidy(() => {
        const x = tf.randomNormal(shape, 0.5, 2, 'float32', 1);
        const mean = tf.randomNormal([c], 0, 1, 'float32', 2);
        const variance = tf.randomUniform([c], 0.1, 3, 'float32', 3);
        const offset = tf.randomNormal([c], 0, 1, 'float32', 4);
        const scale = tf.randomNormal([c], 1, 0.5, 'float32', 5);
        const full = [...shape.slice(0, -1).map(() => 1), c];
        return [
          tf.batchNorm(x, mean, variance, offset, scale, 1e-5),
          tf.batchNorm(x, mean, variance, undefined, undefined, 1e-3),
          tf.batchNorm(x, tf.reshape(mean, full), tf.reshape(variance, full), tf.reshape(offset, full), tf.reshape(scale, full), 1e-5),
        ].map((t) => t.dataSync().slice());
      });
    await selectEngine('cpu');
    const ref = run();
    await selectEngine('wasm');
    const got = run();
    got.forEach((g, i) => expect(relativeError(g, ref[i])).toBeLessThan(1e-5));
  });
});

describe('wasm Concat and SplitV of equal parts', () => {
  const cases: { shape: number[]; axis: number; parts: number }[] = [
    { shape: [2, 5, 7, 3], axis: 3, parts: 2 },
    { shape: [2, 5, 7, 3], axis: 1, parts: 3 },
    { shape: [4, 6], axis: 0, parts: 2 },
    { shape: [3, 4, 2, 16], axis: -1, parts: 4 },
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s matches the cpu backend, and so do unequal parts', async (_, c) => {
    const run = () =>
      tf.tidy(() => {
        const parts = Array.from({ length: c.parts }, (_, i) => tf.randomNormal(c.shape, 0, 1, 'float32', 7 + i));
        const joined = tf.concat(parts, c.axis);
        const split = tf.split(joined, c.parts, c.axis);
        const rank = c.shape.length;
        const axis = c.axis < 0 ? rank + c.axis : c.axis;
        const unequalSizes = [1, c.shape[axis] * c.parts - 1];
        const unequal = tf.split(joined, unequalSizes, c.axis);
        const rejoined = tf.concat(unequal, c.axis);
        return [joined, ...split, ...unequal, rejoined].map((t) => ({ shape: t.shape, data: t.dataSync().slice() }));
      });
    await selectEngine('cpu');
    const ref = run();
    await selectEngine('wasm');
    const got = run();
    expect(got.length).toBe(ref.length);
    got.forEach((g, i) => {
      expect(g.shape).toEqual(ref[i].shape);
      expect(Array.from(g.data)).toEqual(Array.from(ref[i].data));
    });
  });
});

// (Rank 4 only: the stock gradient tiles to rank 4 and fails on other ranks, which the lean one handles.)
describe('lean batch-norm gradient', () => {
  it.each([[[2, 6, 6, 4]], [[4, 2, 3, 7]], [[3, 5, 5, 16]]])('equals the stock tfjs gradient on the cpu backend for %o', async (shape) => {
    await selectEngine('cpu');
    const stock = stockBatchNormGradient();
    expect(stock).toBeDefined();
    const c = shape[shape.length - 1];
    tf.tidy(() => {
      const x = tf.randomNormal(shape, 0.5, 2, 'float32', 1);
      const mean = tf.randomNormal([c], 0, 1, 'float32', 2);
      const variance = tf.randomUniform([c], 0.5, 3, 'float32', 3);
      const scale = tf.randomNormal([c], 1, 0.3, 'float32', 4);
      const dy = tf.randomNormal(shape, 0, 1, 'float32', 5);
      const attrs = { varianceEpsilon: 1e-5 } as unknown as tf.NamedAttrMap;
      const lean = leanBatchNormGradient.gradFunc(dy, [x, mean, variance, scale], attrs);
      const ref = stock!.gradFunc(dy, [x, mean, variance, scale], attrs);
      for (const input of ['x', 'mean', 'variance', 'scale', 'offset']) {
        const a = lean[input]();
        const b = ref[input]();
        expect(a.shape).toEqual(b.shape);
        expect(relativeError(a.dataSync(), b.dataSync())).toBeLessThan(1e-4);
      }
    });
  });
});
