import { describe, expect, it } from 'vitest';
import { scoreSet, type ScoredSlice } from '../../../electron/core/evaluation/score-set';

/** 2 x 2 images: truth masks and probability maps written out by hand. */
const m = (...px: number[]) => Uint8Array.from(px);
const p = (...px: number[]) => Float32Array.from(px);

// Series 1 (lumbar): slice a TP (overlaps), slice b truth-positive but predicted elsewhere (FN),
// slice c truth-negative predicted positive (FP). Series 2 (cervical): two TN slices, one FN.
const slices: ScoredSlice[] = [
  { seriesId: 1, segment: 'lumbar', truth: m(1, 1, 0, 0), probabilities: p(0.9, 0.2, 0.7, 0.1) },
  { seriesId: 1, segment: 'lumbar', truth: m(0, 0, 1, 0), probabilities: p(0.8, 0.1, 0.3, 0.1) },
  { seriesId: 1, segment: 'lumbar', truth: m(0, 0, 0, 0), probabilities: p(0.6, 0.1, 0.1, 0.1) },
  { seriesId: 2, segment: 'cervical', truth: m(0, 0, 0, 0), probabilities: p(0.1, 0.2, 0.1, 0.1) },
  { seriesId: 2, segment: 'cervical', truth: m(0, 0, 0, 0), probabilities: p(0.3, 0.2, 0.1, 0.1) },
  { seriesId: 2, segment: 'cervical', truth: m(0, 1, 0, 0), probabilities: p(0.1, 0.4, 0.1, 0.1) },
];

describe("the paper's rules on hand-computed slices", () => {
  const s = scoreSet(slices, 0.5, 2);

  it('image level: positives need overlap; sensitivity and specificity as counts', () => {
    expect(s.image.confusion).toEqual({ tp: 1, fn: 2, fp: 1, tn: 2 });
    expect(s.image.sensitivity).toEqual({ value: 1 / 3, count: 1, total: 3 });
    expect(s.image.specificity).toEqual({ value: 2 / 3, count: 2, total: 3 });
  });

  it('AUC from the maximum probability of each slice (ties averaged, as roc_auc_score)', () => {
    // positives' max: 0.9, 0.8, 0.4; negatives' max: 0.6, 0.2, 0.3 -> pairs won: 3 + 3 + 2 = 8 of 9
    expect(s.image.auc).toBeCloseTo(8 / 9, 12);
  });

  it('segment level: at least two predicted slices make a positive segment, wherever they lie', () => {
    // series 1: truth positive, 3 slices predicted positive -> TP; series 2: truth positive, 0 predicted -> FN
    expect(s.segment.confusion).toEqual({ tp: 1, fn: 1, fp: 0, tn: 0 });
    expect(scoreSet(slices, 0.5, 4).segment.confusion).toEqual({ tp: 0, fn: 2, fp: 0, tn: 0 });
  });

  it('Dice of the true-positive slices only', () => {
    // slice a: predicted {0, 2}, truth {0, 1}: Dice = 2*1 / (2 + 2) = 0.5
    expect(s.dice).toEqual({ n: 1, mean: 0.5, sd: null });
  });

  it('per spinal segment', () => {
    expect(s.bySegment.lumbar.image.confusion).toEqual({ tp: 1, fn: 1, fp: 1, tn: 0 });
    expect(s.bySegment.cervical.image.confusion).toEqual({ tp: 0, fn: 1, fp: 0, tn: 2 });
    expect(s.bySegment.thoracic.image.confusion).toEqual({ tp: 0, fn: 0, fp: 0, tn: 0 });
  });
});
