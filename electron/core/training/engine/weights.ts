/**
 * Weights of a model as plain arrays, so they cross thread boundaries and file formats without
 * tfjs: one entry per tfjs weight in model.weights order (trainable and batch-norm statistics).
 */
export interface WeightEntry {
  /** tfjs weight name, e.g. 'enc0_conv_0/kernel'. */
  name: string;
  /** Shape; convolution kernels are [kh, kw, in, out] (tfjs layout). */
  shape: number[];
  /** False for batch-norm moving mean and variance. */
  trainable: boolean;
  data: Float32Array;
}

export type WeightSet = WeightEntry[];

/** Element-wise mean of the non-trainable entries (batch-norm statistics) of several replicas. */
export function averageStatistics(sets: WeightSet[]): WeightSet {
  const [first, ...rest] = sets;
  return first.map((entry, i) => {
    if (entry.trainable || rest.length === 0) return entry;
    const data = new Float32Array(entry.data);
    for (const other of rest) {
      const src = other[i].data;
      for (let k = 0; k < data.length; k++) data[k] += src[k];
    }
    for (let k = 0; k < data.length; k++) data[k] /= sets.length;
    return { ...entry, data };
  });
}
