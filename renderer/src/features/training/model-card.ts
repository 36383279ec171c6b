import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { ModelSummary } from '../../../../shared/model/training';
import { lastEpochByFold, meanSd } from './training-format';

const KEYS = ['trainLoss', 'valLoss', 'valDice', 'sensitivity', 'specificity', 'auc'] as const;

/**
 * A model card (JSON) from what the registry holds: the data it trained on (snapshot, settings,
 * split), its hyperparameters and engine, per-fold metrics with their mean and SD, dates and the
 * app version. The weights stay beside the study; this card says what they are.
 */
export function modelCard(model: ModelSummary, dataset: DatasetSummary | null, appVersion: string | null): object {
  const last = [...lastEpochByFold(model.epochs).values()].sort((a, b) => a.fold - b.fold);
  return {
    kind: 'bme-workstation model card',
    model: { id: model.id, name: model.name, architecture: 'attention U-Net (Oktay et al. 2018), sigmoid mask output', status: model.status, createdAt: model.createdAt, finishedAt: model.finishedAt, parentModelId: model.parentModelId },
    data: dataset
      ? {
          snapshotId: dataset.id,
          createdAt: dataset.createdAt,
          settings: dataset.settings,
          patients: dataset.patients,
          series: dataset.series,
          samples: dataset.samples,
          positiveSamples: dataset.positiveSamples,
          negativeSamples: dataset.negativeSamples,
          bySegment: dataset.bySegment,
          split: dataset.split,
        }
      : { snapshotId: model.datasetId },
    training: { hyperparameters: model.hyperparameters, engine: model.engine, foldsDone: model.foldsDone },
    metrics: {
      perFold: last,
      acrossFolds: Object.fromEntries(KEYS.map((k) => [k, meanSd(last.map((e) => e[k]))])),
      note: "Validation patients of each fold, last finished epoch; image level by the paper's rule (max-pooled mask, a positive counts where it overlaps the consensus).",
    },
    epochs: model.epochs,
    versions: { app: appVersion },
    exportedAt: new Date().toISOString(),
  };
}
