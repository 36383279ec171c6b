import * as tf from '@tensorflow/tfjs';

/**
 * What this project's wasm kernels share: the backend's heap API, running another wasm kernel
 * directly (no tape, no tidy, as tfjs' own kernels compose), freeing intermediates, constant
 * scalars, and extending a stock kernel with a faster path that falls back to it.
 */
export const WASM = 'wasm';

/** The wasm backend's methods the kernels use beyond KernelBackend's. */
export type HeapBackend = tf.KernelBackend & {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
};

/** Runs a wasm kernel on TensorInfos; the caller frees what it does not return. */
export function runWasm(name: string, backend: tf.KernelBackend, inputs: tf.NamedTensorInfoMap | tf.TensorInfo[], attrs: object = {}): tf.TensorInfo {
  const kernel = tf.getKernel(name, WASM);
  if (!kernel) throw new Error(`wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
}

export function freeWasm(backend: tf.KernelBackend, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Scalars (element counts, block sizes), made once and kept for the process's lifetime. */
const scalars = new Map<number, tf.TensorInfo>();

export function constantScalar(backend: HeapBackend, value: number): tf.TensorInfo {
  let info = scalars.get(value);
  if (!info) {
    info = backend.makeOutput([], 'float32');
    backend.typedArrayFromHeap(info).fill(value);
    scalars.set(value, info);
  }
  return info;
}

const extended = new Set<string>();

/**
 * Replaces a stock wasm kernel by `make(stock)`, which handles the cases it is faster for and
 * calls the stock kernel for the rest (idempotent; the stock setup is kept).
 */
export function extendWasmKernel(name: string, make: (stock: tf.KernelConfig) => tf.KernelFunc): void {
  if (extended.has(name)) return;
  const stock = tf.getKernel(name, WASM);
  if (!stock) throw new Error(`wasm backend has no ${name} kernel to extend`);
  tf.unregisterKernel(name, WASM);
  tf.registerKernel({ kernelName: name, backendName: WASM, setupFunc: stock.setupFunc, kernelFunc: make(stock) });
  extended.add(name);
}
