import { z } from 'zod';
import { DatasetSettings, DatasetSummary } from '../model/dataset';
import { EngineChoice, EngineReport, Hyperparameters, ModelSummary } from '../model/training';
import { method } from './define';

const coordinator = ['coordinator', 'admin'] as const;

export const datasetsSpec = {
  list: method({ summary: 'Dataset snapshots of the study, newest first.', access: coordinator, params: z.object({}).strict(), result: z.array(DatasetSummary) }),
  build: method({
    summary: "Build (or find) the snapshot of the current consensus with these settings: 'fake-color' samples split by patient.",
    access: coordinator,
    params: DatasetSettings.strict(),
    result: DatasetSummary,
  }),
};

export const trainingSpec = {
  engine: method({
    summary: 'The engine training would run on, and why better ones did not load.',
    access: coordinator,
    params: z.object({ engine: EngineChoice }).strict(),
    result: EngineReport,
  }),
  start: method({
    summary: 'Register a model and train it with cross-validation on a dataset snapshot (or fine-tune a registered model).',
    access: coordinator,
    params: z
      .object({
        datasetId: z.string().regex(/^[0-9a-f]{64}$/),
        name: z.string().trim().min(1).max(120),
        hyperparameters: Hyperparameters.strict(),
        /** Fine-tune: start every fold from this model's weights. */
        parentModelId: z.number().int().positive().nullable(),
      })
      .strict(),
    result: ModelSummary,
  }),
  cancel: method({ summary: 'Stop a training run now; it can resume from its last epoch.', access: coordinator, params: z.object({ modelId: z.number().int().positive() }).strict(), result: z.object({ cancelled: z.boolean() }) }),
  resume: method({ summary: 'Resume a cancelled, failed or interrupted run from its last checkpoint.', access: coordinator, params: z.object({ modelId: z.number().int().positive() }).strict(), result: ModelSummary }),
};

export const modelsSpec = {
  list: method({ summary: 'Registered models with their status and fold metrics.', access: coordinator, params: z.object({}).strict(), result: z.array(ModelSummary) }),
  get: method({ summary: 'One model with every epoch of every fold.', access: coordinator, params: z.object({ modelId: z.number().int().positive() }).strict(), result: ModelSummary }),
};
