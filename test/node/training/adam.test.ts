import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { adamSettings, FlatAdam } from '../../../electron/core/training/engine/adam';

describe('flat Adam of the data-parallel trainer', () => {
  it("follows tfjs' AdamOptimizer step for step, with the gradient averaged from weighted parts", async () => {
    await tf.setBackend('cpu');
    const size = 1000;
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    const start = Float32Array.from({ length: size }, rand);
    const variable = tf.variable(tf.tensor1d(start));
    const optimizer = tf.train.adam(1e-2, 0.9, 0.999, 1e-8);
    const adam = new FlatAdam(adamSettings(1e-2), size);
    const flat = start.slice();
    for (let step = 0; step < 6; step++) {
      // Two parts of 3 and 5 images: the batch gradient is 3/8 g1 + 5/8 g2. Small entries test eps.
      const g1 = Float32Array.from({ length: size }, (_, i) => rand() * (i % 10 === 0 ? 1e-9 : 1));
      const g2 = Float32Array.from({ length: size }, rand);
      const mean = g1.map((g, i) => (3 / 8) * g + (5 / 8) * g2[i]);
      const grad = tf.tensor1d(mean);
      optimizer.applyGradients([{ name: variable.name, tensor: grad }]);
      grad.dispose();
      adam.step(flat, [g1, g2], [3 / 8, 5 / 8]);
    }
    const reference = variable.dataSync();
    let maxDiff = 0;
    let maxMove = 0;
    for (let i = 0; i < size; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(flat[i] - reference[i]));
      maxMove = Math.max(maxMove, Math.abs(reference[i] - start[i]));
    }
    expect(maxMove).toBeGreaterThan(0.05); // six steps of about lr each moved the weights
    expect(maxDiff / maxMove).toBeLessThan(1e-4);
    optimizer.dispose();
    variable.dispose();
  });

  it('refuses gradients of the wrong length', () => {
    const adam = new FlatAdam(adamSettings(1e-3), 4);
    expect(() => adam.step(new Float32Array(4), [new Float32Array(3)], [1])).toThrow(/3 values, expected 4/);
  });
});
