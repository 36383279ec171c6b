import { requireCount, requireSameLength } from './validate';

/**
 * A 2 x 2 table of binary ratings: a reference (rows) against a test (columns).
 *
 * For the model evaluation the reference is the consensus ground truth and the test is the model
 * (or the comparison reader), so the cells are the usual true/false positives/negatives (paper,
 * Table 3). For agreement between two readers, reader A plays the reference and reader B the test;
 * kappa and the observed agreement do not depend on which is which.
 *
 * |                  | test positive | test negative |
 * | ---------------- | ------------- | ------------- |
 * | reference pos.   | tp            | fn            |
 * | reference neg.   | fp            | tn            |
 *
 * All counts are numbers of rated items (slices, series), whole and >= 0.
 */
export interface BinaryConfusion {
  /** Reference positive, test positive. */
  tp: number;
  /** Reference positive, test negative (a miss). */
  fn: number;
  /** Reference negative, test positive (a false alarm). */
  fp: number;
  /** Reference negative, test negative. */
  tn: number;
}

/** The outcome of one item in a {@link BinaryConfusion}: which cell it falls into. */
export type BinaryOutcome = keyof BinaryConfusion;

/** A table with no items. */
export const EMPTY_CONFUSION: Readonly<BinaryConfusion> = Object.freeze({ tp: 0, fn: 0, fp: 0, tn: 0 });

/** The cell of one item rated positive/negative by the reference and the test. */
export function binaryOutcome(referencePositive: boolean, testPositive: boolean): BinaryOutcome {
  if (referencePositive) return testPositive ? 'tp' : 'fn';
  return testPositive ? 'fp' : 'tn';
}

/**
 * Cross-tabulates paired ratings: item i was rated `reference[i]` and `test[i]` (true = positive).
 * Throws when the two lists differ in length.
 */
export function binaryConfusion(
  reference: readonly boolean[],
  test: readonly boolean[],
): BinaryConfusion {
  requireSameLength(reference, test, 'The reference ratings', 'the test ratings');
  const table = { ...EMPTY_CONFUSION };
  for (let i = 0; i < reference.length; i++) table[binaryOutcome(reference[i]!, test[i]!)]++;
  return table;
}

/** Counts outcomes into a table (for example the outcomes of every slice of a test set). */
export function confusionFromOutcomes(outcomes: readonly BinaryOutcome[]): BinaryConfusion {
  const table = { ...EMPTY_CONFUSION };
  for (const outcome of outcomes) table[outcome]++;
  return table;
}

/** Cell-wise sum, e.g. to pool the tables of the cervical, thoracic and lumbar segments. */
export function addConfusions(...tables: readonly BinaryConfusion[]): BinaryConfusion {
  const sum = { ...EMPTY_CONFUSION };
  for (const t of tables) {
    sum.tp += t.tp;
    sum.fn += t.fn;
    sum.fp += t.fp;
    sum.tn += t.tn;
  }
  return sum;
}

/** Number of items in the table. */
export function confusionTotal(table: BinaryConfusion): number {
  return table.tp + table.fn + table.fp + table.tn;
}

/**
 * The table as a 2 x 2 count matrix with the positive category first: [[tp, fn], [fp, tn]]
 * (rows: reference, columns: test), the layout {@link cohensKappaFromMatrix} takes. Throws on a
 * cell that is not a whole number >= 0.
 */
export function confusionToMatrix(table: BinaryConfusion): number[][] {
  for (const cell of ['tp', 'fn', 'fp', 'tn'] as const) requireCount(table[cell], `Cell ${cell}`);
  return [
    [table.tp, table.fn],
    [table.fp, table.tn],
  ];
}
