import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectEngine } from '../../../electron/core/training/engine/select-engine';

/**
 * The wasm convolution gradients (recast as forward convolutions) against the pure-JS cpu
 * backend's reference kernels, on random inputs. Tolerance: max |wasm - cpu| <= 1e-4 * max |cpu|
 * (relative to the largest reference value, since single elements can be near zero).
 */
type Case = { n: number; h: number; w: number; ci: number; co: number; k: [number, number]; stride: 1 | 2; pad: 'same' | 'valid' };

const cases: Case[] = [
  { n: 2, h: 16, w: 16, ci: 3, co: 8, k: [3, 3], stride: 1, pad: 'same' },
  { n: 1, h: 9, w: 7, ci: 5, co: 4, k: [3, 3], stride: 1, pad: 'valid' },
  { n: 3, h: 8, w: 8, ci: 16, co: 32, k: [3, 3], stride: 1, pad: 'same' },
  { n: 2, h: 8, w: 8, ci: 32, co: 16, k: [1, 1], stride: 1, pad: 'same' },
  { n: 2, h: 11, w: 10, ci: 4, co: 6, k: [3, 3], stride: 2, pad: 'same' },
  { n: 2, h: 11, w: 10, ci: 4, co: 6, k: [3, 3], stride: 2, pad: 'valid' },
  { n: 1, h: 12, w: 12, ci: 8, co: 8, k: [2, 2], stride: 2, pad: 'valid' },
  { n: 2, h: 6, w: 5, ci: 2, co: 3, k: [3, 2], stride: 1, pad: 'same' },
];

/** Gradients of sum(conv(x, W) * r) w.r.t. x and W on the active backend (r fixes dy). */
function convGrads(c: Case, seed: number) {
  return tf.tidy(() => {
    const x = tf.randomNormal([c.n, c.h, c.w, c.ci], 0, 1, 'float32', seed) as tf.Tensor4D;
    const filter = tf.randomNormal([c.k[0], c.k[1], c.ci, c.co], 0, 1, 'float32', seed + 1) as tf.Tensor4D;
    const out = tf.conv2d(x, filter, c.stride, c.pad);
    const r = tf.randomNormal(out.shape, 0, 1, 'float32', seed + 2);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r)))([x, filter]);
    return { dx: dx.dataSync().slice(), dw: dw.dataSync().slice(), dxShape: dx.shape, dwShape: dw.shape };
  });
}

function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
    maxRef = Math.max(maxRef, Math.abs(expected[i]));
  }
  return maxDiff / maxRef;
}

describe('wasm convolution gradients', () => {
  beforeAll(async () => {
    const engine = await selectEngine('wasm');
    expect(engine.kernels).toContain('Conv2DBackpropFilter');
  });

  it.each(cases.map((c, i) => [i, c] as const))('case %i matches the cpu backend: %o', async (i, c) => {
    await tf.setBackend('cpu');
    const ref = convGrads(c, 100 + i);
    await tf.setBackend('wasm');
    const got = convGrads(c, 100 + i);
    expect(got.dxShape).toEqual(ref.dxShape);
    expect(got.dwShape).toEqual(ref.dwShape);
    expect(relativeError(got.dx, ref.dx)).toBeLessThan(1e-4);
    expect(relativeError(got.dw, ref.dw)).toBeLessThan(1e-4);
  });

  it('does not leak wasm memory across repeated gradient steps', async () => {
    await tf.setBackend('wasm');
    const c = cases[2];
    convGrads(c, 7);
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    for (let i = 0; i < 5; i++) convGrads(c, 7);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytesBefore);
  });
});
