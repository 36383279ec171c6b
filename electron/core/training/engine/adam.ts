/**
 * Adam on flat Float32Arrays, for the data-parallel trainer: the main thread averages the
 * replicas' gradients and takes the step once, in the same loop, and sends the new weights to the
 * replicas. (Each replica running tfjs' Adam on the same averaged gradient cost 70-90 ms of every
 * step on both cores, this loop about 15 ms on one.) The arithmetic is tfjs' AdamOptimizer's:
 *
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2
 *   w = w - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 *
 * with t counting steps from 1, in float32 storage (intermediates in float64).
 */
export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** PyTorch's (and tfjs') Adam defaults but the learning rate. */
export function adamSettings(learningRate: number): AdamSettings {
  return { learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
}

export class FlatAdam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private steps = 0;

  constructor(private readonly settings: AdamSettings, readonly size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /**
   * One step on `weights` (updated in place) with the gradient sum over parts of
   * `weightsOfParts[k] * gradients[k]` (the batch mean from the replicas' share means).
   */
  step(weights: Float32Array, gradients: Float32Array[], weightsOfParts: number[]): void {
    if (weights.length !== this.size) throw new Error(`Adam: ${weights.length} weights, expected ${this.size}`);
    for (const g of gradients) if (g.length !== this.size) throw new Error(`Adam: gradient of ${g.length} values, expected ${this.size}`);
    const { learningRate, beta1, beta2, epsilon } = this.settings;
    this.steps++;
    const c1 = 1 - beta1 ** this.steps;
    const c2 = 1 - beta2 ** this.steps;
    const { m, v } = this;
    const parts = gradients.length;
    const g0 = gradients[0];
    const w0 = weightsOfParts[0];
    const g1 = parts > 1 ? gradients[1] : g0;
    const w1 = parts > 1 ? weightsOfParts[1] : 0;
    for (let i = 0; i < weights.length; i++) {
      let g = w0 * g0[i] + w1 * g1[i];
      for (let k = 2; k < parts; k++) g += weightsOfParts[k] * gradients[k][i];
      const mi = (m[i] = beta1 * m[i] + (1 - beta1) * g);
      const vi = (v[i] = beta2 * v[i] + (1 - beta2) * g * g);
      weights[i] -= (learningRate * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
    }
  }
}
