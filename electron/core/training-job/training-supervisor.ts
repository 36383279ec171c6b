import { join } from 'node:path';
import { AppError } from '../../../shared/contracts/errors';
import type { EngineReport, Hyperparameters, TrainingProgress } from '../../../shared/model/training';
import { sampleFilePath } from '../dataset/build-snapshot';
import { studyDataDir } from '../dicom/import/blob-store';
import { distPath } from '../dist-path';
import type { OpenStudy } from '../study-registry';
import { storageFailure } from '../reliability/storage-errors';
import { WorkerClient } from '../workers/worker-client';
import type { TrainingEvent, TrainingProtocol } from './protocol';

/** Why a run ended when the app closed under it: 'cancelled' with this reason, resumable. */
export const INTERRUPTED_BY_SHUTDOWN = 'interrupted: the app closed during training; resume continues from the last finished epoch';

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
  private worker: WorkerClient<TrainingProtocol> | null = null;
  private run: Run | null = null;

  constructor(private readonly events: SupervisorEvents) {}

  private ensureWorker(): WorkerClient<TrainingProtocol> {
    if (this.worker && !this.worker.closed) return this.worker;
    const w = new WorkerClient<TrainingProtocol>(distPath('core/training-job-worker.cjs'), 'the training worker');
    // A crash or exit rejects every request in flight (a run's 'train' among them); the next
    // request starts a fresh worker.
    w.onGone(() => {
      if (this.worker === w) this.worker = null;
    });
    this.worker = w;
    return w;
  }

  /** The engine training would use, and why better ones do not load. */
  engineInfo(engine: Hyperparameters['engine']): Promise<EngineReport> {
    return this.ensureWorker().request('engineInfo', { engine });
  }

  /**
   * Each fold model's probabilities for n fake-colour images (n x size x size x 3, 0-1). Runs in
   * the training worker between or beside training (requests are handled as they come).
   */
  predict(modelDir: string, folds: number[], hyper: Hyperparameters, size: number, images: Float32Array, n: number): Promise<{ byFold: Float32Array[]; engine: EngineReport }> {
    return this.ensureWorker().request('predict', { modelDir, folds, hyper, size, images, n }, { transfer: [images.buffer as ArrayBuffer] });
  }

  get busy(): { file: string; modelId: number } | null {
    return this.run ? { file: this.run.study.file, modelId: this.run.modelId } : null;
  }

  /** The refusal while a run is in progress: names the model only to its own study. */
  busyError(file: string): AppError {
    return this.run && this.run.study.file !== file
      ? new AppError('conflict', 'A training run of another study is in progress on this workstation (one run at a time); wait for it to finish.')
      : new AppError('conflict', `Model ${this.run?.modelId} is training; cancel it or wait for it to finish.`);
  }

  /** Starts (or resumes, for a model with a checkpoint) a run; resolves when it ends. */
  start(study: OpenStudy, modelId: number): Promise<void> {
    if (this.run) throw this.busyError(study.file);
    const model = study.models.get(modelId);
    if (!model) throw new AppError('not_found', `There is no model ${modelId}.`);
    const dataset = study.datasets.get(model.datasetId)!;
    const hyper = model.hyperparameters;
    const dataDir = studyDataDir(study.file);
    const parentDir = model.parentModelId === null ? null : join(dataDir, study.models.filesDir(model.parentModelId)!);
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const run: Run = {
      study,
      modelId,
      startedAt: Date.now(),
      folds: (hyper.folds ?? dataset.split.folds.map((_, k) => k)).length,
      epochs: hyper.epochs,
      epochSeconds: model.epochs.map((e) => e.seconds),
      epochsDone: model.epochs.length,
      resolveDone,
    };
    // Computed now: when the run ends because the app closed, the study's database is closed too.
    const modelDir = join(dataDir, study.models.filesDir(modelId)!);
    this.run = run;
    study.tx(() => study.models.setStatus(modelId, 'training'));
    this.events.changed(study, modelId);
    this.ensureWorker()
      .request(
        'train',
        { modelId, sampleFile: sampleFilePath(study.file, model.datasetId), split: dataset.split, hyper, modelDir, parentDir },
        {
          onEvent: (e) => {
            try {
              this.onEvent(run, e.payload);
            } catch (err) {
              // The study could not record the run's progress (disk full, say): stop training
              // rather than train on without a record; the last checkpoint stays for a resume.
              const w = this.worker;
              this.worker = null;
              this.finish(run, 'failed', `Training stopped because the study could not record its progress: ${(err as Error).message}`);
              void w?.terminate('the training worker was stopped: the study could not record its progress');
            }
          },
        },
      )
      .then(
        () => this.finish(run, 'done', null),
        // A full disk while the worker writes a checkpoint comes back with its code: say so in words.
        (err: Error) => {
          if (this.run === run) this.finish(run, 'failed', storageFailure(err, modelDir)?.message ?? err.message);
        },
      );
    return done;
  }

  /**
   * Stops the run of model `modelId` of the study `file` at once (model ids are per study: the
   * same number in another study is another model); its last checkpoint stays, so it can resume.
   * `actorId` is who stopped it, for the audit row.
   */
  async cancel(file: string, modelId: number, actorId: number | null): Promise<boolean> {
    const run = this.run;
    if (!run || run.study.file !== file || run.modelId !== modelId) return false;
    const w = this.worker;
    this.worker = null;
    this.finish(run, 'cancelled', null, actorId);
    await w?.terminate('the training worker was stopped with the training run');
    return true;
  }

  /**
   * The app is closing. A run in progress ends now, as interrupted: its status and audit row are
   * written before this returns its promise (the caller closes the database right after), the
   * supervisor is free again, and the run resumes later from its last finished epoch. Without
   * this the run stayed 'training' in the study and, on macOS where the app outlives its
   * windows, the supervisor stayed busy and refused every new run.
   */
  shutdown(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (this.run) this.finish(this.run, 'cancelled', INTERRUPTED_BY_SHUTDOWN);
    return w ? w.terminate('the app is closing') : Promise.resolve();
  }

  /** Ends `run` once (a later end of the same run, or of a run already replaced, changes nothing). */
  private finish(run: Run, status: 'done' | 'cancelled' | 'failed', error: string | null, actorId: number | null = null): void {
    if (this.run !== run) return;
    this.run = null;
    try {
      run.study.tx(() => {
        run.study.models.setStatus(run.modelId, status, new Date().toISOString(), error);
        run.study.audit.append({ actorId, action: `model.${status}`, entity: 'model', entityId: String(run.modelId), details: error ? { error } : {} });
      });
      this.events.changed(run.study, run.modelId);
    } catch (err) {
      // Nowhere to report it but the log: the caller's promise still settles, the core lives on.
      console.error(`model ${run.modelId}: the end of the run (${status}) could not be recorded: ${(err as Error).message}`);
    } finally {
      run.resolveDone();
    }
  }

  private onEvent(run: Run, m: TrainingEvent): void {
    if (this.run !== run) return;
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
    }
  }
}
