import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import { operatingPoint, rocCurve } from '../../../shared/metrics';
import { loadMetricsFixture, seededRandom } from './load-fixture';

interface RocFixture {
  cases: {
    scores: number[];
    labels: number[];
    auc: number;
    fpr: number[];
    tpr: number[];
    thresholds: (number | null)[];
  }[];
}

const fixture = loadMetricsFixture<RocFixture>('roc.json');

describe('ROC curve and AUC against scikit-learn (fixtures, tied scores included)', () => {
  it.each(fixture.cases.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const curve = rocCurve(
      c.scores,
      c.labels.map((v) => v === 1),
    );
    expect(curve.auc).toBeCloseTo(c.auc, 12);
    expect(curve.points.map((p) => p.threshold)).toEqual(
      c.thresholds.map((t) => (t === null ? Number.POSITIVE_INFINITY : t)),
    );
    curve.points.forEach((point, i) => {
      expect(point.fpr).toBeCloseTo(c.fpr[i]!, 12);
      expect(point.tpr).toBeCloseTo(c.tpr[i]!, 12);
    });
  });
});

describe('ROC curve: hand-computed cases', () => {
  it('a tie between a positive and a negative earns half credit', () => {
    // Positives 0.9, 0.5; negatives 0.5, 0.1: pairs (0.9>0.5) (0.9>0.1) (0.5=0.5 half) (0.5>0.1).
    const curve = rocCurve([0.9, 0.5, 0.5, 0.1], [true, true, false, false]);
    expect(curve.auc).toBeCloseTo(3.5 / 4, 12);
    expect(curve.points.map((p) => [p.threshold, p.tp, p.fp])).toEqual([
      [Number.POSITIVE_INFINITY, 0, 0],
      [0.9, 1, 0],
      [0.5, 2, 1],
      [0.1, 2, 2],
    ]);
  });

  it('perfect separation gives 1, reversed gives 0, and flipping the labels gives 1 - AUC', () => {
    expect(rocCurve([0.9, 0.8, 0.2], [true, true, false]).auc).toBe(1);
    expect(rocCurve([0.1, 0.2, 0.8], [true, true, false]).auc).toBe(0);
    const random = seededRandom(5);
    const scores = Array.from({ length: 300 }, () => Math.round(random() * 20) / 20);
    const labels = scores.map((s) => random() < s);
    const auc = rocCurve(scores, labels).auc!;
    expect(rocCurve(scores, labels.map((v) => !v)).auc).toBeCloseTo(1 - auc, 12);
  });

  it('the operating point of a threshold is the decision "score >= threshold"', () => {
    const scores = Float32Array.from([0.95, 0.7, 0.5, 0.5, 0.3, 0.2, 0.1]);
    const labels = [true, true, true, false, false, true, false];
    const curve = rocCurve(scores, labels);
    const at = (t: number) => {
      const p = operatingPoint(curve, t)!;
      return [p.tp, p.fp];
    };
    expect(at(0.5)).toEqual([3, 1]);
    expect(at(0.51)).toEqual([2, 0]);
    expect(at(0.99)).toEqual([0, 0]);
    expect(at(0)).toEqual([4, 3]);
    expect(operatingPoint(rocCurve([0.5], [true]), 0.5)).toBeNull();
  });

  it('one class only: no curve, AUC null with a reason', () => {
    const noNegatives = rocCurve([0.1, 0.9], [true, true]);
    expect(noNegatives.auc).toBeNull();
    expect(noNegatives.points).toEqual([]);
    expect(noNegatives.undefinedReason?.code).toBe('no_negatives');
    expect(rocCurve([], []).undefinedReason?.code).toBe('no_positives');
  });

  it('refuses NaN scores and mismatched lengths', () => {
    expect(() => rocCurve([Number.NaN, 0.2], [true, false])).toThrow(AppError);
    expect(() => rocCurve([0.2], [true, false])).toThrow(AppError);
  });
});
