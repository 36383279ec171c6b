import type { UndefinedReason } from './interval';
import { requireFinite, requireSameLength } from './validate';

/**
 * One point of an ROC curve: the decision "positive when score >= threshold".
 * Rates are in [0, 1]; counts are items.
 */
export interface RocPoint {
  /** Items with score >= threshold are called positive. The first point has +Infinity (none). */
  threshold: number;
  /** False positive rate = fp / negatives = 1 - specificity. */
  fpr: number;
  /** True positive rate = tp / positives = sensitivity. */
  tpr: number;
  /** Positive items scoring >= threshold. */
  tp: number;
  /** Negative items scoring >= threshold. */
  fp: number;
}

/** Why an ROC curve cannot be drawn. */
export type RocUndefinedCode = 'no_positives' | 'no_negatives';

/** An empirical ROC curve and the area under it. */
export interface RocCurve {
  positives: number;
  negatives: number;
  /**
   * From (0, 0) at threshold +Infinity to (1, 1) at the lowest score, one point per distinct
   * score, thresholds strictly decreasing. Items with tied scores enter together, so a tie between
   * a positive and a negative is a diagonal step. Empty when either class is missing.
   */
  points: RocPoint[];
  /** Trapezoidal area under `points`; null when either class is missing. */
  auc: number | null;
  undefinedReason: UndefinedReason<RocUndefinedCode> | null;
}

/**
 * The ROC curve of `scores` (higher = more likely positive, e.g. the maximum lesion probability of
 * a slice) against the reference labels `positive`.
 *
 * Matches scikit-learn's roc_curve(drop_intermediate=False) and roc_auc_score: thresholds are the
 * distinct scores, and the trapezoidal AUC gives tied positive/negative pairs half credit, which
 * makes it equal to the Mann-Whitney U / (positives * negatives) (Hanley & McNeil 1982).
 * Throws when the lists differ in length or a score is not finite.
 */
export function rocCurve(scores: ArrayLike<number>, positive: readonly boolean[]): RocCurve {
  requireSameLength(scores, positive, 'The scores', 'the labels');
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.forEach((i) => requireFinite(scores[i]!, `Score ${i}`));
  const positives = positive.filter(Boolean).length;
  const negatives = positive.length - positives;
  if (positives === 0 || negatives === 0) {
    const code = positives === 0 ? 'no_positives' : 'no_negatives';
    return {
      positives,
      negatives,
      points: [],
      auc: null,
      undefinedReason: {
        code,
        message: `The reference has no ${positives === 0 ? 'positive' : 'negative'} item, so there is no ROC curve or AUC.`,
      },
    };
  }

  order.sort((a, b) => scores[b]! - scores[a]!);
  const points: RocPoint[] = [{ threshold: Number.POSITIVE_INFINITY, fpr: 0, tpr: 0, tp: 0, fp: 0 }];
  let tp = 0;
  let fp = 0;
  // Twice the area in count units (sum of fp steps times tp heights), divided once at the end.
  let doubledArea = 0;
  for (let k = 0; k < order.length; ) {
    const threshold = scores[order[k]!]!;
    const previousTp = tp;
    const previousFp = fp;
    for (; k < order.length && scores[order[k]!] === threshold; k++) {
      if (positive[order[k]!]) tp++;
      else fp++;
    }
    doubledArea += (fp - previousFp) * (tp + previousTp);
    points.push({ threshold, fpr: fp / negatives, tpr: tp / positives, tp, fp });
  }
  const auc = doubledArea / (2 * positives * negatives);
  return { positives, negatives, points, auc, undefinedReason: null };
}

/**
 * The point of `curve` that the decision "positive when score >= threshold" lands on: the point
 * with the lowest threshold still >= `threshold` (the first point, nothing called positive, when
 * every score is below it). Null for a curve without points.
 */
export function operatingPoint(curve: RocCurve, threshold: number): RocPoint | null {
  let chosen: RocPoint | null = null;
  for (const point of curve.points) {
    if (point.threshold >= threshold) chosen = point;
    else break;
  }
  return chosen;
}
