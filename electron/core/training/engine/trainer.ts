import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { LossName } from '../model/losses';
import { createOnnxPredictor, loadOnnxRuntime, type OnnxPredictor } from '../onnx/onnx-predictor';
import type { ModelSpec } from './replica';
import { defaultReplicaWorkerScript, localReplica, workerReplica, type ReplicaHandle } from './replica-handle';
import { parseEnginePreference, ENGINE_ENV_VAR, type EngineInfo, type EngineName } from './select-engine';
import { averageStatistics, type WeightSet } from './weights';
import { adamSettings, FlatAdam } from './adam';

/** How a trainer is built. Only `size` is required. */
export interface TrainerOptions {
  /** Filters of the first level (default 16). */
  filters?: number;
  /** Input height = width in pixels, a multiple of 16 (e.g. 128). */
  size: number;
  /** Input channels (default 3: previous, current, next slice). */
  channels?: number;
  /** Weight initialiser seed (default 1). */
  seed?: number;
  /** 'dice-bce' (default, the app) or 'bce' (the benchmark). */
  loss?: LossName;
  /** Adam learning rate (default 1e-3). */
  learningRate?: number;
  /** Training engine: a name, 'auto' (best first), default BME_ENGINE or 'auto'. */
  engine?: EngineName | 'auto';
  /**
   * Replicas in worker threads for data parallelism: each computes the gradient of its share of
   * the batch and all apply the average (like PyTorch's DistributedDataParallel; batch-norm
   * statistics are per share). 0 runs one replica in this thread. Default: the number of cores
   * (at most 4) for wasm and cpu, which run one thread each; 0 when BME_WORKERS says so.
   */
  workers?: number;
  /** Inference: 'onnxruntime' (export + onnxruntime-node), 'tfjs' (the training replicas), 'auto' (default: onnxruntime when it loads). */
  inference?: 'onnxruntime' | 'tfjs' | 'auto';
  /** Bundled replica worker script; default found beside the bundle (dist/core/training-replica.cjs). */
  workerScript?: string;
}

/** Loss of one batch. */
export interface BatchResult {
  /** Mean loss over the batch before the step (for trainBatch) or in inference mode (for evaluate). */
  loss: number;
}

/**
 * Trains and runs the attention U-Net. Images are Float32Array in NHWC order
 * ([n, size, size, channels], intensities as prepared by the dataset), labels and predictions
 * [n, size, size, 1] in [0, 1]. Calls are serialised by the caller (await each one).
 */
export interface Trainer {
  /** The training engine in use and why better ones did not load. */
  readonly engine: EngineInfo;
  /** Worker-thread replicas (0 = in this thread). */
  readonly workers: number;
  /** Trainable parameters (2,184,741 for filters 16). */
  readonly parameterCount: number;
  /** What predict() runs on, and why not onnxruntime when it does not. */
  inference(): { name: 'onnxruntime' | 'tfjs'; reason?: string };
  /** One Adam step on a batch of n images. */
  trainBatch(x: Float32Array, y: Float32Array, n: number): Promise<BatchResult>;
  /** Loss in inference mode (moving batch-norm statistics), weights unchanged. */
  evaluate(x: Float32Array, y: Float32Array, n: number): Promise<BatchResult>;
  /** Probabilities [n, size, size, 1]. */
  predict(x: Float32Array, n: number): Promise<Float32Array>;
  /** All weights (trainable and batch-norm statistics, averaged over replicas). */
  getWeights(): Promise<WeightSet>;
  setWeights(weights: WeightSet): Promise<void>;
  /** Writes the model in tfjs layers format: dir/model.json and dir/weights.bin. */
  save(dir: string): Promise<void>;
  /** Reads weights saved by save() for a model of the same options. */
  load(dir: string): Promise<void>;
  /** The model as ONNX (batch norm folded, NHWC input 'image', output 'probability'). */
  exportOnnx(): Promise<Uint8Array>;
  dispose(): Promise<void>;
}

/** Environment variable for the number of replica workers (overrides the default, not an explicit option). */
export const WORKERS_ENV_VAR = 'BME_WORKERS';

export async function createTrainer(options: TrainerOptions): Promise<Trainer> {
  const spec: ModelSpec = {
    filters: options.filters ?? 16, size: options.size, channels: options.channels ?? 3,
    seed: options.seed ?? 1, loss: options.loss ?? 'dice-bce', learningRate: options.learningRate ?? 1e-3,
  };
  const preference = options.engine ?? parseEnginePreference(process.env[ENGINE_ENV_VAR]);
  const workers = options.workers ?? defaultWorkers(preference);
  const handles: ReplicaHandle[] = [];
  try {
    if (workers === 0) handles.push(localReplica());
    else {
      const script = options.workerScript ?? defaultReplicaWorkerScript();
      for (let i = 0; i < workers; i++) handles.push(workerReplica(script));
    }
    const inits = await Promise.all(handles.map((h) => h.call({ op: 'init', spec, engine: preference })));
    // Same seed gives the same weights; copying replica 0's makes it independent of the backend.
    if (handles.length > 1) {
      const { weights } = await handles[0].call({ op: 'getWeights' });
      await Promise.all(handles.slice(1).map((h) => h.call({ op: 'setWeights', weights })));
    }
    const trainer = new ReplicaTrainer(spec, handles, inits[0].engine, inits[0].parameterCount, workers, options.inference ?? 'auto');
    await trainer.readTrainable();
    return trainer;
  } catch (err) {
    await Promise.all(handles.map((h) => h.close()));
    throw err;
  }
}

function defaultWorkers(preference: EngineName | 'auto'): number {
  const env = process.env[WORKERS_ENV_VAR];
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${WORKERS_ENV_VAR}=${env} must be a whole number >= 0`);
    return n;
  }
  // libtensorflow uses every core by itself; one replica is enough there.
  if (preference === 'tfjs-node' || preference === 'tfjs-node-gpu') return 0;
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, 4) : 0;
}

class ReplicaTrainer implements Trainer {
  /** With several replicas: the trainable weights and their optimiser, kept here (see adam.ts). */
  private trainable: Float32Array | null = null;
  /** The replicas have not received the weights of the last step yet (see trainBatch). */
  private trainablePending = false;
  private readonly adam: FlatAdam | null;
  private predictor: OnnxPredictor | null = null;
  private predictorStale = true;
  private onnxFailure: string | null = null;

  constructor(
    private readonly spec: ModelSpec,
    private readonly handles: ReplicaHandle[],
    readonly engine: EngineInfo,
    readonly parameterCount: number,
    readonly workers: number,
    private readonly inferenceMode: 'onnxruntime' | 'tfjs' | 'auto',
  ) {
    this.adam = handles.length > 1 ? new FlatAdam(adamSettings(spec.learningRate ?? 1e-3), parameterCount) : null;
    if (inferenceMode !== 'tfjs') {
      const { ort, error } = loadOnnxRuntime();
      if (!ort) {
        if (inferenceMode === 'onnxruntime') throw new Error(`onnxruntime inference was requested but onnxruntime-node did not load: ${error}`);
        this.onnxFailure = `onnxruntime-node did not load: ${error}`;
      }
    }
  }

  /** Sends the last step's weights to every replica (each its own copy, moved, not cloned). */
  private async sendPendingTrainable(): Promise<void> {
    if (!this.trainablePending) return;
    const weights = this.trainable!;
    await Promise.all(this.handles.map((h) => {
      const values = weights.slice();
      return h.call({ op: 'setTrainable', values }, [values.buffer]);
    }));
    this.trainablePending = false;
  }

  /** Copies replica 0's trainable weights to the optimiser here (several replicas only). */
  async readTrainable(): Promise<void> {
    if (this.adam) this.trainable = (await this.handles[0].call({ op: 'getTrainable' })).values;
  }

  inference(): { name: 'onnxruntime' | 'tfjs'; reason?: string } {
    if (this.inferenceMode === 'tfjs') return { name: 'tfjs', reason: 'tfjs inference was requested' };
    if (this.onnxFailure) return { name: 'tfjs', reason: this.onnxFailure };
    return { name: 'onnxruntime' };
  }

  private imageLength(n: number) {
    return n * this.spec.size * this.spec.size * this.spec.channels;
  }

  private checkBatch(x: Float32Array, y: Float32Array | null, n: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`batch size ${n} must be a positive integer`);
    if (x.length !== this.imageLength(n)) throw new Error(`images have ${x.length} values, expected ${this.imageLength(n)} (${n} x ${this.spec.size} x ${this.spec.size} x ${this.spec.channels})`);
    const labels = n * this.spec.size * this.spec.size;
    if (y && y.length !== labels) throw new Error(`labels have ${y.length} values, expected ${labels} (${n} x ${this.spec.size} x ${this.spec.size} x 1)`);
  }

  /** Splits n images into contiguous shares, one per replica that gets at least one. */
  private shares(n: number): { start: number; count: number }[] {
    const parts = Math.min(n, this.handles.length);
    const out: { start: number; count: number }[] = [];
    let start = 0;
    for (let i = 0; i < parts; i++) {
      const count = Math.floor(n / parts) + (i < n % parts ? 1 : 0);
      out.push({ start, count });
      start += count;
    }
    return out;
  }

  async trainBatch(x: Float32Array, y: Float32Array, n: number): Promise<BatchResult> {
    this.checkBatch(x, y, n);
    this.predictorStale = true;
    if (this.handles.length === 1) return { loss: (await this.handles[0].call({ op: 'trainStep', x, y, n })).loss };
    const pixels = this.spec.size * this.spec.size;
    const channels = this.spec.channels;
    const parts = this.shares(n);
    const results = await Promise.all(
      parts.map(({ start, count }, i) => {
        const xs = x.slice(start * pixels * channels, (start + count) * pixels * channels);
        const ys = y.slice(start * pixels, (start + count) * pixels);
        // The previous step's weights travel with this step's images (one message, not two). They
        // are whole weights, not a change: a replica left out of a small batch catches up later.
        const values = this.trainablePending ? this.trainable!.slice() : undefined;
        const transfer = values ? [xs.buffer, ys.buffer, values.buffer] : [xs.buffer, ys.buffer];
        return this.handles[i].call({ op: 'computeGradients', x: xs, y: ys, n: count, values }, transfer);
      }),
    );
    // Mean over the batch = share-weighted mean of the shares' means; one Adam step here, and
    // every replica gets the new weights.
    const shareWeights = parts.map((p) => p.count / n);
    const loss = results.reduce((sum, r, i) => sum + shareWeights[i] * r.loss, 0);
    const weights = this.trainable!;
    this.adam!.step(weights, results.map((r) => r.grads), shareWeights);
    // The replicas get the new weights with the next batch, or before anything else reads them.
    this.trainablePending = true;
    return { loss };
  }

  async evaluate(x: Float32Array, y: Float32Array, n: number): Promise<BatchResult> {
    this.checkBatch(x, y, n);
    await this.syncStatistics();
    const pixels = this.spec.size * this.spec.size;
    const channels = this.spec.channels;
    const parts = this.shares(n);
    const losses = await Promise.all(
      parts.map(({ start, count }, i) =>
        this.handles[i].call({
          op: 'evaluate', n: count,
          x: x.slice(start * pixels * channels, (start + count) * pixels * channels),
          y: y.slice(start * pixels, (start + count) * pixels),
        }),
      ),
    );
    return { loss: losses.reduce((s, r, i) => s + (r.loss * parts[i].count) / n, 0) };
  }

  async predict(x: Float32Array, n: number): Promise<Float32Array> {
    this.checkBatch(x, null, n);
    if (this.inference().name === 'onnxruntime') {
      if (!this.predictor || this.predictorStale) {
        await this.predictor?.dispose();
        this.predictor = null;
        const bytes = await this.exportOnnx();
        this.predictor = await createOnnxPredictor(bytes, this.spec);
        this.predictorStale = false;
      }
      return this.predictor.predict(x, n);
    }
    await this.syncStatistics();
    const pixels = this.spec.size * this.spec.size;
    const parts = this.shares(n);
    const outs = await Promise.all(
      parts.map(({ start, count }, i) =>
        this.handles[i].call({ op: 'predict', n: count, x: x.slice(start * pixels * this.spec.channels, (start + count) * pixels * this.spec.channels) }),
      ),
    );
    const result = new Float32Array(n * pixels);
    outs.forEach((o, i) => result.set(o.probabilities, parts[i].start * pixels));
    return result;
  }

  /** Replicas' batch-norm statistics drift apart (each sees its share): average them into all. */
  private async syncStatistics(): Promise<WeightSet> {
    await this.sendPendingTrainable();
    const sets = await Promise.all(this.handles.map((h) => h.call({ op: 'getWeights' })));
    const merged = averageStatistics(sets.map((s) => s.weights));
    if (this.handles.length > 1) await Promise.all(this.handles.map((h) => h.call({ op: 'setWeights', weights: merged })));
    return merged;
  }

  getWeights(): Promise<WeightSet> {
    return this.syncStatistics();
  }

  async setWeights(weights: WeightSet): Promise<void> {
    this.predictorStale = true;
    this.trainablePending = false;
    await Promise.all(this.handles.map((h) => h.call({ op: 'setWeights', weights })));
    await this.readTrainable();
  }

  async exportOnnx(): Promise<Uint8Array> {
    await this.syncStatistics();
    return (await this.handles[0].call({ op: 'exportOnnx' })).bytes;
  }

  async save(dir: string): Promise<void> {
    const weights = await this.syncStatistics();
    const { topology } = await this.handles[0].call({ op: 'modelJson' });
    const total = weights.reduce((s, w) => s + w.data.length, 0);
    const data = new Float32Array(total);
    let offset = 0;
    for (const w of weights) {
      data.set(w.data, offset);
      offset += w.data.length;
    }
    const modelJson = {
      format: 'layers-model',
      generatedBy: 'bme-workstation',
      convertedBy: null,
      modelTopology: topology,
      weightsManifest: [{ paths: ['weights.bin'], weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })) }],
    };
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(data.buffer));
    await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  }

  async load(dir: string): Promise<void> {
    const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
      weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
    };
    const own = await this.getWeights();
    const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
    const buffers = await Promise.all(modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dir, p))));
    const bytes = Buffer.concat(buffers);
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (specs.length !== own.length) throw new Error(`${dir}/model.json has ${specs.length} weights, this model ${own.length}: it was saved with other settings (filters, size)`);
    let offset = 0;
    const weights: WeightSet = specs.map((s, i) => {
      if (s.dtype !== 'float32') throw new Error(`${dir}/model.json: weight ${s.name} is ${s.dtype}, only float32 is supported`);
      if (s.shape.join('x') !== own[i].shape.join('x')) throw new Error(`${dir}/model.json: weight ${s.name} has shape ${s.shape.join('x')}, this model ${own[i].shape.join('x')}: saved with other settings`);
      const size = s.shape.reduce((a, b) => a * b, 1);
      const data = all.slice(offset, offset + size);
      offset += size;
      return { name: s.name, shape: s.shape, trainable: own[i].trainable, data };
    });
    await this.setWeights(weights);
  }

  async dispose(): Promise<void> {
    await this.predictor?.dispose();
    this.predictor = null;
    await Promise.all(this.handles.map(async (h) => {
      await h.call({ op: 'dispose' }).catch(() => undefined);
      await h.close();
    }));
  }
}
