import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import {
  binaryConfusion,
  cohensKappa,
  cohensKappaFromMatrix,
  confusionToMatrix,
  type BinaryConfusion,
} from '../../../shared/metrics';
import { loadMetricsFixture, seededRandom } from './load-fixture';

interface CohenFixture {
  z95: number;
  binary: {
    raterA: number[];
    raterB: number[];
    confusion: BinaryConfusion;
    kappa: number;
    observedAgreement: number;
    expectedAgreement: number;
    standardError: number;
    standardErrorNull: number;
    ci95: [number, number];
    pabak: number;
  }[];
  multiCategory: { table: number[][]; kappa: number; standardError: number; standardErrorNull: number };
}

const fixture = loadMetricsFixture<CohenFixture>('cohens-kappa.json');

describe("Cohen's kappa against scikit-learn and the published SE formula (fixtures)", () => {
  it.each(fixture.binary.map((c, i) => [i, c] as const))('random binary case %i', (_, c) => {
    const table = binaryConfusion(
      c.raterA.map((v) => v === 1),
      c.raterB.map((v) => v === 1),
    );
    expect(table).toEqual(c.confusion);
    const result = cohensKappa(table);
    expect(result.kappa).toBeCloseTo(c.kappa, 12);
    expect(result.observedAgreement).toBeCloseTo(c.observedAgreement, 12);
    expect(result.expectedAgreement).toBeCloseTo(c.expectedAgreement, 12);
    expect(result.standardError).toBeCloseTo(c.standardError, 12);
    expect(result.standardErrorNull).toBeCloseTo(c.standardErrorNull, 12);
    expect(result.pabak).toBeCloseTo(c.pabak, 12);
    expect(result.ci95!.lower).toBeCloseTo(Math.max(-1, c.ci95[0]), 12);
    expect(result.ci95!.upper).toBeCloseTo(Math.min(1, c.ci95[1]), 12);
  });

  it('a 4-category table', () => {
    const result = cohensKappaFromMatrix(fixture.multiCategory.table);
    expect(result.categories).toBe(4);
    expect(result.kappa).toBeCloseTo(fixture.multiCategory.kappa, 12);
    expect(result.standardError).toBeCloseTo(fixture.multiCategory.standardError, 12);
    expect(result.standardErrorNull).toBeCloseTo(fixture.multiCategory.standardErrorNull, 12);
  });
});

describe("Cohen's kappa: published worked examples", () => {
  it('Wikipedia, 50 grant proposals: Po 0.7, Pe 0.5, kappa 0.4', () => {
    // Both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    const result = cohensKappa({ tp: 20, fn: 5, fp: 10, tn: 15 });
    expect(result.n).toBe(50);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.pabak).toBeCloseTo(0.4, 12);
    expect(result.strength).toBe('fair');
  });

  it('SAS PROC FREQ simple kappa (3 categories): kappa 0.4842, ASE 0.1380, CI 0.2137-0.7547, H0 ASE 0.1484, Z 3.2626', () => {
    const result = cohensKappaFromMatrix([
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ]);
    expect(result.kappa).toBeCloseTo(0.4842, 4);
    expect(result.standardError).toBeCloseTo(0.138, 4);
    expect(result.ci95!.lower).toBeCloseTo(0.2137, 4);
    expect(result.ci95!.upper).toBeCloseTo(0.7547, 4);
    expect(result.standardErrorNull).toBeCloseTo(0.1484, 4);
    expect(result.z).toBeCloseTo(3.2626, 4);
  });

  it('R statpsych::ci.kappa(.05, 31, 12, 4, 58) (Fleiss & Paik 2003): kappa 0.6756757, SE 0.07344761, CI 0.5317210-0.8196303', () => {
    const result = cohensKappa({ tp: 58, fn: 4, fp: 12, tn: 31 });
    expect(result.kappa).toBeCloseTo(0.6756757, 7);
    expect(result.standardError).toBeCloseTo(0.07344761, 8);
    expect(result.ci95!.lower).toBeCloseTo(0.531721, 7);
    expect(result.ci95!.upper).toBeCloseTo(0.8196303, 7);
    expect(result.strength).toBe('substantial');
  });
});

describe("Cohen's kappa: degenerate data give explicit results", () => {
  it('no items: everything null, reason no_items', () => {
    const result = cohensKappa(binaryConfusion([], []));
    expect(result).toMatchObject({ n: 0, kappa: null, observedAgreement: null, pabak: null, ci95: null });
    expect(result.undefinedReason?.code).toBe('no_items');
  });

  it.each([
    ['every item negative for both', { tp: 0, fn: 0, fp: 0, tn: 12 }],
    ['every item positive for both', { tp: 7, fn: 0, fp: 0, tn: 0 }],
  ])('%s: kappa null (0/0), Po and PABAK 1', (_, table) => {
    const result = cohensKappa(table);
    expect(result.kappa).toBeNull();
    expect(result.standardError).toBeNull();
    expect(result.strength).toBeNull();
    expect(result.undefinedReason?.code).toBe('single_category');
    expect(result.undefinedReason?.message).toMatch(/same single category/);
    expect(result.observedAgreement).toBe(1);
    expect(result.expectedAgreement).toBe(1);
    expect(result.pabak).toBe(1);
  });

  it('each rater uses one category, but not the same one: kappa 0, PABAK -1 (as scikit-learn)', () => {
    const result = cohensKappa({ tp: 0, fn: 9, fp: 0, tn: 0 });
    expect(result.kappa).toBe(0);
    expect(result.pabak).toBe(-1);
    expect(Number.isNaN(result.standardError)).toBe(false);
  });

  it('perfect agreement with both categories used: kappa 1, SE 0, CI [1, 1]', () => {
    const result = cohensKappa({ tp: 3, fn: 0, fp: 0, tn: 5 });
    expect(result.kappa).toBe(1);
    expect(result.standardError).toBe(0);
    expect(result.ci95).toEqual({ lower: 1, upper: 1 });
    expect(result.strength).toBe('almost perfect');
  });

  it('complete disagreement with balanced margins: kappa -1, poor', () => {
    const result = cohensKappa({ tp: 0, fn: 5, fp: 5, tn: 0 });
    expect(result.kappa).toBe(-1);
    expect(result.strength).toBe('poor');
    expect(result.ci95!.lower).toBeGreaterThanOrEqual(-1);
  });

  it('a CI that would pass 1 is clipped to 1', () => {
    const result = cohensKappa({ tp: 10, fn: 1, fp: 0, tn: 3 });
    expect(result.kappa! + 1.96 * result.standardError!).toBeGreaterThan(1);
    expect(result.ci95!.upper).toBe(1);
  });

  it('refuses mismatched ratings, negative or fractional counts, and non-square tables', () => {
    expect(() => binaryConfusion([true], [true, false])).toThrow(AppError);
    expect(() => cohensKappa({ tp: -1, fn: 0, fp: 0, tn: 3 })).toThrow(/at least 0/);
    expect(() => cohensKappa({ tp: 1.5, fn: 0, fp: 0, tn: 3 })).toThrow(AppError);
    expect(() => cohensKappaFromMatrix([[1, 2]])).toThrow(/square/);
    expect(() => confusionToMatrix({ tp: Number.NaN, fn: 0, fp: 0, tn: 0 })).toThrow(AppError);
  });
});

describe("Cohen's kappa: properties on random ratings", () => {
  const random = seededRandom(7);
  const cases = Array.from({ length: 40 }, () => {
    const n = 1 + Math.floor(random() * 200);
    const prevalence = random();
    const a = Array.from({ length: n }, () => random() < prevalence);
    const b = a.map((v) => (random() < 0.7 ? v : random() < prevalence));
    return { a, b };
  });

  it('identical ratings have kappa 1 unless only one category occurs', () => {
    for (const { a } of cases) {
      const result = cohensKappa(binaryConfusion(a, a));
      if (a.every((v) => v === a[0])) expect(result.undefinedReason?.code).toBe('single_category');
      else expect(result.kappa).toBe(1);
      expect(result.observedAgreement).toBe(1);
    }
  });

  it('swapping the raters or the category labels leaves kappa, SE, CI and PABAK unchanged', () => {
    const invert = (xs: boolean[]) => xs.map((v) => !v);
    for (const { a, b } of cases) {
      const base = cohensKappa(binaryConfusion(a, b));
      for (const other of [cohensKappa(binaryConfusion(b, a)), cohensKappa(binaryConfusion(invert(a), invert(b)))]) {
        expect(other.undefinedReason?.code).toBe(base.undefinedReason?.code);
        if (base.kappa === null) continue;
        expect(other.kappa).toBeCloseTo(base.kappa, 12);
        expect(other.standardError).toBeCloseTo(base.standardError!, 12);
        expect(other.ci95!.lower).toBeCloseTo(base.ci95!.lower, 12);
        expect(other.pabak).toBeCloseTo(base.pabak!, 12);
      }
    }
  });

  it('kappa stays within [-1, 1], below Po, and its CI contains it', () => {
    for (const { a, b } of cases) {
      const result = cohensKappa(binaryConfusion(a, b));
      if (result.kappa === null) continue;
      expect(result.kappa).toBeGreaterThanOrEqual(-1);
      expect(result.kappa).toBeLessThanOrEqual(result.observedAgreement! + 1e-12);
      expect(result.ci95!.lower).toBeLessThanOrEqual(result.kappa);
      expect(result.ci95!.upper).toBeGreaterThanOrEqual(result.kappa);
      expect(result.pabak).toBeCloseTo(2 * result.observedAgreement! - 1, 12);
    }
  });
});
