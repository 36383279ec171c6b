import { join } from 'node:path';
import { AppError } from '../../../shared/contracts/errors';
import { encodeMask, maskToCanonicalBytes, roiOrNull, type EncodedMask } from '../../../shared/geometry/mask';
import { fakeColorSeries, resizeSquareTo } from '../dataset/fake-color-sample';
import { decodeRescaledFrame, parseDicom } from '../dicom/decode';
import { imageRefOf } from '../db/repositories/imaging-repository';
import { BlobStore, studyDataDir } from '../dicom/import/blob-store';
import type { ImageRef } from '../../../shared/model/imaging';
import type { OpenStudy } from '../study-registry';
import type { TrainingSupervisor } from '../training-job/training-supervisor';

export interface SeriesPrediction {
  seriesId: number;
  width: number;
  height: number;
  /** Per slice: the predicted mask at the series' size (null when nothing reaches the threshold) and the maximum probability. */
  slices: { sliceIndex: number; image: ImageRef; mask: EncodedMask | null; maxProbability: number }[];
  engine: string;
  seconds: number;
}

/**
 * Runs a registered model on any series of the study (new ones too): the series' fake-colour
 * images as the model's dataset built them, every trained fold model, their mean probability,
 * resized back to the series' pixels and thresholded. The result is stored as suggestions.
 */
export async function predictSeries(study: OpenStudy, supervisor: TrainingSupervisor, modelId: number, seriesId: number, actorId: number | null, threshold = 0.5): Promise<SeriesPrediction> {
  const started = Date.now();
  const model = study.models.get(modelId);
  if (!model) throw new AppError('not_found', `There is no model ${modelId} in this study.`);
  if (model.foldsDone.length === 0) throw new AppError('conflict', `Model ${modelId} has no finished fold; train it first.`);
  const series = study.imaging.series(seriesId);
  if (!series) throw new AppError('not_found', `There is no series ${seriesId} in this study.`);
  const settings = study.datasets.get(model.datasetId)!.settings;
  const blobs = BlobStore.forStudy(study.file);
  const values = [];
  const instances = study.imaging.instances(seriesId);
  for (const inst of instances) values.push((await decodeRescaledFrame(parseDicom(blobs.read(inst.blobSha256), blobs.pathOf(inst.blobSha256)), 0)).values);
  const s = settings.size;
  const fake = fakeColorSeries(values, series.columns, series.rows, s, settings.lowPercentile, settings.highPercentile);
  const x = new Float32Array(fake.length * s * s * 3);
  fake.forEach((img, k) => {
    for (let j = 0; j < img.length; j++) x[k * s * s * 3 + j] = img[j]! / 255;
  });
  const modelDir = join(studyDataDir(study.file), study.models.filesDir(modelId)!);
  const { byFold, engine } = await supervisor.predict(modelDir, model.foldsDone, model.hyperparameters, s, x, fake.length);
  const slices = fake.map((_, k) => {
    const mean = new Float32Array(s * s);
    for (const p of byFold) for (let j = 0; j < mean.length; j++) mean[j]! += p[k * s * s + j]! / byFold.length;
    const full = resizeSquareTo(mean, s, series.columns, series.rows);
    let max = 0;
    const mask = new Uint8Array(full.length);
    for (let j = 0; j < full.length; j++) {
      if (full[j]! > max) max = full[j]!;
      if (full[j]! >= threshold) mask[j] = 1;
    }
    return { sliceIndex: k, image: imageRefOf(instances[k]!), instanceId: instances[k]!.id, mask: roiOrNull(encodeMask(mask, series.columns, series.rows)), maxProbability: max };
  });
  const now = new Date().toISOString();
  study.tx(() => {
    study.evaluations.replaceSuggestions(
      modelId,
      seriesId,
      slices.map((sl) => ({ instanceId: sl.instanceId, mask: sl.mask ? maskToCanonicalBytes(sl.mask) : null, maxProbability: sl.maxProbability })),
      now,
    );
    study.audit.append({ actorId, action: 'model.predict', entity: 'series', entityId: String(seriesId), details: { modelId, positive: slices.filter((sl) => sl.mask).length } }, now);
  });
  return { seriesId, width: series.columns, height: series.rows, slices: slices.map(({ instanceId: _, ...rest }) => rest), engine: engine.inference, seconds: (Date.now() - started) / 1000 };
}
