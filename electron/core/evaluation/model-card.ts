import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contracts/errors';
import { meanAndSd } from '../../../shared/metrics';
import { appVersion } from '../app-version';
import { studyDataDir } from '../dicom/import/blob-store';
import { copyFolderInto, prepareOutputDir, writeOutputFile } from '../export/safe-output';
import type { OpenStudy } from '../study-registry';

/**
 * The model card of a registered model: what data trained it (the dataset snapshot's id, settings,
 * counts and split, patients by pseudonym only), how (hyperparameters, engine), how it did (the
 * last epoch of every fold and their mean ± SD, and its evaluations), when, and with which versions.
 */
export function modelCard(study: OpenStudy, modelId: number) {
  const model = study.models.get(modelId);
  if (!model) throw new AppError('not_found', `There is no model ${modelId} in this study.`);
  const dataset = study.datasets.get(model.datasetId)!;
  const last = model.foldsDone.map((f) => model.epochs.filter((e) => e.fold === f).at(-1)!);
  const across = (pick: (e: (typeof last)[number]) => number | null) => meanAndSd(last.map(pick).filter((v): v is number => v !== null));
  return {
    format: 'bme-model-card',
    version: 1,
    model: { id: model.id, name: model.name, status: model.status, createdAt: model.createdAt, finishedAt: model.finishedAt, parentModelId: model.parentModelId },
    architecture: { name: 'attention U-Net (Oktay et al. 2018)', input: `${dataset.settings.size} x ${dataset.settings.size} x 3 'fake-color' (previous, current, next slice)`, output: 'per-pixel BME probability (sigmoid)', filters: model.hyperparameters.filters },
    data: {
      datasetId: dataset.id,
      createdAt: dataset.createdAt,
      settings: dataset.settings,
      patients: dataset.patients,
      series: dataset.series,
      samples: dataset.samples,
      positiveSamples: dataset.positiveSamples,
      negativeSamples: dataset.negativeSamples,
      split: dataset.split,
    },
    training: { hyperparameters: model.hyperparameters, engine: model.engine, foldsDone: model.foldsDone },
    metrics: {
      lastEpochPerFold: last,
      validationAcrossFolds: {
        dice: across((e) => e.valDice),
        sensitivity: across((e) => e.sensitivity),
        specificity: across((e) => e.specificity),
        auc: across((e) => e.auc),
      },
      evaluations: study.evaluations.forModel(modelId).map((r) => ({ id: r.id, computedAt: r.computedAt, set: r.set, threshold: r.threshold, acrossFolds: r.acrossFolds })),
    },
    software: { app: `BME Workstation ${appVersion}`, node: process.version, tfjs: '4.22', exportedAt: new Date().toISOString() },
    intendedUse: 'Research: detection of bone marrow edema on sagittal STIR MRI of the spine in axSpA. Not a medical device.',
  };
}

/** Writes the model's fold weights (tfjs layers format) and model-card.json to `out`. */
export function exportModel(study: OpenStudy, modelId: number, out: string): { files: string[] } {
  const card = modelCard(study, modelId);
  const dir = join(studyDataDir(study.file), study.models.filesDir(modelId)!);
  prepareOutputDir(out);
  const files: string[] = [];
  for (const fold of card.training.foldsDone) {
    const src = join(dir, `fold-${fold}`);
    if (!existsSync(src)) throw new AppError('invalid_file', `The weights of fold ${fold + 1} are missing from ${src}.`);
    copyFolderInto(src, out, `fold-${fold}`);
    files.push(`fold-${fold}/model.json`, `fold-${fold}/weights.bin`);
  }
  writeOutputFile(out, 'model-card.json', JSON.stringify(card, null, 2));
  files.push('model-card.json');
  return { files };
}
