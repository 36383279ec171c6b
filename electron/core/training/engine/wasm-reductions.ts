import * as tf from '@tensorflow/tfjs';

/**
 * Sum and Mean over every axis but the last (per-channel reductions: batch-norm statistics and
 * their gradients, convolution bias gradients) for the wasm backend, as one XNNPACK average
 * pooling over a [1, K, 1, C] view. The stock kernels first transpose the tensor so that the
 * reduced axes are innermost (a scalar loop): 10 ms for 8x128x128x16 against 2 ms here. A matrix
 * product with a row of ones is no better (16 ms: XNNPACK packs the fresh right-hand operand on
 * every call). Other reductions go to the stock kernels.
 */
const BACKEND = 'wasm';
let registered = false;
type WasmLike = tf.KernelBackend & {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
};

/** Scalars (the element counts that turn a mean into a sum), kept for the process's lifetime. */
const scalars = new Map<number, tf.TensorInfo>();

function constantScalar(backend: WasmLike, value: number): tf.TensorInfo {
  let info = scalars.get(value);
  if (!info) {
    info = backend.makeOutput([], 'float32');
    backend.typedArrayFromHeap(info).fill(value);
    scalars.set(value, info);
  }
  return info;
}

function leadingAxes(axis: number | number[], rank: number): boolean {
  const axes = tf.util.parseAxisParam(axis, Array(rank).fill(1)).slice().sort((a, b) => a - b);
  return rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
}

function channelReduction(mean: boolean, stockKernel: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as WasmLike;
    const x = inputs.x as tf.TensorInfo;
    const { axis, keepDims } = attrs as unknown as tf.SumAttrs;
    if (x.dtype !== 'float32' || !leadingAxes(axis, x.shape.length)) return stockKernel.kernelFunc(args);
    const channels = x.shape[x.shape.length - 1];
    const length = x.shape.reduce((a, b) => a * b, 1) / channels;
    const kernel = (name: string) => tf.getKernel(name, BACKEND)!.kernelFunc;
    const view = kernel(tf.Reshape)({ inputs: { x }, backend, attrs: { shape: [1, length, 1, channels] } }) as tf.TensorInfo;
    const pooled = kernel(tf.AvgPool)({
      inputs: { x: view }, backend,
      attrs: { filterSize: [length, 1], strides: 1, pad: 'valid', dimRoundingMode: undefined } as unknown as tf.NamedAttrMap,
    }) as tf.TensorInfo;
    backend.disposeData(view.dataId);
    let result = pooled;
    if (!mean) {
      result = kernel(tf.Multiply)({ inputs: { a: pooled, b: constantScalar(backend, length) }, backend, attrs: {} }) as tf.TensorInfo;
      backend.disposeData(pooled.dataId);
    }
    const outShape = keepDims ? x.shape.map((d, i) => (i === x.shape.length - 1 ? d : 1)) : [channels];
    const out = kernel(tf.Reshape)({ inputs: { x: result }, backend, attrs: { shape: outShape } }) as tf.TensorInfo;
    backend.disposeData(result.dataId);
    return out;
  };
}

/** Installs both kernels on the wasm backend (idempotent); returns their names. */
export function registerWasmReductions(): string[] {
  if (!registered) {
    for (const [name, mean] of [[tf.Sum, false], [tf.Mean, true]] as const) {
      const stockKernel = tf.getKernel(name, BACKEND);
      if (!stockKernel) throw new Error(`wasm backend has no ${name} kernel to extend`);
      tf.unregisterKernel(name, BACKEND);
      tf.registerKernel({ kernelName: name, backendName: BACKEND, setupFunc: stockKernel.setupFunc, kernelFunc: channelReduction(mean, stockKernel) });
    }
    registered = true;
  }
  return [tf.Sum, tf.Mean];
}
