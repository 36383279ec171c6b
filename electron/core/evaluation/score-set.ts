import {
  confusionFromOutcomes,
  evaluateSeries,
  evaluateSlice,
  meanAndSd,
  rocCurve,
  sensitivity,
  seriesScore,
  specificity,
  truePositiveDice,
  type SliceEvaluation,
} from '../../../shared/metrics';
import type { LevelFigures, ScoreSet } from '../../../shared/model/evaluation';
import type { SpinalSegment } from '../../../shared/model/imaging';

/** One slice to score: the consensus mask and the scorer's probabilities on the same grid. */
export interface ScoredSlice {
  seriesId: number;
  segment: SpinalSegment | null;
  truth: Uint8Array;
  probabilities: ArrayLike<number>;
}

const SEGMENTS: SpinalSegment[] = ['cervical', 'thoracic', 'lumbar'];

function level(outcomes: SliceEvaluation['outcome'][], scores: number[] | null, truth: boolean[]): LevelFigures {
  const table = confusionFromOutcomes(outcomes);
  const sens = sensitivity(table);
  const spec = specificity(table);
  const auc = scores && scores.length ? rocCurve(scores, truth).auc : null;
  return { sensitivity: { value: sens.value, count: sens.count, total: sens.total }, specificity: { value: spec.value, count: spec.count, total: spec.total }, confusion: table, auc };
}

/**
 * The paper's figures for one scorer: image level (a slice is positive when its maximum
 * probability reaches the threshold; a positive counts as TP only where it overlaps the consensus
 * BME), segment level (a series is positive when at least `minPositiveSlices` slices are), AUC from
 * the maximum probability of the slice (and the K-th highest slice score for segments), Dice of the
 * true-positive slices, and the same per spinal segment. `withAuc` false for binary readers.
 */
export function scoreSet(slices: ScoredSlice[], threshold: number, minPositiveSlices: number, withAuc = true): ScoreSet {
  const evals = slices.map((s) => ({ s, e: evaluateSlice(s.probabilities, s.truth, threshold) }));
  const figures = (subset: typeof evals) => {
    const bySeries = new Map<number, typeof evals>();
    for (const x of subset) bySeries.set(x.s.seriesId, [...(bySeries.get(x.s.seriesId) ?? []), x]);
    const series = [...bySeries.values()].map((xs) => ({
      ev: evaluateSeries(xs.map((x) => x.e), minPositiveSlices),
      score: seriesScore(xs.map((x) => x.e.maxProbability), minPositiveSlices) ?? 0,
    }));
    return {
      image: level(subset.map((x) => x.e.outcome), withAuc ? subset.map((x) => x.e.maxProbability) : null, subset.map((x) => x.e.truthPositive)),
      segment: level(series.map((x) => x.ev.outcome), withAuc ? series.map((x) => x.score) : null, series.map((x) => x.ev.truthPositive)),
    };
  };
  const all = figures(evals);
  return {
    ...all,
    dice: truePositiveDice(evals.map((x) => x.e)),
    bySegment: Object.fromEntries(SEGMENTS.map((g) => [g, figures(evals.filter((x) => x.s.segment === g))])) as ScoreSet['bySegment'],
  };
}

/** Mean and SD across folds of a figure that may be missing in some. */
export function across(values: (number | null)[]) {
  return meanAndSd(values.filter((v): v is number => v !== null));
}
