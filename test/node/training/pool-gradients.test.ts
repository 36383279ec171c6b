import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectEngine, type EngineName } from '../../../electron/core/training/engine/select-engine';

/** Gradients written from the definitions, independent of any tfjs kernel. */
function blockSumReference(dy: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  // 2x nearest up-sampling copies x[i, j] to the 2x2 block at (2i, 2j): its gradient sums that block.
  const dx = new Float32Array(n * h * w * c);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let k = 0; k < c; k++)
          for (let a = 0; a < 2; a++)
            for (let d = 0; d < 2; d++) dx[((b * h + i) * w + j) * c + k] += dy[((b * 2 * h + 2 * i + a) * 2 * w + 2 * j + d) * c + k];
  return dx;
}

function maxPoolReference(x: Float32Array, dy: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  // 2x2 max pooling, stride 2: dy of each window goes to the window's (unique, random data) maximum.
  const dx = new Float32Array(x.length);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h / 2; i++)
      for (let j = 0; j < w / 2; j++)
        for (let k = 0; k < c; k++) {
          let best = -Infinity;
          let at = -1;
          for (let a = 0; a < 2; a++)
            for (let d = 0; d < 2; d++) {
              const idx = ((b * h + 2 * i + a) * w + 2 * j + d) * c + k;
              if (x[idx] > best) [best, at] = [x[idx], idx];
            }
          dx[at] += dy[((b * (h / 2) + i) * (w / 2) + j) * c + k];
        }
  return dx;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>) {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe.each(['cpu', 'wasm'] as EngineName[])('resampling gradients on %s', (engine) => {
  it.each([[2, 4, 4, 3], [1, 8, 6, 16], [3, 2, 2, 1]])('2x nearest up-sampling and 2x2 max pooling match their definitions for %i x %i x %i x %i', async (n, h, w, c) => {
    await selectEngine(engine);
    tf.tidy(() => {
      const x = tf.randomNormal([n, h, w, c], 0, 1, 'float32', 11);
      const up = tf.randomNormal([n, 2 * h, 2 * w, c], 0, 1, 'float32', 12);
      const gUp = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [2 * h, 2 * w]), up)))(x);
      expect(maxAbsDiff(gUp.dataSync(), blockSumReference(up.dataSync() as Float32Array, n, h, w, c))).toBeLessThan(1e-5);
      const down = tf.randomNormal([n, h / 2, w / 2, c], 0, 1, 'float32', 13);
      const gPool = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'), down)))(x);
      expect(maxAbsDiff(gPool.dataSync(), maxPoolReference(x.dataSync() as Float32Array, down.dataSync() as Float32Array, n, h, w, c))).toBeLessThan(1e-6);
    });
  });

  it('2x2 max pooling sends dy to the first maximum of a window with ties (zeros after ReLU)', async () => {
    await selectEngine(engine);
    tf.tidy(() => {
      const [n, h, w, c] = [2, 6, 8, 5];
      const x = tf.relu(tf.randomNormal([n, h, w, c], -0.5, 1, 'float32', 21));
      const down = tf.randomNormal([n, h / 2, w / 2, c], 0, 1, 'float32', 22);
      const gPool = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'), down)))(x);
      expect(maxAbsDiff(gPool.dataSync(), maxPoolReference(x.dataSync() as Float32Array, down.dataSync() as Float32Array, n, h, w, c))).toBeLessThan(1e-6);
    });
  });
});
