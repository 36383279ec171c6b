import { AppError } from '../contracts/errors';
import type { UndefinedReason } from './interval';
import { landisKochStrength, type AgreementStrength } from './landis-koch';
import { requireCount } from './validate';

/** Why Fleiss' kappa has no value. */
export type FleissUndefinedCode =
  /** The table has no subjects. */
  | 'no_subjects'
  /** Every rating of every subject is in one category: chance agreement is 1, 0/0. */
  | 'single_category';

/**
 * Fleiss' kappa for m >= 2 raters per subject (Fleiss 1971, "Measuring nominal scale agreement
 * among many raters", Psychol Bull 76:378-382). With N subjects, m ratings each, k categories and
 * n_ij the number of ratings of subject i in category j:
 *
 * - p_j = sum_i n_ij / (N m), the share of all ratings in category j
 * - P_i = (sum_j n_ij^2 - m) / (m (m - 1)), the agreement among the ratings of subject i
 * - P = mean_i P_i (observed), Pe = sum_j p_j^2 (chance), kappa = (P - Pe) / (1 - Pe)
 *
 * The raters need not be the same people for every subject, only the same number.
 *
 * Standard error: only the SE under H0 (no agreement beyond chance) is given, in the corrected
 * form of Fleiss, Nee & Landis (1979), Psychol Bull 86:974-977, as R irr::kappam.fleiss reports:
 *
 *   SE0 = sqrt(2 / (N m (m - 1))) * sqrt((sum_j p_j q_j)^2 - sum_j p_j q_j (q_j - p_j)) / sum_j p_j q_j
 *
 * with q_j = 1 - p_j. It tests kappa = 0 (z = kappa / SE0); it is not a basis for a confidence
 * interval of a non-zero kappa, which needs a bootstrap over subjects.
 */
export interface FleissKappa {
  subjects: number;
  /** Ratings per subject, m. */
  raters: number;
  categories: number;
  /** P, the mean per-subject agreement; null without subjects. */
  meanObservedAgreement: number | null;
  /** Pe; null without subjects. */
  expectedAgreement: number | null;
  kappa: number | null;
  /** SE under H0 (Fleiss, Nee & Landis 1979); null when kappa is undefined. */
  standardErrorNull: number | null;
  /** kappa / standardErrorNull; null when kappa is undefined. */
  z: number | null;
  strength: AgreementStrength | null;
  /** Set exactly when `kappa` is null. */
  undefinedReason: UndefinedReason<FleissUndefinedCode> | null;
}

/**
 * Fleiss' kappa from a subjects x categories table: `counts[i][j]` = how many raters put subject i
 * in category j. Every row must hold the same number of ratings, at least 2 (drop the subjects
 * that not everyone rated before calling). `categories` defaults to the row length and is only
 * needed to describe an empty table.
 */
export function fleissKappa(counts: readonly (readonly number[])[], categories?: number): FleissKappa {
  const subjects = counts.length;
  const k = categories ?? counts[0]?.length ?? 0;
  counts.forEach((row, i) => {
    if (row.length !== k) {
      throw new AppError('bad_request', `Subject ${i} has ${row.length} category counts; expected ${k}.`);
    }
    row.forEach((c, j) => requireCount(c, `Count of subject ${i}, category ${j}`));
  });
  const m = subjects > 0 ? counts[0]!.reduce((a, b) => a + b, 0) : 0;
  const ratingsPerSubject = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const badRow = ratingsPerSubject.findIndex((ratings) => ratings !== m);
  if (badRow >= 0) {
    throw new AppError(
      'bad_request',
      `Subject ${badRow} has ${ratingsPerSubject[badRow]} ratings but subject 0 has ${m}; ` +
        "Fleiss' kappa needs the same number of ratings per subject.",
    );
  }
  const blank = {
    subjects,
    raters: m,
    categories: k,
    kappa: null,
    standardErrorNull: null,
    z: null,
    strength: null,
  };
  if (subjects === 0) {
    return {
      ...blank,
      meanObservedAgreement: null,
      expectedAgreement: null,
      undefinedReason: { code: 'no_subjects', message: 'No subject was rated by every rater.' },
    };
  }
  if (m < 2) {
    throw new AppError('bad_request', `Fleiss' kappa needs at least 2 ratings per subject; got ${m}.`);
  }

  const totals = new Array<number>(k).fill(0);
  let sumAgreement = 0;
  for (const row of counts) {
    let squares = 0;
    row.forEach((c, j) => {
      totals[j]! += c;
      squares += c * c;
    });
    sumAgreement += (squares - m) / (m * (m - 1));
  }
  const share = totals.map((t) => t / (subjects * m));
  const meanObservedAgreement = sumAgreement / subjects;
  const expectedAgreement = share.reduce((sum, p) => sum + p * p, 0);

  if (totals.some((t) => t === subjects * m)) {
    return {
      ...blank,
      meanObservedAgreement,
      expectedAgreement: 1,
      undefinedReason: {
        code: 'single_category',
        message: 'Every rater put every subject in the same single category, so chance agreement is 1 and kappa is 0/0.',
      },
    };
  }

  const kappa = (meanObservedAgreement - expectedAgreement) / (1 - expectedAgreement);
  const pq = share.map((p) => p * (1 - p));
  const sumPq = pq.reduce((a, b) => a + b, 0);
  const skew = pq.reduce((sum, v, j) => sum + v * (1 - 2 * share[j]!), 0);
  const standardErrorNull =
    (Math.sqrt(2 / (subjects * m * (m - 1))) * Math.sqrt(Math.max(sumPq * sumPq - skew, 0))) / sumPq;

  return {
    subjects,
    raters: m,
    categories: k,
    meanObservedAgreement,
    expectedAgreement,
    kappa,
    standardErrorNull,
    z: standardErrorNull > 0 ? kappa / standardErrorNull : null,
    strength: landisKochStrength(kappa),
    undefinedReason: null,
  };
}

/**
 * The Fleiss table of binary ratings: `ratings[i]` holds every rater's verdict on subject i
 * (true = positive); the result has columns [positive, negative].
 */
export function fleissCountsFromBinaryRatings(ratings: readonly (readonly boolean[])[]): number[][] {
  return ratings.map((subject) => {
    const positives = subject.filter(Boolean).length;
    return [positives, subject.length - positives];
  });
}
