import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import { meanAndSd, proportion, sensitivity, specificity, wilsonInterval } from '../../../shared/metrics';
import { loadMetricsFixture } from './load-fixture';

interface SummaryFixture {
  wilson: { count: number; total: number; ci95: [number, number] }[];
  meanSd: { values: number[]; mean: number; sd: number }[];
}

const fixture = loadMetricsFixture<SummaryFixture>('summary.json');

describe('Wilson score interval', () => {
  it.each(fixture.wilson.map((c) => [c.count, c.total, c] as const))('%i / %i against scipy', (_, __, c) => {
    const ci = wilsonInterval(c.count, c.total)!;
    expect(ci.lower).toBeCloseTo(c.ci95[0], 12);
    expect(ci.upper).toBeCloseTo(c.ci95[1], 12);
  });

  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('Newcombe (1998) method 3 example %i / %i: %f-%f', (count, total, lower, upper) => {
    const ci = wilsonInterval(count, total)!;
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it('stays inside [0, 1] with exact bounds at 0 and n, and is null for n = 0', () => {
    expect(wilsonInterval(0, 7)!.lower).toBe(0);
    expect(wilsonInterval(7, 7)!.upper).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(proportion(0, 0)).toEqual({ count: 0, total: 0, value: null, ci95: null });
  });

  it('refuses counts above the total and fractional counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(AppError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(AppError);
  });
});

describe('sensitivity and specificity', () => {
  it("the paper's Table 3 (per image, test set): 181/226 and 2489/2783", () => {
    const table = { tp: 181, fn: 45, fp: 294, tn: 2489 };
    const sens = sensitivity(table);
    const spec = specificity(table);
    expect(sens).toMatchObject({ count: 181, total: 226 });
    expect(sens.value).toBeCloseTo(0.8009, 4);
    expect(spec).toMatchObject({ count: 2489, total: 2783 });
    expect(spec.value).toBeCloseTo(0.8944, 4);
    expect(sens.ci95!.lower).toBeLessThan(sens.value!);
    expect(sens.ci95!.upper).toBeGreaterThan(sens.value!);
  });

  it('no positives: sensitivity has no value; no negatives: specificity has none', () => {
    expect(sensitivity({ tp: 0, fn: 0, fp: 2, tn: 8 }).value).toBeNull();
    expect(specificity({ tp: 4, fn: 1, fp: 0, tn: 0 }).value).toBeNull();
  });
});

describe('mean and sample SD across folds', () => {
  it.each(fixture.meanSd.map((c, i) => [i, c] as const))('numpy fixture %i', (_, c) => {
    const result = meanAndSd(c.values);
    expect(result.n).toBe(c.values.length);
    expect(result.mean).toBeCloseTo(c.mean, 12);
    expect(result.sd).toBeCloseTo(c.sd, 12);
  });

  it('uses n - 1: {2, 4, 4, 4, 5, 5, 7, 9} has mean 5 and SD sqrt(32/7)', () => {
    const result = meanAndSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(result.mean).toBe(5);
    expect(result.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('empty set: no mean; one value: mean without SD; non-finite values refused', () => {
    expect(meanAndSd([])).toEqual({ n: 0, mean: null, sd: null });
    expect(meanAndSd([0.8])).toEqual({ n: 1, mean: 0.8, sd: null });
    expect(() => meanAndSd([0.8, Number.NaN])).toThrow(AppError);
  });
});
