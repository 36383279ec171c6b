import * as tf from '@tensorflow/tfjs';

/**
 * Identity, and Cast to the same dtype, for the wasm backend as shared references instead of
 * copies. tfjs saves every tensor a gradient needs through Engine.clone, which runs Identity: the
 * wasm kernel copies the whole buffer (about 1,000 copies and 400 MB per U-Net training step at 4
 * images), where the cpu backend only counts one more reference, as the wasm Reshape kernel does.
 * Tensors are immutable (a variable's assign() switches it to new data), so sharing is safe.
 * Casts to another dtype still go to the stock kernel.
 */
const BACKEND = 'wasm';
let registered = false;

type RefCounting = tf.KernelBackend & { incRef(dataId: tf.DataId): void };

function share(x: tf.TensorInfo, backend: tf.KernelBackend): tf.TensorInfo {
  (backend as RefCounting).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Installs both kernels on the wasm backend (idempotent); returns their names. */
export function registerWasmSharedCopies(): string[] {
  if (!registered) {
    const stockIdentity = tf.getKernel(tf.Identity, BACKEND);
    const stockCast = tf.getKernel(tf.Cast, BACKEND);
    if (!stockIdentity || !stockCast) throw new Error('wasm backend has no Identity or Cast kernel to replace');
    tf.unregisterKernel(tf.Identity, BACKEND);
    tf.unregisterKernel(tf.Cast, BACKEND);
    tf.registerKernel({
      kernelName: tf.Identity, backendName: BACKEND,
      kernelFunc: (args) => {
        const x = args.inputs.x as tf.TensorInfo;
        return x.dtype === 'string' ? stockIdentity.kernelFunc(args) : share(x, args.backend as tf.KernelBackend);
      },
    });
    tf.registerKernel({
      kernelName: tf.Cast, backendName: BACKEND, setupFunc: stockCast.setupFunc,
      kernelFunc: (args) => {
        const x = args.inputs.x as tf.TensorInfo;
        const { dtype } = args.attrs as unknown as tf.CastAttrs;
        return x.dtype === dtype && dtype !== 'string' ? share(x, args.backend as tf.KernelBackend) : stockCast.kernelFunc(args);
      },
    });
    registered = true;
  }
  return [tf.Identity, tf.Cast];
}
