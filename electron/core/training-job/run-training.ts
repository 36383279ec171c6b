import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confusionFromOutcomes, evaluateSlice, rocCurve, sensitivity, specificity, truePositiveDice, type SliceEvaluation } from '../../../shared/metrics';
import type { EngineReport, EpochMetrics, Hyperparameters } from '../../../shared/model/training';
import type { DatasetSplit } from '../../../shared/model/dataset';
import { readSampleFile, type SampleSet } from '../dataset/sample-file';
import { distPath } from '../dist-path';
import { Rng } from '../dicom/phantom/prng';
import { createTrainer, type Trainer } from '../training/engine/trainer';
import { epochOrder, sampleTensors } from './batches';
import type { Checkpoint, TrainingEvent, TrainingJob } from './protocol';

export type { TrainingJob };

/** Which samples train and validate fold k: by patient, never by slice. */
export function foldIndices(set: SampleSet, split: DatasetSplit, fold: number): { train: number[]; val: number[] } {
  const test = new Set(split.test);
  const val = new Set(split.folds[fold]);
  const train: number[] = [];
  const valIdx: number[] = [];
  set.samples.forEach((s, i) => {
    if (test.has(s.patient)) return;
    if (val.has(s.patient)) valIdx.push(i);
    else train.push(i);
  });
  return { train, val: valIdx };
}

export async function newTrainer(hyper: Hyperparameters, size: number, seed: number): Promise<Trainer> {
  return createTrainer({
    filters: hyper.filters,
    size,
    seed,
    loss: 'dice-bce',
    learningRate: hyper.learningRate,
    engine: hyper.engine,
    workerScript: distPath('core/training-replica.cjs'),
  });
}

export function engineReport(t: Trainer): EngineReport {
  const inf = t.inference();
  return {
    name: t.engine.name,
    rejected: t.engine.reasons.map((r) => ({ name: r.engine, reason: r.reason })),
    workers: t.workers,
    inference: inf.reason ? `${inf.name} (${inf.reason})` : inf.name,
  };
}

/** Validation metrics of a fold's model on its validation samples, as the paper's image-level rule. */
async function validate(trainer: Trainer, set: SampleSet, val: number[], batchSize: number): Promise<Omit<EpochMetrics, 'fold' | 'epoch' | 'trainLoss' | 'seconds'>> {
  if (val.length === 0) return { valLoss: null, valDice: null, sensitivity: null, specificity: null, auc: null };
  const s = set.size;
  const evaluations: SliceEvaluation[] = [];
  let lossSum = 0;
  const rng = new Rng(0);
  for (let b = 0; b < val.length; b += batchSize) {
    const idx = val.slice(b, b + batchSize);
    const x = new Float32Array(idx.length * s * s * 3);
    const y = new Float32Array(idx.length * s * s);
    idx.forEach((i, k) => sampleTensors(set, i, false, rng, x, y, k));
    lossSum += (await trainer.evaluate(x, y, idx.length)).loss * idx.length;
    const p = await trainer.predict(x, idx.length);
    idx.forEach((i, k) => evaluations.push(evaluateSlice(p.subarray(k * s * s, (k + 1) * s * s), set.masks.subarray(i * s * s, (i + 1) * s * s))));
  }
  const table = confusionFromOutcomes(evaluations.map((e) => e.outcome));
  const roc = rocCurve(evaluations.map((e) => e.maxProbability), evaluations.map((e) => e.truthPositive));
  return {
    valLoss: lossSum / val.length,
    valDice: truePositiveDice(evaluations).mean,
    sensitivity: sensitivity(table).value,
    specificity: specificity(table).value,
    auc: roc.auc,
  };
}

function readCheckpoint(dir: string): Checkpoint | null {
  const file = join(dir, 'checkpoint.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Checkpoint) : null;
}

/**
 * Trains one model: each fold of the cross-validation from scratch (or from the parent model when
 * fine-tuning), epoch by epoch, reporting every batch and epoch, and writing the fold's weights
 * and a checkpoint after each epoch so that a run stopped anywhere resumes at its last epoch.
 */
export async function runTraining(job: TrainingJob, post: (e: TrainingEvent) => void): Promise<void> {
  const set = readSampleFile(job.sampleFile);
  const folds = job.hyper.folds ?? job.split.folds.map((_, k) => k);
  mkdirSync(job.modelDir, { recursive: true, mode: 0o700 });
  const checkpoint = readCheckpoint(job.modelDir);
  let announced = false;
  for (const fold of folds) {
    if (checkpoint && (fold < checkpoint.fold || (fold === checkpoint.fold && checkpoint.foldDone))) continue;
    const foldDir = join(job.modelDir, `fold-${fold}`);
    const trainer = await newTrainer(job.hyper, set.size, job.hyper.seed + fold);
    try {
      let startEpoch = 0;
      const resuming = checkpoint && checkpoint.fold === fold && !checkpoint.foldDone && existsSync(join(foldDir, 'model.json'));
      if (resuming) {
        await trainer.load(foldDir);
        startEpoch = checkpoint.epoch + 1;
      } else if (job.parentDir) {
        const parentFold = existsSync(join(job.parentDir, `fold-${fold}`, 'model.json')) ? join(job.parentDir, `fold-${fold}`) : join(job.parentDir, 'fold-0');
        await trainer.load(parentFold);
      }
      if (!announced) {
        post({ kind: 'started', modelId: job.modelId, engine: engineReport(trainer), resumedAt: resuming ? { fold, epoch: startEpoch } : null });
        announced = true;
      }
      const { train, val } = foldIndices(set, job.split, fold);
      if (train.length === 0) throw new Error(`fold ${fold + 1} has no training samples`);
      const s = set.size;
      for (let epoch = startEpoch; epoch < job.hyper.epochs; epoch++) {
        const started = Date.now();
        const rng = Rng.derive('epoch', job.hyper.seed, fold, epoch);
        const order = epochOrder(train, (i) => set.samples[i]!.positive, job.hyper.positiveShare, rng);
        const batches = Math.ceil(order.length / job.hyper.batchSize);
        let lossSum = 0;
        for (let b = 0; b < batches; b++) {
          const idx = order.slice(b * job.hyper.batchSize, (b + 1) * job.hyper.batchSize);
          const x = new Float32Array(idx.length * s * s * 3);
          const y = new Float32Array(idx.length * s * s);
          idx.forEach((i, k) => sampleTensors(set, i, job.hyper.augment, rng, x, y, k));
          const { loss } = await trainer.trainBatch(x, y, idx.length);
          lossSum += loss;
          post({ kind: 'batch', modelId: job.modelId, fold, epoch, batch: b + 1, batches, loss });
        }
        const metrics = await validate(trainer, set, val, job.hyper.batchSize);
        await trainer.save(foldDir);
        const done = epoch === job.hyper.epochs - 1;
        writeFileSync(join(job.modelDir, 'checkpoint.json'), JSON.stringify({ fold, epoch, foldDone: done } satisfies Checkpoint));
        post({ kind: 'epoch', modelId: job.modelId, metrics: { fold, epoch, trainLoss: lossSum / batches, ...metrics, seconds: (Date.now() - started) / 1000 } });
      }
    } finally {
      await trainer.dispose();
    }
  }
}
