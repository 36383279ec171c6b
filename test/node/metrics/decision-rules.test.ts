import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import {
  ANY_SLICE,
  confusionFromOutcomes,
  evaluateSeries,
  evaluateSlice,
  seriesPositive,
  seriesScore,
  truePositiveDice,
  type BinaryOutcome,
} from '../../../shared/metrics';
import { loadMetricsFixture, maskFromBits, seededRandom } from './load-fixture';

interface DecisionFixture {
  threshold: number;
  series: {
    slices: { probabilities: number[]; truth: string; outcome: BinaryOutcome; maxProbability: number; dice: number | null }[];
    outcomeK1: BinaryOutcome;
    outcomeK2: BinaryOutcome;
  }[];
  imageConfusion: Record<BinaryOutcome, number>;
  meanTruePositiveDice: number;
  truePositiveSlices: number;
}

const fixture = loadMetricsFixture<DecisionFixture>('decision-rules.json');

/** A 4 x 4 slice: `truth` and `hot` list pixel indices; hot pixels get probability `p`, others `background`. */
function slice(truth: number[], hot: number[], p = 0.9, background = 0.1) {
  const mask = new Uint8Array(16);
  truth.forEach((i) => (mask[i] = 1));
  const probabilities = new Float32Array(16).fill(background);
  hot.forEach((i) => (probabilities[i] = p));
  return { probabilities, mask };
}

describe('image-level rule: hand-computed slices', () => {
  it('prediction overlapping the lesion: TP, with the Dice of the predicted and true masks', () => {
    const { probabilities, mask } = slice([5, 6], [6]);
    const result = evaluateSlice(probabilities, mask);
    expect(result).toMatchObject({ truthPositive: true, predictedPositive: true, overlapsTruth: true, outcome: 'tp' });
    expect(result.overlap.dice).toBeCloseTo(2 / 3, 12);
    expect(result.maxProbability).toBeCloseTo(0.9, 6);
  });

  it('prediction only outside the lesion: a miss (FN), not a false positive', () => {
    const { probabilities, mask } = slice([5], [15]);
    const result = evaluateSlice(probabilities, mask);
    expect(result).toMatchObject({ truthPositive: true, predictedPositive: true, overlapsTruth: false, outcome: 'fn' });
    expect(result.maxProbabilityInTruth).toBeCloseTo(0.1, 6);
  });

  it('lesion with nothing predicted: FN; clean slice with a prediction: FP; clean and quiet: TN', () => {
    expect(evaluateSlice(...args(slice([5], [])))).toMatchObject({ outcome: 'fn', predictedPositive: false });
    expect(evaluateSlice(...args(slice([], [0], 0.6)))).toMatchObject({ outcome: 'fp', maxProbabilityInTruth: null });
    const quiet = evaluateSlice(...args(slice([], [3], 0.49)));
    expect(quiet.outcome).toBe('tn');
    expect(quiet.overlap.dice).toBeNull();
  });

  it('the threshold is inclusive (max >= threshold) and adjustable', () => {
    const { probabilities, mask } = slice([2], [2], 0.5);
    expect(evaluateSlice(probabilities, mask).outcome).toBe('tp');
    expect(evaluateSlice(probabilities, mask, 0.51).outcome).toBe('fn');
  });

  it("scores a reader's 0/1 mask by the same rule", () => {
    const truth = slice([4, 5, 8, 9], []).mask;
    const reader = slice([5, 6], []).mask;
    const result = evaluateSlice(reader, truth);
    expect(result.outcome).toBe('tp');
    expect(result.overlap.dice).toBeCloseTo((2 * 1) / (2 + 4), 12);
  });

  it('refuses maps and masks of different sizes, empty slices and NaN probabilities', () => {
    expect(() => evaluateSlice(new Float32Array(4), new Uint8Array(5))).toThrow(AppError);
    expect(() => evaluateSlice(new Float32Array(0), new Uint8Array(0))).toThrow(/no pixels/);
    expect(() => evaluateSlice([0.2, Number.NaN], new Uint8Array(2))).toThrow(/pixel 1/);
  });
});

function args(s: { probabilities: Float32Array; mask: Uint8Array }): [Float32Array, Uint8Array] {
  return [s.probabilities, s.mask];
}

describe('image- and segment-level rules against the numpy implementation (fixture)', () => {
  const evaluated = fixture.series.map((series) =>
    series.slices.map((s) => ({ expected: s, result: evaluateSlice(s.probabilities, maskFromBits(s.truth), fixture.threshold) })),
  );

  it('every slice: outcome, score and Dice', () => {
    for (const { expected, result } of evaluated.flat()) {
      expect(result.outcome).toBe(expected.outcome);
      expect(result.maxProbability).toBe(expected.maxProbability);
      if (expected.dice === null) expect(result.outcome).not.toBe('tp');
      else expect(result.overlap.dice).toBeCloseTo(expected.dice, 12);
    }
  });

  it('the per-image confusion matrix and the mean Dice of TP slices', () => {
    const results = evaluated.flat().map((e) => e.result);
    expect(confusionFromOutcomes(results.map((r) => r.outcome))).toEqual(fixture.imageConfusion);
    const dice = truePositiveDice(results);
    expect(dice.n).toBe(fixture.truePositiveSlices);
    expect(dice.mean).toBeCloseTo(fixture.meanTruePositiveDice, 12);
  });

  it('every series with K = 1 (any slice) and K = 2 (the paper)', () => {
    fixture.series.forEach((series, i) => {
      const slices = evaluated[i]!.map((e) => e.result);
      expect(evaluateSeries(slices, ANY_SLICE).outcome).toBe(series.outcomeK1);
      expect(evaluateSeries(slices).outcome).toBe(series.outcomeK2);
    });
  });
});

describe('segment-level rule', () => {
  const reads = (...flags: [boolean, boolean][]) => flags.map(([truthPositive, predictedPositive]) => ({ truthPositive, predictedPositive }));

  it('one predicted slice is enough for "any slice" but not for the paper rule', () => {
    const series = reads([true, false], [false, true], [false, false]);
    expect(evaluateSeries(series, 1)).toMatchObject({ outcome: 'tp', predictedPositiveSlices: 1 });
    expect(evaluateSeries(series)).toMatchObject({ outcome: 'fn', predictedPositive: false });
    expect(evaluateSeries(reads([false, true], [false, true]))).toMatchObject({ truthPositive: false, outcome: 'fp' });
    expect(evaluateSeries(reads([false, false]))).toMatchObject({ outcome: 'tn' });
    expect(evaluateSeries([])).toMatchObject({ truthPositive: false, outcome: 'tn' });
  });

  it('seriesPositive counts positives against K and refuses a K below 1 or fractional', () => {
    expect(seriesPositive([true, false, true], 2)).toBe(true);
    expect(seriesPositive([true, false, false], 2)).toBe(false);
    expect(seriesPositive([], 1)).toBe(false);
    expect(() => seriesPositive([true], 0)).toThrow(AppError);
    expect(() => evaluateSeries([], 1.5)).toThrow(/whole number/);
  });

  it('seriesScore is the K-th highest slice score: positive at t exactly when score >= t', () => {
    const random = seededRandom(17);
    for (let trial = 0; trial < 200; trial++) {
      const scores = Array.from({ length: Math.floor(random() * 6) }, () => Math.round(random() * 10) / 10);
      const k = 1 + Math.floor(random() * 3);
      const t = Math.round(random() * 10) / 10;
      const score = seriesScore(scores, k);
      const positive = seriesPositive(scores.map((s) => s >= t), k);
      expect(score !== null && score >= t).toBe(positive);
    }
  });
});

describe('image-level rule: properties on random slices', () => {
  it('a truth-positive slice is TP at threshold t exactly when maxProbabilityInTruth >= t', () => {
    const random = seededRandom(23);
    for (let trial = 0; trial < 200; trial++) {
      const mask = Uint8Array.from({ length: 25 }, () => (random() < 0.2 ? 1 : 0));
      const probabilities = Float64Array.from({ length: 25 }, () => Math.round(random() * 20) / 20);
      const t = Math.round(random() * 20) / 20;
      const result = evaluateSlice(probabilities, mask, t);
      if (!result.truthPositive) {
        expect(result.outcome).toBe(result.maxProbability >= t ? 'fp' : 'tn');
        continue;
      }
      expect(result.outcome === 'tp').toBe(result.maxProbabilityInTruth! >= t);
      expect(result.predictedPositive).toBe(result.maxProbability >= t);
    }
  });
});
