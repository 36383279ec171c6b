import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAgreement, type SeriesReads } from '../../../electron/core/agreement/compute-agreement';
import { encodeRuns } from '../../../shared/geometry/mask';
import type { SpinalSegment } from '../../../shared/model/imaging';
import type { SliceLabel } from '../../../shared/model/reading';

interface Figures { n: number; kappa: number; tp: number; fn: number; fp: number; tn: number; pabak: number }
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/agreement/reads.json'), 'utf8')) as {
  series: { seriesId: number; segment: SpinalSegment; reader1: SliceLabel[]; reader2: SliceLabel[] }[];
  expected: { slice: Figures; segmentAny: Figures; segmentTwo: Figures; bySegment: Record<SpinalSegment, Figures> };
};

const noMasks = (labels: SliceLabel[]) => ({ labels, runs: labels.map(() => null) });
const series: SeriesReads[] = fixture.series.map((s) => ({
  seriesId: s.seriesId,
  patient: `P${String(s.seriesId).padStart(3, '0')}`,
  segment: s.segment,
  sliceCount: s.reader1.length,
  reads: { reader1: noMasks(s.reader1), reader2: noMasks(s.reader2) },
}));

function expectFigures(actual: ReturnType<typeof computeAgreement>['primary']['slice'], expected: Figures) {
  expect(actual.n).toBe(expected.n);
  expect(actual.confusion).toEqual({ tp: expected.tp, fn: expected.fn, fp: expected.fp, tn: expected.tn });
  expect(actual.kappa).toBeCloseTo(expected.kappa, 12);
  expect(actual.pabak).toBeCloseTo(expected.pabak, 12);
}

describe('inter-reader agreement against scikit-learn (fixtures made once by make_fixture.py)', () => {
  const report = computeAgreement(series, 1, 'fixed');

  it('slice level: Cohen kappa, confusion matrix and PABAK over the slices both readers read', () => {
    expectFigures(report.primary.slice, fixture.expected.slice);
    expect(report.primary.slice.strength).toBe('substantial'); // 0.76 in 0.61-0.80
    expect(report.primary.slice.ci95!.lower).toBeLessThan(report.primary.slice.kappa!);
    expect(report.primary.slice.ci95!.upper).toBeGreaterThan(report.primary.slice.kappa!);
  });

  it('segment level with the "any slice" rule, and with "at least two slices"', () => {
    expectFigures(report.primary.segment, fixture.expected.segmentAny);
    expectFigures(computeAgreement(series, 2).primary.segment, fixture.expected.segmentTwo);
  });

  it('per spinal segment, including a degenerate table with a kappa of 0', () => {
    for (const g of ['cervical', 'thoracic', 'lumbar'] as const) expectFigures(report.primary.bySegment[g].slice, fixture.expected.bySegment[g]);
  });

  it('counts progress: series complete for both readers', () => {
    expect(report.progress).toEqual({ seriesAssigned: 12, seriesBothComplete: 10, slicesBothRead: 204 });
  });
});

describe('mask overlap and Fleiss kappa', () => {
  const w = 4;
  const h = 4;
  const m = (pixels: number[]) => {
    const a = new Uint8Array(w * h);
    pixels.forEach((p) => (a[p] = 1));
    return encodeRuns(a, w, h);
  };

  it('Dice and IoU where both readers drew, per slice and summarised per series', () => {
    const r = computeAgreement(
      [
        {
          seriesId: 1,
          patient: 'P001',
          segment: 'lumbar',
          sliceCount: 3,
          reads: {
            reader1: { labels: ['present', 'present', 'absent'], runs: [m([0, 1, 2, 3]), m([5]), null] },
            reader2: { labels: ['present', 'absent', 'absent'], runs: [m([2, 3, 6, 7]), null, null] },
          },
        },
      ],
      1,
    );
    // |A|=4, |B|=4, |A and B|=2: Dice 0.5, IoU 2/6
    expect(r.sliceOverlaps).toEqual([{ seriesId: 1, patient: 'P001', segment: 'lumbar', sliceIndex: 0, dice: 0.5, iou: 1 / 3 }]);
    expect(r.seriesOverlaps[0]).toMatchObject({ slices: 1, meanDice: 0.5 });
    expect(r.primary.overlap).toMatchObject({ slices: 1, meanDice: 0.5, medianDice: 0.5 });
  });

  it("Fleiss' kappa over slices all three slots read equals the hand computation", () => {
    const labels = (s: string): SliceLabel[] => [...s].map((c) => (c === 'p' ? 'present' : c === 'a' ? 'absent' : 'unread'));
    const r = computeAgreement(
      [{ seriesId: 1, patient: 'P001', segment: 'cervical', sliceCount: 5, reads: { reader1: noMasks(labels('ppaau')), reader2: noMasks(labels('papaa')), comparison: noMasks(labels('ppaaa')) } }],
      1,
    );
    // 4 subjects rated by all three (the fifth is unread by reader 1): present counts 3, 2, 1, 0.
    // P_i = 1, 1/3, 1/3, 1 -> P = 2/3; p_present = 6/12, Pe = 1/2; kappa = (2/3 - 1/2) / (1/2) = 1/3
    expect(r.fleiss.subjects).toBe(4);
    expect(r.fleiss.kappa).toBeCloseTo(1 / 3, 12);
    expect(r.pairs.map((p) => `${p.slotA}-${p.slotB}`)).toEqual(['reader1-reader2', 'reader1-comparison', 'reader2-comparison']);
  });
});
