import * as tf from '@tensorflow/tfjs';
import { constantScalar, extendWasmKernel, freeWasm, runWasm, type HeapBackend } from './wasm-kernels';

/**
 * Corrected gradients of the two resampling layers, found wrong upstream (tfjs 4.22) by this
 * project's cross-backend training test and checked against gradients written from the
 * definition (test/node/training/pool-gradients.test.ts):
 *
 * - MaxPoolGrad on wasm routes dy to the wrong input positions (max error 0.43 on a 2x4x4x3 case
 *   where the cpu backend's kernel is exact); replaced for 'wasm'.
 * - ResizeNearestNeighborGrad on cpu does not sum dy over the block each input pixel was copied
 *   to (2x nearest up-sampling: error of the order of dy itself; the wasm kernel is exact);
 *   replaced for 'cpu'.
 *
 * Both are plain loops over the data (memory-bound scatters, a few ms for 8x128x128x16), with
 * tfjs' own conventions: the forward's source-pixel formula for resize, and the first maximum in
 * row-major window order for max pooling.
 */
type AnyBackend = tf.KernelBackend & {
  makeOutput?(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap?(info: tf.TensorInfo): Float32Array;
};

function read(backend: AnyBackend, info: tf.TensorInfo): Float32Array {
  return backend.readSync(info.dataId) as Float32Array;
}

function output(backend: AnyBackend, shape: number[], values: Float32Array): tf.TensorInfo {
  if (backend.makeOutput && backend.typedArrayFromHeap) {
    const out = backend.makeOutput(shape, 'float32');
    backend.typedArrayFromHeap(out).set(values);
    return out;
  }
  const cpu = backend as unknown as { makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo };
  return cpu.makeTensorInfo(shape, 'float32', values);
}

/** Gradient of tf.image.resizeNearestNeighbor: scatter-add of dy to each output pixel's source. */
export function resizeNearestNeighborGrad(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as AnyBackend;
  const { images, dy } = args.inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const { alignCorners, halfPixelCenters } = args.attrs as unknown as tf.ResizeNearestNeighborGradAttrs;
  const [batch, inH, inW, channels] = images.shape;
  const [, outH, outW] = dy.shape;
  const g = read(backend, dy);
  const dx = new Float32Array(batch * inH * inW * channels);
  const ratio = (inSize: number, outSize: number) =>
    (alignCorners && outSize > 1 ? inSize - 1 : inSize) / (alignCorners && outSize > 1 ? outSize - 1 : outSize);
  const source = (i: number, r: number, inSize: number) => {
    const frac = halfPixelCenters ? r * (i + 0.5) : r * i;
    const s = Math.min(inSize - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
    return halfPixelCenters ? Math.max(0, s) : s;
  };
  const rowRatio = ratio(inH, outH);
  const colRatio = ratio(inW, outW);
  const srcCols = Int32Array.from({ length: outW }, (_, c) => source(c, colRatio, inW));
  let k = 0;
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < outH; r++) {
      const rowBase = (b * inH + source(r, rowRatio, inH)) * inW;
      for (let c = 0; c < outW; c++) {
        const base = (rowBase + srcCols[c]) * channels;
        for (let ch = 0; ch < channels; ch++) dx[base + ch] += g[k++];
      }
    }
  }
  return output(backend, images.shape, dx);
}

/** Gradient of 2D max pooling (NHWC): dy goes to the first maximum of each window. */
export function maxPoolGrad(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as AnyBackend;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const x = read(backend, input);
  const g = read(backend, dy);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dx = new Float32Array(x.length);
  for (let b = 0; b < batchSize; b++)
    for (let oy = 0; oy < outHeight; oy++)
      for (let ox = 0; ox < outWidth; ox++)
        for (let ch = 0; ch < inChannels; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let wy = 0; wy < filterHeight; wy++) {
            const y = oy * strideHeight - top + wy;
            if (y < 0 || y >= inHeight) continue;
            for (let wx = 0; wx < filterWidth; wx++) {
              const xx = ox * strideWidth - left + wx;
              if (xx < 0 || xx >= inWidth) continue;
              const idx = ((b * inHeight + y) * inWidth + xx) * inChannels + ch;
              if (x[idx] > best) {
                best = x[idx];
                at = idx;
              }
            }
          }
          if (at >= 0) dx[at] += g[((b * outHeight + oy) * outWidth + ox) * inChannels + ch];
        }
  return output(backend, input.shape, dx);
}

/**
 * MaxPoolGrad for the wasm backend: 2x2 windows with stride 2 and no padding (the U-Net's pooling)
 * read and write the wasm heap in place, the general case goes to maxPoolGrad above. Same rule:
 * dy goes to the first maximum of each window in row-major order.
 */
function maxPoolGradWasm(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as HeapBackend;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info;
  const simple = info.filterHeight === 2 && info.filterWidth === 2 && info.strideHeight === 2 && info.strideWidth === 2 &&
    info.padInfo.top === 0 && info.padInfo.left === 0 && input.dtype === 'float32';
  if (!simple) return maxPoolGrad(args);
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  const row = inWidth * c;
  let k = 0;
  for (let b = 0; b < batchSize; b++)
    for (let oy = 0; oy < outHeight; oy++)
      for (let ox = 0; ox < outWidth; ox++) {
        const i00 = ((b * inHeight + 2 * oy) * inWidth + 2 * ox) * c;
        for (let ch = 0; ch < c; ch++, k++) {
          let at = i00 + ch;
          let best = x[at];
          const i01 = at + c;
          const i10 = at + row;
          const i11 = i10 + c;
          if (x[i01] > best) { best = x[i01]; at = i01; }
          if (x[i10] > best) { best = x[i10]; at = i10; }
          if (x[i11] > best) at = i11;
          dx[at] = g[k];
        }
      }
  return out;
}

/**
 * ResizeNearestNeighborGrad for the wasm backend when each input pixel was copied to an exact
 * f x f block (integer factor, no corner alignment; the U-Net's 2x up-sampling): the sum over each
 * block is an XNNPACK average pooling times f*f. The stock kernel (exact but element by element,
 * 9 ms for 4x128x128x16) serves every other case.
 */
function resizeNearestNeighborGradWasm(stock: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const { images, dy } = args.inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
    const { alignCorners } = args.attrs as unknown as tf.ResizeNearestNeighborGradAttrs;
    const [, inH, inW] = images.shape;
    const [, outH, outW] = dy.shape;
    const f = outH / inH;
    const block = !alignCorners && Number.isInteger(f) && f >= 1 && outW / inW === f && dy.dtype === 'float32';
    if (!block) return stock.kernelFunc(args);
    const backend = args.backend as HeapBackend;
    const mean = runWasm(tf.AvgPool, backend, { x: dy }, { filterSize: [f, f], strides: [f, f], pad: 'valid', dimRoundingMode: undefined });
    const sum = runWasm(tf.Multiply, backend, { a: mean, b: constantScalar(backend, f * f) });
    freeWasm(backend, mean);
    return sum;
  };
}

const replaced = new Set<string>();

function replace(kernelName: string, backendName: string, kernelFunc: tf.KernelFunc) {
  const key = `${kernelName}@${backendName}`;
  if (replaced.has(key)) return;
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc });
  replaced.add(key);
}

/** Installs the corrected kernels for a backend ('wasm' or 'cpu'); returns the names replaced. */
export function registerPoolGradientFixes(backendName: string): string[] {
  if (backendName === 'wasm') {
    replace(tf.MaxPoolGrad, 'wasm', maxPoolGradWasm as unknown as tf.KernelFunc);
    extendWasmKernel(tf.ResizeNearestNeighborGrad, resizeNearestNeighborGradWasm);
    return [tf.MaxPoolGrad, tf.ResizeNearestNeighborGrad];
  }
  if (backendName === 'cpu') {
    replace(tf.ResizeNearestNeighborGrad, 'cpu', resizeNearestNeighborGrad as unknown as tf.KernelFunc);
    return [tf.ResizeNearestNeighborGrad];
  }
  return [];
}
