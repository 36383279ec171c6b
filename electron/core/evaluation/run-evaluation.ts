import { join } from 'node:path';
import { AppError } from '../../../shared/contracts/errors';
import { decodeMask, maskFromCanonicalBytes } from '../../../shared/geometry/mask';
import { operatingPoint, rocCurve } from '../../../shared/metrics';
import type { EvaluationReport, ScoreSet } from '../../../shared/model/evaluation';
import type { ReaderSlot } from '../../../shared/model/reading';
import { sampleFilePath } from '../dataset/build-snapshot';
import { resizeMask } from '../dataset/fake-color-sample';
import { readSampleFile, type SampleSet } from '../dataset/sample-file';
import { concatBytes, seriesSamples } from '../dataset/series-samples';
import { studyDataDir } from '../dicom/import/blob-store';
import type { OpenStudy } from '../study-registry';
import type { TrainingSupervisor } from '../training-job/training-supervisor';
import { across, scoreSet, type ScoredSlice } from './score-set';

export interface EvaluationOptions {
  threshold: number;
  minPositiveSlices: number;
  /** Evaluate on these series (each with a complete consensus) instead of the dataset's test patients. */
  seriesIds?: number[];
}

/** The samples of chosen series, prepared exactly as the model's dataset prepared its own. */
async function chosenSeriesSamples(study: OpenStudy, seriesIds: number[], settings: Parameters<typeof seriesSamples>[3]): Promise<SampleSet> {
  const info = [];
  const images = [];
  const masks = [];
  for (const id of seriesIds) {
    const series = study.imaging.series(id);
    if (!series) throw new AppError('not_found', `There is no series ${id} in this study.`);
    const rows = study.consensus.current(id);
    if (rows.length < series.slices) {
      throw new AppError('conflict', `Series ${id} (${series.pseudonym} ${series.segment ?? ''}) has no consensus for ${series.slices - rows.length} slice(s): adjudicate it first.`);
    }
    const part = await seriesSamples(study, id, rows, settings);
    info.push(...part.info);
    images.push(...part.images);
    masks.push(...part.masks);
  }
  return { size: settings.size, samples: info, images: concatBytes(images), masks: concatBytes(masks) };
}

function images(set: SampleSet, idx: number[]): Float32Array {
  const px = set.size * set.size * 3;
  const out = new Float32Array(idx.length * px);
  idx.forEach((i, k) => {
    for (let j = 0; j < px; j++) out[k * px + j] = set.images[i * px + j]! / 255;
  });
  return out;
}

/**
 * A reader scored against the consensus by the model's rules: their mask of each slice they read,
 * resized to the model's grid (as the consensus is), plays the probability map.
 */
function readerSlices(study: OpenStudy, set: SampleSet, idx: number[], slot: ReaderSlot): { slices: ScoredSlice[]; name: string } | null {
  const s = set.size;
  const out: ScoredSlice[] = [];
  let name: string | null = null;
  for (const i of idx) {
    const info = set.samples[i]!;
    const a = study.assignments.forSeries(info.seriesId).find((x) => x.readerSlot === slot);
    if (!a) continue;
    name ??= study.accounts.byId(a.accountId)?.displayName ?? slot;
    // The sample's own image; snapshots built before schema 8 carry only the position they had then.
    const instance = info.image ? study.imaging.instanceOfImage(info.seriesId, info.image) : study.imaging.instanceAt(info.seriesId, info.slice);
    const r = instance ? study.reads.get(a.id, instance.id) : null;
    if (!r) continue; // unread slices do not enter, as in the agreement figures
    const series = study.imaging.series(info.seriesId)!;
    let probs: Uint8Array = new Uint8Array(s * s);
    if (r.mask) {
      probs = resizeMask(decodeMask(maskFromCanonicalBytes(r.mask)), series.columns, series.rows, s);
      // A tiny ROI can vanish when resized; the reader still called the slice positive.
      if (!probs.some(Boolean)) probs[0] = 1;
    }
    out.push({ seriesId: info.seriesId, segment: info.segment, truth: set.masks.subarray(i * s * s, (i + 1) * s * s), probabilities: probs });
  }
  return out.length && name ? { slices: out, name } : null;
}

/**
 * Evaluates a registered model on its dataset's held-out test patients, the way the paper does:
 * each fold's model scored at image and segment level (and per spinal segment), mean and SD across
 * folds, the folds' mean probability as one model for the confusion matrix and the ROC curve, and
 * every reader of those slices scored by the same rules.
 */
export async function runEvaluation(study: OpenStudy, supervisor: TrainingSupervisor, modelId: number, opts: EvaluationOptions, actorId: number | null): Promise<EvaluationReport> {
  const model = study.models.get(modelId);
  if (!model) throw new AppError('not_found', `There is no model ${modelId} in this study.`);
  let setName = opts.seriesIds?.length ? 'series' : 'test';
  if (model.foldsDone.length === 0) throw new AppError('conflict', `Model ${modelId} has no finished fold to evaluate; train it first.`);
  const dataset = study.datasets.get(model.datasetId)!;
  let set: SampleSet;
  let idx: number[];
  if (opts.seriesIds?.length) {
    set = await chosenSeriesSamples(study, opts.seriesIds, dataset.settings);
    idx = set.samples.map((_, i) => i);
    // Patients the model trained on make the figures optimistic: say so in the set's name.
    const trained = new Set(dataset.split.folds.flat());
    const seen = set.samples.filter((x) => trained.has(x.patient)).length;
    if (seen) setName = `series (${seen} of ${idx.length} slices from training patients)`;
  } else {
    set = readSampleFile(sampleFilePath(study.file, dataset.id));
    const test = new Set(dataset.split.test);
    idx = set.samples.map((s, i) => (test.has(s.patient) ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) throw new AppError('conflict', `Dataset ${dataset.id.slice(0, 12)} has no test patients: build one with a held-out test set, or choose series.`);
  }
  const s = set.size;
  const truth = (i: number) => set.masks.subarray(i * s * s, (i + 1) * s * s);
  const modelDir = join(studyDataDir(study.file), study.models.filesDir(modelId)!);
  const { byFold } = await supervisor.predict(modelDir, model.foldsDone, model.hyperparameters, s, images(set, idx), idx.length);

  const slicesOf = (probs: Float32Array): ScoredSlice[] =>
    idx.map((i, k) => ({ seriesId: set.samples[i]!.seriesId, segment: set.samples[i]!.segment, truth: truth(i), probabilities: probs.subarray(k * s * s, (k + 1) * s * s) }));
  const folds = byFold.map((probs, k) => ({ fold: model.foldsDone[k]!, ...scoreSet(slicesOf(probs), opts.threshold, opts.minPositiveSlices) }));
  const mean = new Float32Array(byFold[0]!.length);
  for (const p of byFold) for (let j = 0; j < mean.length; j++) mean[j]! += p[j]! / byFold.length;
  const ensembleSlices = slicesOf(mean);
  const ensemble = scoreSet(ensembleSlices, opts.threshold, opts.minPositiveSlices);
  const maxima = ensembleSlices.map((x) => {
    let m = 0;
    for (let j = 0; j < x.probabilities.length; j++) m = Math.max(m, x.probabilities[j]!);
    return m;
  });
  const curve = rocCurve(maxima, ensembleSlices.map((x) => x.truth.some(Boolean)));
  const op = operatingPoint(curve, opts.threshold);

  const readers: EvaluationReport['readers'] = [];
  for (const slot of ['reader1', 'reader2', 'comparison'] as const) {
    const r = readerSlices(study, set, idx, slot);
    if (r) readers.push({ slot, name: r.name, slicesRead: r.slices.length, ...scoreSet(r.slices, 0.5, opts.minPositiveSlices, false) });
  }

  const acrossLevel = (pick: (f: ScoreSet) => ScoreSet['image']) => ({
    sensitivity: across(folds.map((f) => pick(f).sensitivity.value)),
    specificity: across(folds.map((f) => pick(f).specificity.value)),
    auc: across(folds.map((f) => pick(f).auc)),
  });
  const patients = new Set(idx.map((i) => set.samples[i]!.patient));
  const report: Omit<EvaluationReport, 'id'> = {
    modelId,
    computedAt: new Date().toISOString(),
    set: setName,
    threshold: opts.threshold,
    minPositiveSlices: opts.minPositiveSlices,
    patients: patients.size,
    series: new Set(idx.map((i) => set.samples[i]!.seriesId)).size,
    slices: idx.length,
    folds,
    acrossFolds: {
      image: acrossLevel((f) => f.image),
      segment: acrossLevel((f) => f.segment),
      dice: across(folds.map((f) => f.dice.mean)),
      bySegment: Object.fromEntries(
        (['cervical', 'thoracic', 'lumbar'] as const).map((g) => [g, { image: acrossLevel((f) => f.bySegment[g].image), segment: acrossLevel((f) => f.bySegment[g].segment) }]),
      ) as EvaluationReport['acrossFolds']['bySegment'],
    },
    ensemble,
    roc: { points: curve.points.map((p) => ({ fpr: p.fpr, tpr: p.tpr, threshold: Number.isFinite(p.threshold) ? p.threshold : 1 })), operatingPoint: op ? { fpr: op.fpr, tpr: op.tpr } : null },
    readers,
  };
  const id = study.tx(() => {
    const newId = study.evaluations.insert(modelId, actorId, report);
    study.audit.append({ actorId, action: 'model.evaluate', entity: 'evaluation', entityId: String(newId), details: { modelId, threshold: opts.threshold } });
    return newId;
  });
  return study.evaluations.get(id)!;
}
