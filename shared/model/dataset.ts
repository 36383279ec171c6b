import { z } from 'zod';
import { SpinalSegment } from './imaging';

/** How a dataset snapshot is built from the consensus. */
export const DatasetSettings = z.object({
  /** Sample size in pixels (square), a multiple of 16 from 64 to 512; the paper used 128. */
  size: z.number().int().min(64).max(512).refine((v) => v % 16 === 0, 'the size must be a multiple of 16 (four 2x poolings)'),
  /** Cross-validation folds over the non-test patients (the paper: 10). */
  folds: z.number().int().min(2).max(20),
  /** Seed of the random split: the same seed and consensus give the same split. */
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  /** Held-out test patients: 'random' draws `testFraction` of them stratified by BME; or the coordinator's list of pseudonyms. */
  testPatients: z.union([z.literal('random'), z.array(z.string().min(1)).max(10_000)]),
  /** Share of patients held out when drawn at random (0 to 0.5). */
  testFraction: z.number().min(0).max(0.5),
  /** Intensity normalisation per series: these percentiles map to 0 and 1. */
  lowPercentile: z.number().min(0).max(50),
  highPercentile: z.number().min(50).max(100),
});
export type DatasetSettings = z.infer<typeof DatasetSettings>;

export const DEFAULT_DATASET_SETTINGS: DatasetSettings = {
  size: 128,
  folds: 10,
  seed: 1,
  testPatients: 'random',
  testFraction: 0.2,
  lowPercentile: 1,
  highPercentile: 99.5,
};

/** Which patients (pseudonyms) are where. No patient is on both sides of any split. */
export const DatasetSplit = z.object({
  test: z.array(z.string()),
  /** folds[k] are the validation patients of fold k; its training patients are all other non-test patients. */
  folds: z.array(z.array(z.string())),
});
export type DatasetSplit = z.infer<typeof DatasetSplit>;

export const DatasetSummary = z.object({
  /** SHA-256 of the consensus rows and settings it came from: the snapshot's identity. */
  id: z.string(),
  createdAt: z.string(),
  settings: DatasetSettings,
  split: DatasetSplit,
  patients: z.number().int(),
  series: z.number().int(),
  samples: z.number().int(),
  /** Slices with BME in the consensus, and without (the paper: 2891 vs 14590). */
  positiveSamples: z.number().int(),
  negativeSamples: z.number().int(),
  bySegment: z.record(SpinalSegment, z.object({ samples: z.number().int(), positive: z.number().int() })),
  /** Series left out and why (not locked by both readers, slices without consensus ...). */
  excluded: z.array(z.object({ seriesId: z.number().int(), patient: z.string(), reason: z.string() })),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;
