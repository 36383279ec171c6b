import * as tf from '@tensorflow/tfjs';
import { extendWasmKernel, freeWasm, runWasm, type HeapBackend } from './wasm-kernels';

/**
 * FusedBatchNorm (tf.batchNorm: the batch-norm layers in training and inference) for the wasm
 * backend as two XNNPACK broadcasting operations, x * k + b with per-channel
 * k = scale / sqrt(variance + eps) and b = offset - mean * k computed once per call. The stock
 * kernel is a scalar loop with a square root and a division per element (4.3 ms for
 * 4x128x128x16, against about 2 ms). Parameters other than per-channel float32 vectors go to the
 * stock kernel.
 */
function batchNormKernel(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const { x, mean, variance, offset, scale } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const backend = args.backend as HeapBackend;
    const { varianceEpsilon } = args.attrs as unknown as tf.FusedBatchNormAttrs;
    if (!x || !mean || !variance) return stock.kernelFunc(args);
    const c = x.shape[x.shape.length - 1];
    const perChannel = (t: tf.TensorInfo | undefined) => t == null || (t.dtype === 'float32' && t.shape.length === 1 && t.shape[0] === c);
    if (x.dtype !== 'float32' || ![mean, variance, offset, scale].every(perChannel)) return stock.kernelFunc(args);
    const k = backend.makeOutput([c], 'float32');
    const b = backend.makeOutput([c], 'float32');
    const kv = backend.typedArrayFromHeap(k);
    const bv = backend.typedArrayFromHeap(b);
    const m = backend.typedArrayFromHeap(mean);
    const v = backend.typedArrayFromHeap(variance);
    const o = offset ? backend.typedArrayFromHeap(offset) : null;
    const s = scale ? backend.typedArrayFromHeap(scale) : null;
    for (let i = 0; i < c; i++) {
      const factor = (s ? s[i] : 1) / Math.sqrt(v[i] + varianceEpsilon);
      kv[i] = factor;
      bv[i] = (o ? o[i] : 0) - m[i] * factor;
    }
    const scaled = runWasm(tf.Multiply, backend, { a: x, b: k });
    const out = runWasm(tf.Add, backend, { a: scaled, b });
    freeWasm(backend, scaled, k, b);
    return out;
  };
}

/** Installs the kernel on the wasm backend (idempotent); returns its name. */
export function registerWasmBatchNorm(): string[] {
  extendWasmKernel(tf.FusedBatchNorm, batchNormKernel);
  return [tf.FusedBatchNorm];
}
