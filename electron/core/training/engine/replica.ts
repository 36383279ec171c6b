import * as tf from '@tensorflow/tfjs';
import { createAttentionUNet } from '../model/attention-unet';
import { segmentationLoss, type LossName } from '../model/losses';
import type { WeightSet } from './weights';

/** What defines a model and its training; the same options on every replica give the same model. */
export interface ModelSpec {
  /** Filters of the first level (default 16). */
  filters: number;
  /** Input height = width in pixels (multiple of 16). */
  size: number;
  /** Input channels (3 for fake-color). */
  channels: number;
  /** Initialiser seed (default 1). */
  seed?: number;
  /** Training loss (default 'dice-bce'). */
  loss?: LossName;
  /** Adam learning rate (default 1e-3). */
  learningRate?: number;
}

/**
 * One copy of the model with its optimiser, on the current tfjs backend. The trainers drive one
 * in-process replica or one per worker thread; gradients travel between them as one flat
 * Float32Array in model.trainableWeights order.
 */
export class ModelReplica {
  readonly model: tf.LayersModel;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly variables: tf.Variable[];
  private readonly lossName: LossName;
  /** Number of trainable parameters (length of a flat gradient). */
  readonly parameterCount: number;

  constructor(readonly spec: ModelSpec) {
    this.model = createAttentionUNet({ filters: spec.filters, size: spec.size, channels: spec.channels, seed: spec.seed });
    this.lossName = spec.loss ?? 'dice-bce';
    // PyTorch's Adam defaults (beta 0.9/0.999, eps 1e-8), as the reference benchmark uses.
    this.optimizer = tf.train.adam(spec.learningRate ?? 1e-3, 0.9, 0.999, 1e-8);
    this.variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.parameterCount = this.variables.reduce((s, v) => s + v.size, 0);
  }

  private imageShape(n: number): [number, number, number, number] {
    return [n, this.spec.size, this.spec.size, this.spec.channels];
  }

  private lossOf(x: Float32Array, y: Float32Array, n: number) {
    const xs = tf.tensor4d(x, this.imageShape(n));
    const ys = tf.tensor4d(y, [n, this.spec.size, this.spec.size, 1]);
    // training: true makes batch norm use batch statistics and update its moving averages.
    const f = () => segmentationLoss(this.lossName, this.model.apply(xs, { training: true }) as tf.Tensor, ys);
    return { xs, ys, f };
  }

  /** One optimiser step on this batch; returns the loss before the step. */
  trainStep(x: Float32Array, y: Float32Array, n: number): number {
    const { xs, ys, f } = this.lossOf(x, y, n);
    try {
      const { value, grads } = tf.variableGrads(f, this.variables);
      this.optimizer.applyGradients(namedList(grads));
      const loss = value.dataSync()[0];
      tf.dispose([value, grads]);
      return loss;
    } finally {
      tf.dispose([xs, ys]);
    }
  }

  /** Loss and gradients of this shard, without changing the weights (batch-norm statistics do move). */
  computeGradients(x: Float32Array, y: Float32Array, n: number): { loss: number; grads: Float32Array } {
    const { xs, ys, f } = this.lossOf(x, y, n);
    try {
      const { value, grads } = tf.variableGrads(f, this.variables);
      const flat = new Float32Array(this.parameterCount);
      let offset = 0;
      for (const v of this.variables) {
        flat.set(grads[v.name].dataSync() as Float32Array, offset);
        offset += v.size;
      }
      const loss = value.dataSync()[0];
      tf.dispose([value, grads]);
      return { loss, grads: flat };
    } finally {
      tf.dispose([xs, ys]);
    }
  }

  /** The trainable weights as one flat array, in the order of the gradients. */
  getTrainable(): Float32Array {
    const flat = new Float32Array(this.parameterCount);
    let offset = 0;
    for (const v of this.variables) {
      flat.set(v.dataSync() as Float32Array, offset);
      offset += v.size;
    }
    return flat;
  }

  /** Replaces the trainable weights (flat, gradient order), e.g. after an optimiser step elsewhere. */
  setTrainable(flat: Float32Array): void {
    if (flat.length !== this.parameterCount) {
      throw new Error(`weights have ${flat.length} values, the model ${this.parameterCount}`);
    }
    let offset = 0;
    for (const v of this.variables) {
      const value = tf.tensor(flat.subarray(offset, offset + v.size), v.shape);
      v.assign(value);
      value.dispose();
      offset += v.size;
    }
  }

  /** Loss of a batch in inference mode (moving statistics), for validation. */
  evaluate(x: Float32Array, y: Float32Array, n: number): number {
    return tf.tidy(() => {
      const p = this.model.apply(tf.tensor4d(x, this.imageShape(n)), { training: false }) as tf.Tensor;
      return segmentationLoss(this.lossName, p, tf.tensor4d(y, [n, this.spec.size, this.spec.size, 1])).dataSync()[0];
    });
  }

  /** Probabilities [n, size, size, 1] in inference mode. */
  predict(x: Float32Array, n: number): Float32Array {
    return tf.tidy(() => {
      const p = this.model.apply(tf.tensor4d(x, this.imageShape(n)), { training: false }) as tf.Tensor;
      return p.dataSync() as Float32Array;
    });
  }

  getWeights(): WeightSet {
    return this.model.weights.map((w) => ({
      name: w.originalName,
      shape: w.shape.map((d) => d ?? 1),
      trainable: w.trainable,
      data: (w.read().dataSync() as Float32Array).slice(),
    }));
  }

  setWeights(weights: WeightSet): void {
    const own = this.model.weights;
    if (weights.length !== own.length) throw new Error(`weights have ${weights.length} entries, the model ${own.length}`);
    const tensors = weights.map((w, i) => {
      const expected = own[i].shape.join('x');
      if (w.shape.join('x') !== expected) throw new Error(`weight ${w.name} has shape ${w.shape.join('x')}, the model ${expected}`);
      return tf.tensor(w.data, w.shape);
    });
    this.model.setWeights(tensors);
    tf.dispose(tensors);
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
  }
}

function namedList(map: tf.NamedTensorMap): { name: string; tensor: tf.Tensor }[] {
  return Object.entries(map).map(([name, tensor]) => ({ name, tensor }));
}
