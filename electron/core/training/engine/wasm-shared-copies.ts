import * as tf from '@tensorflow/tfjs';
import { extendWasmKernel } from './wasm-kernels';

/**
 * Identity, and Cast to the same dtype, for the wasm backend as shared references instead of
 * copies. tfjs saves every tensor a gradient needs through Engine.clone, which runs Identity: the
 * wasm kernel copies the whole buffer (about 1,000 copies and 400 MB per U-Net training step at 4
 * images), where the cpu backend only counts one more reference, as the wasm Reshape kernel does.
 * Tensors are immutable (a variable's assign() switches it to new data), so sharing is safe.
 * Casts to another dtype still go to the stock kernel.
 */
type RefCounting = tf.KernelBackend & { incRef(dataId: tf.DataId): void };

function share(x: tf.TensorInfo, backend: tf.KernelBackend): tf.TensorInfo {
  (backend as RefCounting).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Installs both kernels on the wasm backend (idempotent); returns their names. */
export function registerWasmSharedCopies(): string[] {
  extendWasmKernel(tf.Identity, (stock) => (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    return x.dtype === 'string' ? stock.kernelFunc(args) : share(x, args.backend as tf.KernelBackend);
  });
  extendWasmKernel(tf.Cast, (stock) => (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    return x.dtype === dtype && dtype !== 'string' ? share(x, args.backend as tf.KernelBackend) : stock.kernelFunc(args);
  });
  return [tf.Identity, tf.Cast];
}
