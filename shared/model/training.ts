import { z } from 'zod';

export const EngineChoice = z.enum(['auto', 'tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu']);

/** How a model is trained. */
export const Hyperparameters = z.object({
  /** Filters of the first level: 16 on the CPU, 32 on a GPU by default. */
  filters: z.number().int().min(2).max(64),
  epochs: z.number().int().min(1).max(500),
  batchSize: z.number().int().min(1).max(64),
  learningRate: z.number().positive().max(1),
  /** Small rotations and scalings and intensity jitter. */
  augment: z.boolean(),
  /** Share of slices with BME in every batch (oversampling of the rare class); 0 = as they come. */
  positiveShare: z.number().min(0).max(0.9),
  /** Folds to train (0-based); default all. */
  folds: z.array(z.number().int().min(0)).optional(),
  engine: EngineChoice,
  seed: z.number().int().min(0).max(2 ** 31 - 1),
});
export type Hyperparameters = z.infer<typeof Hyperparameters>;

export const DEFAULT_HYPERPARAMETERS: Hyperparameters = {
  filters: 16,
  epochs: 20,
  batchSize: 8,
  learningRate: 1e-3,
  augment: true,
  positiveShare: 0.33,
  engine: 'auto',
  seed: 1,
};

/** Metrics of one epoch of one fold, on the fold's validation patients. */
export const EpochMetrics = z.object({
  fold: z.number().int(),
  epoch: z.number().int(),
  trainLoss: z.number(),
  valLoss: z.number().nullable(),
  /** Mean Dice of the true-positive slices. */
  valDice: z.number().nullable(),
  sensitivity: z.number().nullable(),
  specificity: z.number().nullable(),
  auc: z.number().nullable(),
  /** Seconds this epoch took. */
  seconds: z.number(),
});
export type EpochMetrics = z.infer<typeof EpochMetrics>;

export const EngineReport = z.object({
  name: z.string(),
  /** Better engines that did not load, and why. */
  rejected: z.array(z.object({ name: z.string(), reason: z.string() })),
  workers: z.number().int(),
  inference: z.string(),
});
export type EngineReport = z.infer<typeof EngineReport>;

export const ModelSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  datasetId: z.string(),
  parentModelId: z.number().int().nullable(),
  hyperparameters: Hyperparameters,
  engine: EngineReport.nullable(),
  status: z.enum(['queued', 'training', 'done', 'cancelled', 'failed']),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  epochs: z.array(EpochMetrics),
  /** Folds trained to their last epoch. */
  foldsDone: z.array(z.number().int()),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

/** Live progress of a training run (one event per batch). */
export const TrainingProgress = z.object({
  modelId: z.number().int(),
  fold: z.number().int(),
  folds: z.number().int(),
  epoch: z.number().int(),
  epochs: z.number().int(),
  batch: z.number().int(),
  batches: z.number().int(),
  loss: z.number(),
  /** Seconds since the run started, and the estimate of what remains. */
  elapsed: z.number(),
  remaining: z.number().nullable(),
});
export type TrainingProgress = z.infer<typeof TrainingProgress>;
