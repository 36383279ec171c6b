import { AppError } from '../contracts/errors';
import { binaryOutcome, type BinaryOutcome } from './confusion';

/**
 * The paper's segment-level rule: a spinal segment (one series of 17-19 sagittal slices) is
 * predicted positive when at least two of its slices are predicted positive (Lin et al. 2024,
 * Methods: "prediction of inflammation in at least two slices in a spinal segment").
 */
export const PAPER_MIN_POSITIVE_SLICES = 2;

/**
 * The default for reader agreement (issue 5): a series is positive when its reader marked BME on
 * any slice. The coordinator may change it (e.g. to 2, the paper's model rule).
 */
export const ANY_SLICE = 1;

/**
 * True when at least `minPositiveSlices` of the slices are positive. `minPositiveSlices` is a
 * whole number >= 1; a series with fewer slices than that is negative.
 */
export function seriesPositive(slicePositive: readonly boolean[], minPositiveSlices: number): boolean {
  requireMinPositiveSlices(minPositiveSlices);
  let count = 0;
  for (const positive of slicePositive) {
    if (positive && ++count >= minPositiveSlices) return true;
  }
  return false;
}

/** A series scored at segment level; see {@link evaluateSeries}. */
export interface SeriesEvaluation {
  /** Some slice of the series is truth positive. */
  truthPositive: boolean;
  /** Slices predicted positive (max probability >= threshold), wherever the prediction lies. */
  predictedPositiveSlices: number;
  /** predictedPositiveSlices >= minPositiveSlices. */
  predictedPositive: boolean;
  outcome: BinaryOutcome;
}

/**
 * Scores one series from its slices' image-level results (only `truthPositive` and
 * `predictedPositive` of each slice are read, so `SliceEvaluation`s or a reader's per-slice
 * present/absent both fit):
 *
 * - truth: the series is positive when any slice has ground-truth BME (the paper counts a
 *   segment "with inflammation" when any of its images has a lesion);
 * - prediction: positive when at least `minPositiveSlices` slices are predicted positive
 *   (default 2, the paper's rule; 1 is "any slice");
 * - the outcome is the plain 2 x 2 cell. Localisation is judged at image level only: at segment
 *   level the question is "is this segment inflamed", so predicted slices count even where they
 *   miss the true lesion. A truth-positive series thus counts as TP when it has enough predicted
 *   slices anywhere.
 */
export function evaluateSeries(
  slices: readonly { truthPositive: boolean; predictedPositive: boolean }[],
  minPositiveSlices: number = PAPER_MIN_POSITIVE_SLICES,
): SeriesEvaluation {
  requireMinPositiveSlices(minPositiveSlices);
  const truthPositive = slices.some((s) => s.truthPositive);
  const predictedPositiveSlices = slices.filter((s) => s.predictedPositive).length;
  const predictedPositive = predictedPositiveSlices >= minPositiveSlices;
  return {
    truthPositive,
    predictedPositiveSlices,
    predictedPositive,
    outcome: binaryOutcome(truthPositive, predictedPositive),
  };
}

/**
 * A series' score for a segment-level ROC consistent with the K-slice rule: the K-th highest slice
 * score (K = `minPositiveSlices`). The series is predicted positive at threshold t exactly when
 * this score is >= t. Null for a series with fewer than K slices, which is never positive: the
 * caller decides whether to leave it out of the ROC or give it the lowest score.
 */
export function seriesScore(
  sliceScores: readonly number[],
  minPositiveSlices: number = PAPER_MIN_POSITIVE_SLICES,
): number | null {
  requireMinPositiveSlices(minPositiveSlices);
  if (sliceScores.length < minPositiveSlices) return null;
  return [...sliceScores].sort((a, b) => b - a)[minPositiveSlices - 1]!;
}

function requireMinPositiveSlices(value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new AppError(
      'bad_request',
      `The number of positive slices that makes a series positive must be a whole number of at least 1, got ${value}.`,
    );
  }
}
