import { ONNX_INPUT, ONNX_OUTPUT } from './export-onnx';

/**
 * Inference through onnxruntime-node (its CPU build ships in the npm package; MLAS kernels with
 * AVX2/AVX-512 and its own thread pool), on a model written by exportOnnx.
 */
type Ort = typeof import('onnxruntime-node');

export interface OnnxPredictor {
  /** Probabilities [n, size, size, 1] (NHWC) for images [n, size, size, channels] (NHWC). */
  predict(x: Float32Array, n: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

let ort: Ort | null = null;
let ortError: string | null = null;

/** Loads onnxruntime-node once; returns null (and remembers why) when it does not load. */
export function loadOnnxRuntime(): { ort: Ort | null; error: string | null } {
  if (!ort && !ortError) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      ort = require('onnxruntime-node') as Ort;
    } catch (err) {
      ortError = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
  }
  return { ort, error: ortError };
}

/**
 * @param bytes an ONNX model from exportOnnx
 * @param shape input image height, width, channels
 * @param threads intra-op threads (default: all cores)
 */
export async function createOnnxPredictor(bytes: Uint8Array, shape: { size: number; channels: number }, threads?: number): Promise<OnnxPredictor> {
  const { ort: runtime, error } = loadOnnxRuntime();
  if (!runtime) throw new Error(`onnxruntime-node did not load: ${error}`);
  const session = await runtime.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    ...(threads ? { intraOpNumThreads: threads } : {}),
  });
  return {
    async predict(x, n) {
      const input = new runtime.Tensor('float32', x, [n, shape.size, shape.size, shape.channels]);
      const result = await session.run({ [ONNX_INPUT]: input });
      const out = result[ONNX_OUTPUT];
      const data = out.data as Float32Array;
      input.dispose?.();
      return data;
    },
    async dispose() {
      await session.release();
    },
  };
}
