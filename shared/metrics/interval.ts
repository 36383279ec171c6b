/**
 * Two-sided 95% quantile of the standard normal distribution, z(0.975) = 1.959963984540054.
 * Every 95% interval in this folder uses it (not the rounded 1.96), as statistical packages do.
 */
export const Z_95 = 1.959963984540054;

/** A closed interval on the scale of the statistic it bounds (a proportion, a kappa ...). */
export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Why a statistic has no value for these data, for a person to read next to the blank cell.
 * `code` is stable for programs; `message` says what in the data caused it.
 */
export interface UndefinedReason<Code extends string = string> {
  code: Code;
  message: string;
}
