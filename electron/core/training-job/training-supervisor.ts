import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/contracts/errors';
import type { EngineReport, Hyperparameters, TrainingProgress } from '../../../shared/model/training';
import { sampleFilePath } from '../dataset/build-snapshot';
import { studyDataDir } from '../dicom/import/blob-store';
import { distPath } from '../dist-path';
import type { OpenStudy } from '../study-registry';
import type { FromWorker, ToWorker } from './protocol';

export interface SupervisorEvents {
  progress(study: OpenStudy, p: TrainingProgress): void;
  /** An epoch finished (its metrics are in the database), or the run ended. */
  changed(study: OpenStudy, modelId: number): void;
}

interface Run {
  study: OpenStudy;
  modelId: number;
  startedAt: number;
  folds: number;
  epochs: number;
  /** Seconds per finished epoch, for the estimate. */
  epochSeconds: number[];
  epochsDone: number;
  resolveDone: () => void;
}

/**
 * Owns the long-lived training worker (the only thread of the core that loads tensorflow.js):
 * starts, cancels and resumes runs, writes their epochs and status to the database, and turns the
 * worker's messages into progress events. One run at a time: a workstation has one GPU or CPU.
 */
export class TrainingSupervisor {
  private worker: Worker | null = null;
  private run: Run | null = null;
  private engineWaiters: ((e: EngineReport | Error) => void)[] = [];
  private predictWaiters = new Map<number, (r: { byFold: Float32Array[]; engine: EngineReport } | Error) => void>();
  private nextRequest = 1;

  constructor(private readonly events: SupervisorEvents) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(distPath('core/training-job-worker.cjs'));
    w.on('message', (m: FromWorker) => this.onMessage(m));
    w.on('error', (err) => this.onWorkerGone(`the training worker stopped: ${err.message}`));
    w.on('exit', (code) => {
      if (this.worker === w) {
        this.worker = null;
        if (code !== 0) this.onWorkerGone(`the training worker exited with code ${code}`);
      }
    });
    this.worker = w;
    return w;
  }

  private post(msg: ToWorker): void {
    this.ensureWorker().postMessage(msg);
  }

  /** The engine training would use, and why better ones do not load. */
  engineInfo(engine: Hyperparameters['engine']): Promise<EngineReport> {
    return new Promise((resolve, reject) => {
      this.engineWaiters.push((e) => (e instanceof Error ? reject(e) : resolve(e)));
      this.post({ kind: 'engine-info', engine });
    });
  }

  /**
   * Each fold model's probabilities for n fake-colour images (n x size x size x 3, 0-1). Runs in
   * the training worker between or beside training (messages are handled in order).
   */
  predict(modelDir: string, folds: number[], hyper: Hyperparameters, size: number, images: Float32Array, n: number): Promise<{ byFold: Float32Array[]; engine: EngineReport }> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.predictWaiters.set(requestId, (r) => (r instanceof Error ? reject(r) : resolve(r)));
      this.ensureWorker().postMessage({ kind: 'predict', requestId, modelDir, folds, hyper, size, images, n } satisfies ToWorker, [images.buffer as ArrayBuffer]);
    });
  }

  get busy(): { file: string; modelId: number } | null {
    return this.run ? { file: this.run.study.file, modelId: this.run.modelId } : null;
  }

  /** Starts (or resumes, for a model with a checkpoint) a run; resolves when it ends. */
  start(study: OpenStudy, modelId: number): Promise<void> {
    if (this.run) throw new AppError('conflict', `Model ${this.run.modelId} is training; cancel it or wait for it to finish.`);
    const model = study.models.get(modelId);
    if (!model) throw new AppError('not_found', `There is no model ${modelId}.`);
    const dataset = study.datasets.get(model.datasetId)!;
    const hyper = model.hyperparameters;
    const dataDir = studyDataDir(study.file);
    const parentDir = model.parentModelId === null ? null : join(dataDir, study.models.filesDir(model.parentModelId)!);
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    this.run = {
      study,
      modelId,
      startedAt: Date.now(),
      folds: (hyper.folds ?? dataset.split.folds.map((_, k) => k)).length,
      epochs: hyper.epochs,
      epochSeconds: model.epochs.map((e) => e.seconds),
      epochsDone: model.epochs.length,
      resolveDone,
    };
    study.tx(() => study.models.setStatus(modelId, 'training'));
    this.events.changed(study, modelId);
    this.post({
      kind: 'train',
      modelId,
      sampleFile: sampleFilePath(study.file, model.datasetId),
      split: dataset.split,
      hyper,
      modelDir: join(dataDir, study.models.filesDir(modelId)!),
      parentDir,
    });
    return done;
  }

  /** Stops the run at once; its last checkpoint stays, so it can resume. */
  async cancel(modelId: number): Promise<boolean> {
    const run = this.run;
    if (!run || run.modelId !== modelId) return false;
    const w = this.worker;
    this.worker = null;
    this.finish('cancelled', null);
    for (const waiter of this.predictWaiters.values()) waiter(new Error('the training worker was stopped with the training run'));
    this.predictWaiters.clear();
    await w?.terminate();
    return true;
  }

  async shutdown(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private finish(status: 'done' | 'cancelled' | 'failed', error: string | null): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    run.study.tx(() => {
      run.study.models.setStatus(run.modelId, status, new Date().toISOString(), error);
      run.study.audit.append({ actorId: null, action: `model.${status}`, entity: 'model', entityId: String(run.modelId), details: error ? { error } : {} });
    });
    this.events.changed(run.study, run.modelId);
    run.resolveDone();
  }

  private onWorkerGone(message: string): void {
    this.worker = null;
    for (const w of this.engineWaiters.splice(0)) w(new Error(message));
    for (const w of this.predictWaiters.values()) w(new Error(message));
    this.predictWaiters.clear();
    this.finish('failed', message);
  }

  private onMessage(m: FromWorker): void {
    const run = this.run;
    switch (m.kind) {
      case 'engine-info':
        this.engineWaiters.shift()?.(m.engine);
        return;
      case 'predictions':
      case 'predict-failed': {
        const w = this.predictWaiters.get(m.requestId);
        this.predictWaiters.delete(m.requestId);
        w?.(m.kind === 'predictions' ? { byFold: m.byFold, engine: m.engine } : new Error(m.message));
        return;
      }
      case 'failed':
        if (m.modelId === null) this.engineWaiters.shift()?.(new Error(m.message));
        else if (run?.modelId === m.modelId) this.finish('failed', m.message);
        return;
    }
    if (!run || run.modelId !== m.modelId) return;
    switch (m.kind) {
      case 'started':
        run.study.tx(() => run.study.models.setEngine(m.modelId, m.engine));
        this.events.changed(run.study, m.modelId);
        break;
      case 'batch': {
        const total = run.folds * run.epochs;
        const mean = run.epochSeconds.length ? run.epochSeconds.reduce((a, b) => a + b, 0) / run.epochSeconds.length : null;
        const thisEpochLeft = mean === null ? 0 : mean * (1 - m.batch / m.batches);
        this.events.progress(run.study, {
          modelId: m.modelId,
          fold: m.fold,
          folds: run.folds,
          epoch: m.epoch,
          epochs: run.epochs,
          batch: m.batch,
          batches: m.batches,
          loss: m.loss,
          elapsed: (Date.now() - run.startedAt) / 1000,
          remaining: mean === null ? null : Math.max(0, (total - run.epochsDone - 1) * mean + thisEpochLeft),
        });
        break;
      }
      case 'epoch':
        run.study.tx(() => run.study.models.addEpoch(m.modelId, m.metrics));
        run.epochSeconds.push(m.metrics.seconds);
        run.epochsDone++;
        this.events.changed(run.study, m.modelId);
        break;
      case 'done':
        this.finish('done', null);
        break;
    }
  }
}
