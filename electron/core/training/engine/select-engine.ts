import * as tf from '@tensorflow/tfjs';
import { registerLeanBatchNormGradient } from './batchnorm-gradient';
import { installBatchNormTraining } from './batchnorm-training';
import { registerPoolGradientFixes } from './pool-gradients';
import { registerWasmConvGradients } from './wasm-conv-grads';
import { registerWasmReductions } from './wasm-reductions';
import { registerWasmSharedCopies } from './wasm-shared-copies';
import { registerWasmConcatSplit } from './wasm-concat-split';
import { registerWasmBatchNorm } from './wasm-batchnorm-kernel';

/**
 * Which tfjs backend trains and predicts, chosen best first and visible to the user:
 * tfjs-node-gpu (libtensorflow with CUDA), tfjs-node (libtensorflow on the CPU), wasm (XNNPACK,
 * SIMD, with this project's convolution gradients), cpu (pure JavaScript, the slow reference).
 */
export type EngineName = 'tfjs-node-gpu' | 'tfjs-node' | 'wasm' | 'cpu';

/** Engines from best to worst. */
export const ENGINE_ORDER: readonly EngineName[] = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'];

/** Environment variable that forces an engine (same values as EngineName, or 'auto'). */
export const ENGINE_ENV_VAR = 'BME_ENGINE';

/** Why a better engine was not used. */
export interface EngineRejection {
  engine: EngineName;
  /** One line a person can read: the load error, or 'not requested'. */
  reason: string;
}

/** The engine in use and the story of how it was chosen. */
export interface EngineInfo {
  name: EngineName;
  /** The tfjs backend name behind it ('tensorflow' for both tfjs-node packages). */
  backend: string;
  /** 'auto' when chosen best-first, 'forced' when a preference or BME_ENGINE asked for it. */
  how: 'auto' | 'forced';
  /** Better engines that were tried first and why each did not load (empty when the best did). */
  reasons: EngineRejection[];
  /** Extra kernels this project registered on the backend (e.g. the wasm convolution gradients). */
  kernels: string[];
  /** Worker threads of the backend itself (1 for wasm in Node). */
  threads: number;
}

let current: EngineInfo | null = null;

/** Parses a preference from a setting, a CLI flag or BME_ENGINE; throws on an unknown name. */
export function parseEnginePreference(value: string | undefined | null): EngineName | 'auto' {
  if (value == null || value === '' || value === 'auto') return 'auto';
  if ((ENGINE_ORDER as readonly string[]).includes(value)) return value as EngineName;
  throw new Error(`unknown training engine '${value}': use one of auto, ${ENGINE_ORDER.join(', ')}`);
}

/**
 * Loads and activates the best available engine, or the one asked for. The preference is the
 * argument, else the BME_ENGINE environment variable, else 'auto'. A forced engine that cannot
 * load is an error (the caller asked for it); in 'auto' mode each failure is recorded and the
 * next engine is tried. Selecting again with the same result is cheap.
 */
export async function selectEngine(preference?: EngineName | 'auto'): Promise<EngineInfo> {
  const wanted = preference ?? parseEnginePreference(process.env[ENGINE_ENV_VAR]);
  const same = current && (wanted === 'auto' ? current.how === 'auto' : wanted === current.name);
  if (current && same && tf.getBackend() === current.backend) return current;
  registerLeanBatchNormGradient();
  installBatchNormTraining();
  const reasons: EngineRejection[] = [];
  const candidates = wanted === 'auto' ? ENGINE_ORDER : [wanted];
  for (const engine of candidates) {
    try {
      current = { ...(await activate(engine)), how: wanted === 'auto' ? 'auto' : 'forced', reasons };
      return current;
    } catch (err) {
      const reason = oneLine(err);
      if (wanted !== 'auto') throw new Error(`training engine '${engine}' was requested but did not load: ${reason}`);
      reasons.push({ engine, reason });
    }
  }
  throw new Error(`no training engine loaded: ${reasons.map((r) => `${r.engine}: ${r.reason}`).join('; ')}`);
}

/** The engine selected last in this thread, or null before selectEngine. */
export function currentEngine(): EngineInfo | null {
  return current;
}

async function activate(engine: EngineName): Promise<Omit<EngineInfo, 'how' | 'reasons'>> {
  switch (engine) {
    case 'tfjs-node-gpu':
    case 'tfjs-node': {
      // Optional dependencies: their native libtensorflow is downloaded at install time, which
      // fails on machines without access to it; then require throws and the next engine is tried.
      const pkg = engine === 'tfjs-node-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(pkg);
      await setBackendOrThrow('tensorflow');
      return { name: engine, backend: 'tensorflow', kernels: [], threads: 0 };
    }
    case 'wasm': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
      const kernels = [...registerWasmConvGradients(), ...registerWasmReductions(), ...registerWasmSharedCopies(), ...registerWasmConcatSplit(), ...registerWasmBatchNorm(), ...registerPoolGradientFixes('wasm')];
      await setBackendOrThrow('wasm');
      return { name: 'wasm', backend: 'wasm', kernels, threads: wasm.getThreadsCount() };
    }
    case 'cpu':
      const kernels = registerPoolGradientFixes('cpu');
      await setBackendOrThrow('cpu');
      return { name: 'cpu', backend: 'cpu', kernels, threads: 1 };
  }
}

async function setBackendOrThrow(backend: string) {
  // setBackend resolves false (and logs) instead of throwing when initialisation fails.
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`tfjs backend '${backend}' failed to initialise`);
  await tf.ready();
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const first = text.split('\n').find((line) => line.trim() !== '') ?? text;
  return first.length > 300 ? `${first.slice(0, 297)}...` : first;
}
