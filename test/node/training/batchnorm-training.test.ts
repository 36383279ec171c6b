import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBatchNormTraining, uninstallBatchNormTraining } from '../../../electron/core/training/engine/batchnorm-training';

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

/**
 * One batch-norm layer (with non-trivial gamma, beta and moving statistics) in training mode:
 * output, gradients of a weighted sum of the output with respect to x, gamma and beta, and the
 * moving statistics after the step.
 */
function run(shape: number[], seed: number) {
  const c = shape[shape.length - 1];
  const layer = tf.layers.batchNormalization({ axis: -1, epsilon: 1e-5, momentum: 0.9 });
  layer.build(shape);
  layer.setWeights([
    tf.randomNormal([c], 1, 0.3, 'float32', seed), // gamma
    tf.randomNormal([c], 0, 0.5, 'float32', seed + 1), // beta
    tf.randomNormal([c], 0, 0.2, 'float32', seed + 2), // moving mean
    tf.randomUniform([c], 0.5, 2, 'float32', seed + 3), // moving variance
  ]);
  const x = tf.randomNormal(shape, 0.7, 2, 'float32', seed + 4);
  const r = tf.randomNormal(shape, 0, 1, 'float32', seed + 5);
  const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const f = () => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, r)) as tf.Scalar;
  const y = (layer.apply(x, { training: true }) as tf.Tensor).dataSync().slice();
  // The apply above moved the statistics once; the gradient call moves them again.
  const { grads } = tf.variableGrads(f, [gamma, beta]);
  const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input, { training: true }) as tf.Tensor, r)))(x);
  const weights = layer.getWeights().map((w) => w.dataSync().slice());
  const out = { y, dx: dx.dataSync().slice(), dgamma: grads[gamma.name].dataSync().slice(), dbeta: grads[beta.name].dataSync().slice(), movingMean: weights[2], movingVariance: weights[3] };
  tf.dispose([x, r, dx, ...Object.values(grads)]);

  return out;
}

describe('fused batch normalisation in training mode', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => uninstallBatchNormTraining());

  it.each([[[2, 6, 6, 4]], [[4, 2, 3, 7]], [[3, 5, 5, 16]], [[6, 5]], [[2, 8, 8, 1]]])('gives the stock layer output, gradients and moving statistics for %o', (shape) => {
    uninstallBatchNormTraining();
    const stock = run(shape, 11);
    installBatchNormTraining();
    const fused = run(shape, 11);
    for (const key of ['y', 'dx', 'dgamma', 'dbeta', 'movingMean', 'movingVariance'] as const) {
      expect(fused[key].length, key).toBe(stock[key].length);
      expect(relativeError(fused[key], stock[key]), key).toBeLessThan(1e-4);
    }
  });

  it('runs fewer and no JavaScript-filled kernels in the backward pass than the stock layer', async () => {
    const kernels = async () => {
      const layer = tf.layers.batchNormalization({ axis: -1 });
      const x = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 3);
      const profile = await tf.profile(() => tf.grad((input: tf.Tensor) => tf.sum(layer.apply(input, { training: true }) as tf.Tensor))(x));
      tf.dispose(x);
      return profile.kernels.map((k) => k.name);
    };
    uninstallBatchNormTraining();
    const stock = await kernels();
    installBatchNormTraining();
    const fused = await kernels();
    expect(stock).toContain('Square');
    expect(fused.length).toBeLessThan(stock.length * 0.75);
  });

  it('leaves inference mode to the stock layer and leaks no tensors', () => {
    installBatchNormTraining();
    const layer = tf.layers.batchNormalization({ axis: -1 });
    const x = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 3);
    layer.apply(x, { training: true });
    const before = tf.memory().numTensors;
    tf.dispose(tf.grad((input: tf.Tensor) => tf.sum(layer.apply(input, { training: true }) as tf.Tensor))(x));
    tf.dispose(layer.apply(x, { training: false }) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    const inference = (layer.apply(x, { training: false }) as tf.Tensor).dataSync();
    const [, , mean, variance] = layer.getWeights().map((w) => w.dataSync());
    // Inference normalises with the moving statistics (gamma 1, beta 0 here).
    const first = (x.dataSync()[0] - mean[0]) / Math.sqrt(variance[0] + 1e-3);
    expect(inference[0]).toBeCloseTo(first, 4);
    tf.dispose(x);

  });
});
