import { AppError } from '../contracts/errors';
import { confusionToMatrix, type BinaryConfusion } from './confusion';
import { Z_95, type Interval, type UndefinedReason } from './interval';
import { landisKochStrength, type AgreementStrength } from './landis-koch';
import { requireCount } from './validate';

/** Why Cohen's kappa has no value. */
export type KappaUndefinedCode =
  /** No item was rated by both raters. */
  | 'no_items'
  /** Both raters put every item in the same single category: expected agreement is 1, 0/0. */
  | 'single_category';

/**
 * Cohen's kappa for two raters and its companions, all proportions in [0, 1] unless noted.
 *
 * Definitions (Cohen 1960; p_ij = n_ij / n, rows rater A, columns rater B, k categories):
 * - observed agreement Po = sum_i p_ii
 * - expected (chance) agreement Pe = sum_i p_i. * p_.i
 * - kappa = (Po - Pe) / (1 - Pe), in [-1, 1]
 * - PABAK = (k * Po - 1) / (k - 1), which is 2 * Po - 1 for binary ratings
 *   (Byrt, Bishop & Carlin 1993, "Bias, prevalence and kappa", J Clin Epidemiol 46:423-429).
 *
 * Standard error: the large-sample (asymptotic, non-null) SE of Fleiss, Cohen & Everitt (1969),
 * "Large sample standard errors of kappa and weighted kappa", Psychol Bull 72:323-327, as given in
 * Fleiss, Levin & Paik (2003), Statistical Methods for Rates and Proportions, eq. 18.12:
 *
 *   SE = sqrt(A + B - C) / ((1 - Pe) * sqrt(n)), with
 *   A = sum_i p_ii * (1 - (p_i. + p_.i) * (1 - kappa))^2
 *   B = (1 - kappa)^2 * sum_{i != j} p_ij * (p_.i + p_j.)^2
 *   C = (kappa - Pe * (1 - kappa))^2
 *
 * This is the "ASE" of SAS PROC FREQ and the "Asymptotic Standard Error" of SPSS CROSSTABS, and
 * the 95% CI is the Wald interval kappa +- z(0.975) * SE, clipped to [-1, 1] (packages do not
 * clip; the clip only matters when kappa is near 1 and keeps the bound a possible kappa).
 * `standardErrorNull` is the SE under H0: kappa = 0 (Fleiss, Levin & Paik eq. 18.15), used only
 * for the z test of "agreement better than chance", never for the CI.
 */
export interface CohensKappa {
  /** Items rated by both raters. */
  n: number;
  /** Number of categories k of the table (2 for present/absent). */
  categories: number;
  /** Po; null when n = 0. */
  observedAgreement: number | null;
  /** Pe; null when n = 0. */
  expectedAgreement: number | null;
  /** null when undefined; see `undefinedReason`. */
  kappa: number | null;
  /** Asymptotic SE of kappa (FCE 1969); null when kappa is undefined. */
  standardError: number | null;
  /** kappa +- 1.96 SE, clipped to [-1, 1]; null when kappa is undefined. */
  ci95: Interval | null;
  /** SE under H0 (kappa = 0); null when kappa is undefined. */
  standardErrorNull: number | null;
  /** kappa / standardErrorNull, the test statistic of H0: kappa = 0; null when undefined. */
  z: number | null;
  /** Prevalence- and bias-adjusted kappa; null when n = 0 (defined when kappa is not). */
  pabak: number | null;
  /** Landis-Koch word for kappa; null when kappa is undefined. */
  strength: AgreementStrength | null;
  /** Set exactly when `kappa` is null. */
  undefinedReason: UndefinedReason<KappaUndefinedCode> | null;
}

/** Cohen's kappa of binary ratings (present/absent) from their 2 x 2 table. */
export function cohensKappa(table: BinaryConfusion): CohensKappa {
  return cohensKappaFromMatrix(confusionToMatrix(table));
}

/**
 * Cohen's kappa from a k x k count matrix: `counts[i][j]` items rated category i by rater A and
 * category j by rater B (k >= 2, same category order on both axes). Throws on a matrix that is
 * not square or holds a count that is not a whole number >= 0.
 */
export function cohensKappaFromMatrix(counts: readonly (readonly number[])[]): CohensKappa {
  const k = counts.length;
  if (k < 2 || counts.some((row) => row.length !== k)) {
    throw new AppError(
      'bad_request',
      `Cohen's kappa needs a square table of at least 2 x 2 categories; got ${k} rows of lengths ${counts.map((r) => r.length).join(', ')}.`,
    );
  }
  counts.forEach((row, i) => row.forEach((c, j) => requireCount(c, `Count [${i}][${j}]`)));

  const n = counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const empty = {
    n,
    categories: k,
    kappa: null,
    standardError: null,
    ci95: null,
    standardErrorNull: null,
    z: null,
    strength: null,
  };
  if (n === 0) {
    return {
      ...empty,
      observedAgreement: null,
      expectedAgreement: null,
      pabak: null,
      undefinedReason: { code: 'no_items', message: 'No item was rated by both raters.' },
    };
  }

  const p = counts.map((row) => row.map((c) => c / n));
  const rowMargin = p.map((row) => row.reduce((a, b) => a + b, 0));
  const colMargin = p[0]!.map((_, j) => p.reduce((sum, row) => sum + row[j]!, 0));
  const po = p.reduce((sum, row, i) => sum + row[i]!, 0);
  const pe = rowMargin.reduce((sum, r, i) => sum + r * colMargin[i]!, 0);
  const pabak = (k * po - 1) / (k - 1);

  // Pe = 1 exactly when one category holds every rating of both raters; test on the integer
  // counts, because the floating-point sum can land a hair away from 1.
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = counts[0]!.map((_, j) => counts.reduce((sum, row) => sum + row[j]!, 0));
  if (rowTotals.some((r, i) => r === n && colTotals[i] === n)) {
    return {
      ...empty,
      observedAgreement: po,
      expectedAgreement: 1,
      pabak,
      undefinedReason: {
        code: 'single_category',
        message:
          'Both raters gave every item the same single category, so chance agreement is 1 and kappa is 0/0. Observed agreement and PABAK still apply.',
      },
    };
  }

  const kappa = (po - pe) / (1 - pe);
  let a = 0;
  let b = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) a += p[i]![i]! * (1 - (rowMargin[i]! + colMargin[i]!) * (1 - kappa)) ** 2;
      else b += p[i]![j]! * (colMargin[i]! + rowMargin[j]!) ** 2;
    }
  }
  b *= (1 - kappa) ** 2;
  const c = (kappa - pe * (1 - kappa)) ** 2;
  // A + B - C is >= 0 in exact arithmetic; rounding can make it -1e-17 when kappa = 1.
  const standardError = Math.sqrt(Math.max(a + b - c, 0)) / ((1 - pe) * Math.sqrt(n));
  const crossMargins = rowMargin.reduce((sum, r, i) => sum + r * colMargin[i]! * (r + colMargin[i]!), 0);
  const standardErrorNull = Math.sqrt(Math.max(pe + pe * pe - crossMargins, 0)) / ((1 - pe) * Math.sqrt(n));

  return {
    n,
    categories: k,
    observedAgreement: po,
    expectedAgreement: pe,
    kappa,
    standardError,
    ci95: {
      lower: Math.max(-1, kappa - Z_95 * standardError),
      upper: Math.min(1, kappa + Z_95 * standardError),
    },
    standardErrorNull,
    z: standardErrorNull > 0 ? kappa / standardErrorNull : null,
    pabak,
    strength: landisKochStrength(kappa),
    undefinedReason: null,
  };
}
