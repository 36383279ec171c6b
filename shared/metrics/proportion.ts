import { AppError } from '../contracts/errors';
import { Z_95, type Interval } from './interval';
import { requireCount } from './validate';

/**
 * A proportion count / total with its 95% Wilson score interval, in [0, 1].
 * `value` and `ci95` are null when `total` is 0 (nothing to divide).
 */
export interface Proportion {
  count: number;
  total: number;
  value: number | null;
  ci95: Interval | null;
}

/**
 * Wilson (1927) score interval for a binomial proportion: with p = x / n,
 *
 *   (p + z^2 / 2n +- z * sqrt(p (1 - p) / n + z^2 / 4n^2)) / (1 + z^2 / n)
 *
 * Unlike the Wald interval it stays inside [0, 1] and has sensible width at p = 0 or 1 and small n
 * (Newcombe 1998, "Two-sided confidence intervals for the single proportion", Stat Med 17:857-872,
 * method 3). Returns null when n = 0. Throws unless 0 <= x <= n are whole numbers.
 */
export function wilsonInterval(count: number, total: number, z: number = Z_95): Interval | null {
  requireCount(count, 'The count');
  requireCount(total, 'The total');
  if (count > total) {
    throw new AppError('bad_request', `A count of ${count} exceeds its total of ${total}.`);
  }
  if (total === 0) return null;
  const p = count / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denominator;
  // At p = 0 or 1 one bound is exactly 0 or 1 in exact arithmetic; do not report 1e-17.
  return {
    lower: count === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: count === total ? 1 : Math.min(1, centre + halfWidth),
  };
}

/** count / total with its Wilson 95% interval. */
export function proportion(count: number, total: number): Proportion {
  const ci95 = wilsonInterval(count, total);
  return { count, total, value: total === 0 ? null : count / total, ci95 };
}
