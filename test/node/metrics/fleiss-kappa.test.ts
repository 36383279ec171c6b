import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import { fleissCountsFromBinaryRatings, fleissKappa } from '../../../shared/metrics';
import { loadMetricsFixture, seededRandom } from './load-fixture';

interface FleissFixture {
  diagnoses: { counts: number[][]; kappa: number; z: number };
  random: {
    counts: number[][];
    kappa: number;
    meanObservedAgreement: number;
    expectedAgreement: number;
    standardErrorNull: number;
  }[];
}

const fixture = loadMetricsFixture<FleissFixture>('fleiss-kappa.json');

describe("Fleiss' kappa: published worked examples", () => {
  it('Wikipedia, 10 subjects x 14 raters x 5 categories: P 0.378, Pe 0.213, kappa 0.210', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const result = fleissKappa(counts);
    expect(result).toMatchObject({ subjects: 10, raters: 14, categories: 5 });
    expect(result.meanObservedAgreement).toBeCloseTo(0.378, 3);
    expect(result.expectedAgreement).toBeCloseTo(0.213, 3);
    expect(result.kappa).toBeCloseTo(0.21, 3);
    expect(result.strength).toBe('fair');
  });

  it('Fleiss (1971) psychiatric diagnoses, 30 subjects x 6 raters: kappa 0.430 (irr::kappam.fleiss 0.4302445, z 17.65183)', () => {
    const result = fleissKappa(fixture.diagnoses.counts);
    expect(result).toMatchObject({ subjects: 30, raters: 6, categories: 5 });
    expect(result.kappa).toBeCloseTo(0.4302445, 7);
    expect(result.kappa).toBeCloseTo(fixture.diagnoses.kappa, 12);
    expect(result.z).toBeCloseTo(17.65183, 4);
    expect(result.strength).toBe('moderate');
  });
});

describe("Fleiss' kappa against the numpy implementation (fixtures)", () => {
  it.each(fixture.random.map((c, i) => [i, c] as const))('random case %i', (_, c) => {
    const result = fleissKappa(c.counts);
    expect(result.kappa).toBeCloseTo(c.kappa, 12);
    expect(result.meanObservedAgreement).toBeCloseTo(c.meanObservedAgreement, 12);
    expect(result.expectedAgreement).toBeCloseTo(c.expectedAgreement, 12);
    expect(result.standardErrorNull).toBeCloseTo(c.standardErrorNull, 12);
  });
});

describe("Fleiss' kappa: degenerate data and bad input", () => {
  it('no subjects: kappa null, reason no_subjects', () => {
    const result = fleissKappa([], 2);
    expect(result).toMatchObject({ subjects: 0, categories: 2, kappa: null, meanObservedAgreement: null });
    expect(result.undefinedReason?.code).toBe('no_subjects');
  });

  it('every rating in one category: kappa null, reason single_category, agreement 1', () => {
    const result = fleissKappa(fleissCountsFromBinaryRatings([[false, false, false], [false, false, false]]));
    expect(result.kappa).toBeNull();
    expect(result.undefinedReason?.code).toBe('single_category');
    expect(result.meanObservedAgreement).toBe(1);
  });

  it('unanimous raters with both categories used: kappa 1', () => {
    const result = fleissKappa(fleissCountsFromBinaryRatings([[true, true, true], [false, false, false], [true, true, true]]));
    expect(result.kappa).toBeCloseTo(1, 12);
    expect(result.strength).toBe('almost perfect');
  });

  it('refuses subjects with different numbers of ratings, fewer than 2 ratings, or ragged rows', () => {
    expect(() => fleissKappa([[2, 1], [1, 1]])).toThrow(/same number of ratings/);
    expect(() => fleissKappa([[1, 0], [0, 1]])).toThrow(/at least 2 ratings/);
    expect(() => fleissKappa([[1, 1], [1, 0, 1]])).toThrow(AppError);
    expect(() => fleissKappa([[1, -1, 2]])).toThrow(AppError);
  });

  it('binary ratings become [positive, negative] counts', () => {
    expect(fleissCountsFromBinaryRatings([[true, false, true], [false, false, false]])).toEqual([
      [2, 1],
      [0, 3],
    ]);
  });
});

describe("Fleiss' kappa: properties on random ratings", () => {
  it('reordering subjects or categories leaves kappa and its SE unchanged', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 20; trial++) {
      const raters = 2 + Math.floor(random() * 6);
      const counts = Array.from({ length: 5 + Math.floor(random() * 40) }, () => {
        const row = [0, 0, 0];
        for (let r = 0; r < raters; r++) row[Math.floor(random() * 3)]!++;
        return row;
      });
      const base = fleissKappa(counts);
      const reordered = fleissKappa([...counts].reverse().map(([a, b, c]) => [c!, a!, b!]));
      expect(reordered.kappa).toBeCloseTo(base.kappa!, 12);
      expect(reordered.standardErrorNull).toBeCloseTo(base.standardErrorNull!, 12);
      expect(base.kappa!).toBeLessThanOrEqual(1);
    }
  });
});
