import type { AgreementReport, KappaFigures, OverlapSummary, PairAgreement } from '../../../shared/model/agreement';
import type { SpinalSegment } from '../../../shared/model/imaging';
import type { ReaderSlot, SliceLabel } from '../../../shared/model/reading';
import { binaryConfusion, cohensKappa, EMPTY_CONFUSION, fleissCountsFromBinaryRatings, fleissKappa, rleMaskOverlap, type BinaryConfusion } from '../../../shared/metrics';

/** One reader's read of one series, as agreement needs it. */
export interface ReaderSeriesRead {
  labels: SliceLabel[];
  /** rle-row-major-v1 runs per slice, null without a ROI. */
  runs: (number[] | null)[];
}

export interface SeriesReads {
  seriesId: number;
  patient: string;
  segment: SpinalSegment | null;
  sliceCount: number;
  reads: Partial<Record<ReaderSlot, ReaderSeriesRead>>;
}

const SEGMENTS: SpinalSegment[] = ['cervical', 'thoracic', 'lumbar'];
const PAIRS: [ReaderSlot, ReaderSlot][] = [
  ['reader1', 'reader2'],
  ['reader1', 'comparison'],
  ['reader2', 'comparison'],
];

export function kappaFigures(confusion: BinaryConfusion): KappaFigures {
  const k = cohensKappa(confusion);
  return {
    n: k.n,
    confusion,
    observedAgreement: k.observedAgreement,
    expectedAgreement: k.expectedAgreement,
    kappa: k.kappa,
    standardError: k.standardError,
    ci95: k.ci95,
    pabak: k.pabak,
    strength: k.strength,
    undefinedReason: k.undefinedReason?.message ?? null,
  };
}

const isRead = (l: SliceLabel | undefined) => l === 'present' || l === 'absent';
const complete = (r: ReaderSeriesRead | undefined, n: number): r is ReaderSeriesRead => !!r && r.labels.length === n && r.labels.every(isRead);
const positiveSeries = (r: ReaderSeriesRead, min: number) => r.labels.filter((l) => l === 'present').length >= min;

/** The 2 x 2 tables of two slots over a set of series: slices both read, and complete series. */
function tables(series: SeriesReads[], a: ReaderSlot, b: ReaderSlot, minSlices: number): { slice: BinaryConfusion; segment: BinaryConfusion } {
  const sliceA: boolean[] = [];
  const sliceB: boolean[] = [];
  const segA: boolean[] = [];
  const segB: boolean[] = [];
  for (const s of series) {
    const ra = s.reads[a];
    const rb = s.reads[b];
    if (!ra || !rb) continue;
    for (let i = 0; i < s.sliceCount; i++) {
      if (isRead(ra.labels[i]) && isRead(rb.labels[i])) {
        sliceA.push(ra.labels[i] === 'present');
        sliceB.push(rb.labels[i] === 'present');
      }
    }
    if (complete(ra, s.sliceCount) && complete(rb, s.sliceCount)) {
      segA.push(positiveSeries(ra, minSlices));
      segB.push(positiveSeries(rb, minSlices));
    }
  }
  return {
    slice: sliceA.length ? binaryConfusion(sliceA, sliceB) : { ...EMPTY_CONFUSION },
    segment: segA.length ? binaryConfusion(segA, segB) : { ...EMPTY_CONFUSION },
  };
}

export interface SliceOverlapRow {
  seriesId: number;
  patient: string;
  segment: SpinalSegment | null;
  sliceIndex: number;
  dice: number;
  iou: number;
}

/** Dice and IoU where both slots drew a ROI on the same slice. */
export function sliceOverlaps(series: SeriesReads[], a: ReaderSlot, b: ReaderSlot): SliceOverlapRow[] {
  const rows: SliceOverlapRow[] = [];
  for (const s of series) {
    const ra = s.reads[a];
    const rb = s.reads[b];
    if (!ra || !rb) continue;
    for (let i = 0; i < s.sliceCount; i++) {
      const ma = ra.runs[i];
      const mb = rb.runs[i];
      if (ra.labels[i] !== 'present' || rb.labels[i] !== 'present' || !ma || !mb) continue;
      const o = rleMaskOverlap(ma, mb);
      if (o.dice === null || o.iou === null) continue;
      rows.push({ seriesId: s.seriesId, patient: s.patient, segment: s.segment, sliceIndex: i, dice: o.dice, iou: o.iou });
    }
  }
  return rows;
}

function summarise(rows: SliceOverlapRow[]): OverlapSummary {
  if (!rows.length) return { slices: 0, meanDice: null, medianDice: null, meanIoU: null };
  const dice = rows.map((r) => r.dice).sort((x, y) => x - y);
  const mid = dice.length / 2;
  return {
    slices: rows.length,
    meanDice: dice.reduce((a, b) => a + b, 0) / dice.length,
    medianDice: dice.length % 2 ? dice[Math.floor(mid)]! : (dice[mid - 1]! + dice[mid]!) / 2,
    meanIoU: rows.reduce((a, r) => a + r.iou, 0) / rows.length,
  };
}

function pairAgreement(series: SeriesReads[], a: ReaderSlot, b: ReaderSlot, minSlices: number): PairAgreement {
  const all = tables(series, a, b, minSlices);
  const bySegment = Object.fromEntries(
    SEGMENTS.map((g) => {
      const t = tables(series.filter((s) => s.segment === g), a, b, minSlices);
      return [g, { slice: kappaFigures(t.slice), segment: kappaFigures(t.segment) }];
    }),
  ) as PairAgreement['bySegment'];
  return { slotA: a, slotB: b, slice: kappaFigures(all.slice), segment: kappaFigures(all.segment), bySegment, overlap: summarise(sliceOverlaps(series, a, b)) };
}

/**
 * Inter-reader agreement as the dashboard shows it: Cohen's kappa (with CI, PABAK, observed
 * agreement, confusion matrix) at slice level over the slices both readers read, and at segment
 * level over the series both readers completed (a series positive when its reader marked at least
 * `segmentMinSlices` slices present); the same per spinal segment and per pair of slots; Fleiss'
 * kappa over slices read by all three slots; Dice and IoU where both primary readers drew.
 */
export function computeAgreement(series: SeriesReads[], segmentMinSlices: number, computedAt = new Date().toISOString()): AgreementReport {
  const primary = pairAgreement(series, 'reader1', 'reader2', segmentMinSlices);
  const pairs = PAIRS.filter(([a, b]) => series.some((s) => s.reads[a] && s.reads[b])).map(([a, b]) => pairAgreement(series, a, b, segmentMinSlices));

  const triple: boolean[][] = [];
  for (const s of series) {
    const rs = (['reader1', 'reader2', 'comparison'] as const).map((slot) => s.reads[slot]);
    if (rs.some((r) => !r)) continue;
    for (let i = 0; i < s.sliceCount; i++) {
      if (rs.every((r) => isRead(r!.labels[i]))) triple.push(rs.map((r) => r!.labels[i] === 'present'));
    }
  }
  const f = triple.length ? fleissKappa(fleissCountsFromBinaryRatings(triple)) : null;

  const overlaps = sliceOverlaps(series, 'reader1', 'reader2');
  const seriesOverlaps = series
    .filter((s) => s.reads.reader1 && s.reads.reader2)
    .map((s) => {
      const rows = overlaps.filter((o) => o.seriesId === s.seriesId);
      return { seriesId: s.seriesId, patient: s.patient, segment: s.segment, slices: rows.length, meanDice: rows.length ? rows.reduce((a, r) => a + r.dice, 0) / rows.length : null };
    });

  const assigned = series.filter((s) => s.reads.reader1 && s.reads.reader2);
  return {
    computedAt,
    segmentMinSlices,
    primary,
    pairs,
    fleiss: f
      ? { subjects: f.subjects, raters: f.raters, kappa: f.kappa, strength: f.strength, undefinedReason: f.undefinedReason?.message ?? null }
      : { subjects: 0, raters: 3, kappa: null, strength: null, undefinedReason: 'No slice has been read by reader 1, reader 2 and a comparison reader.' },
    sliceOverlaps: overlaps,
    seriesOverlaps,
    progress: {
      seriesAssigned: assigned.length,
      seriesBothComplete: assigned.filter((s) => complete(s.reads.reader1, s.sliceCount) && complete(s.reads.reader2, s.sliceCount)).length,
      slicesBothRead: primary.slice.n,
    },
  };
}

