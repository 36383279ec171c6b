import { requireFinite } from './validate';

/**
 * Mean and sample standard deviation of a set of values, as the paper's "mean +- SD" across the
 * ten cross-validation folds: SD = sqrt(sum (x - mean)^2 / (n - 1)) (Bessel's correction, the
 * default of SPSS, R sd() and numpy std(ddof=1)).
 */
export interface MeanAndSd {
  n: number;
  /** null when n = 0. */
  mean: number | null;
  /** null when n < 2 (one value has no spread to estimate). */
  sd: number | null;
}

/** Mean and sample SD of `values`; throws on a value that is not a finite number. */
export function meanAndSd(values: readonly number[]): MeanAndSd {
  const n = values.length;
  values.forEach((v, i) => requireFinite(v, `Value ${i} of the set to average`));
  if (n === 0) return { n, mean: null, sd: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: null };
  // Two passes: sum of squared deviations from the mean, not E[x^2] - mean^2, to avoid cancellation.
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { n, mean, sd: Math.sqrt(squares / (n - 1)) };
}
