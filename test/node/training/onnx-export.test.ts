import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createAttentionUNet } from '../../../electron/core/training/model/attention-unet';
import { selectEngine } from '../../../electron/core/training/engine/select-engine';
import { exportOnnx } from '../../../electron/core/training/onnx/export-onnx';
import { createOnnxPredictor } from '../../../electron/core/training/onnx/onnx-predictor';

/** Fills every weight (batch-norm statistics included) with seeded values, so folding is exercised. */
function randomizeWeights(model: tf.LayersModel, seed: number) {
  const values = model.weights.map((w, i) => {
    const shape = w.shape as number[];
    const name = w.originalName;
    if (name.endsWith('moving_variance')) return tf.randomUniform(shape, 0.5, 2, 'float32', seed + i);
    if (name.endsWith('gamma')) return tf.randomUniform(shape, 0.5, 1.5, 'float32', seed + i);
    return tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed + i), name.endsWith('kernel') ? 0.3 : 0.2);
  });
  model.setWeights(values);
  tf.dispose(values);
}

describe('ONNX export', () => {
  it('gives the same probabilities in onnxruntime as tfjs (inference mode) within 1e-4', async () => {
    await selectEngine('cpu');
    const size = 32;
    const n = 2;
    const model = createAttentionUNet({ filters: 4, size, channels: 3, seed: 3 });
    randomizeWeights(model, 10);
    const x = tf.randomNormal([n, size, size, 3], 0, 1, 'float32', 99);
    const expected = (model.predict(x) as tf.Tensor).dataSync();
    const bytes = exportOnnx(model);
    const predictor = await createOnnxPredictor(bytes, { size, channels: 3 }, 1);
    const actual = await predictor.predict(x.dataSync() as Float32Array, n);
    await predictor.dispose();
    expect(actual.length).toBe(expected.length);
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
    // Probabilities are in [0, 1], so the absolute difference is also relative to the range.
    expect(maxDiff).toBeLessThan(1e-4);
    // Not a constant output: the comparison has something to compare.
    const spread = Math.max(...expected) - Math.min(...expected);
    expect(spread).toBeGreaterThan(0.05);
    x.dispose();
    model.dispose();
  });

  it('refuses layers it cannot translate, naming the layer', async () => {
    await selectEngine('cpu');
    const input = tf.input({ shape: [8, 8, 3] });
    const out = tf.layers.dropout({ rate: 0.5, name: 'drop_me' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    expect(() => exportOnnx(model)).toThrow(/drop_me/);
  });
});
