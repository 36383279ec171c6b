import { z } from 'zod';
import { SpinalSegment } from './imaging';
import { ReaderSlot } from './reading';

const Confusion = z.object({ tp: z.number().int(), fn: z.number().int(), fp: z.number().int(), tn: z.number().int() });
const Interval = z.object({ lower: z.number(), upper: z.number() });

/** Cohen's kappa and its companions for one pair of raters over one set of items. */
export const KappaFigures = z.object({
  /** Items both rated. */
  n: z.number().int(),
  /** Rows: first reader (present, absent); columns: second reader. tp = both present. */
  confusion: Confusion,
  observedAgreement: z.number().nullable(),
  expectedAgreement: z.number().nullable(),
  kappa: z.number().nullable(),
  standardError: z.number().nullable(),
  ci95: Interval.nullable(),
  pabak: z.number().nullable(),
  /** Landis-Koch word: poor, slight, fair, moderate, substantial, almost perfect. */
  strength: z.string().nullable(),
  /** Why kappa has no value, in words (null when it has one). */
  undefinedReason: z.string().nullable(),
});
export type KappaFigures = z.infer<typeof KappaFigures>;

export const OverlapSummary = z.object({
  /** Slices where both readers marked BME with a ROI. */
  slices: z.number().int(),
  meanDice: z.number().nullable(),
  medianDice: z.number().nullable(),
  meanIoU: z.number().nullable(),
});
export type OverlapSummary = z.infer<typeof OverlapSummary>;

/** Agreement of one pair of readers (by slot) at slice and segment level. */
export const PairAgreement = z.object({
  slotA: ReaderSlot,
  slotB: ReaderSlot,
  slice: KappaFigures,
  segment: KappaFigures,
  /** The same per spinal segment (cervical, thoracic, lumbar). */
  bySegment: z.record(SpinalSegment, z.object({ slice: KappaFigures, segment: KappaFigures })),
  overlap: OverlapSummary,
});
export type PairAgreement = z.infer<typeof PairAgreement>;

export const SliceOverlap = z.object({
  seriesId: z.number().int(),
  patient: z.string(),
  segment: SpinalSegment.nullable(),
  sliceIndex: z.number().int(),
  dice: z.number(),
  iou: z.number(),
});

export const AgreementReport = z.object({
  /** ISO time the figures were computed. */
  computedAt: z.string(),
  /** The segment-level rule: a series is positive when its reader marked BME on at least this many slices. */
  segmentMinSlices: z.number().int(),
  /** Reader 1 vs reader 2, the study's headline figures. */
  primary: PairAgreement,
  /** Every pair of slots that has reads (reader1-reader2, reader1-comparison, reader2-comparison). */
  pairs: z.array(PairAgreement),
  /** Fleiss' kappa over slices read by all three slots; null figures when there are none. */
  fleiss: z.object({ subjects: z.number().int(), raters: z.number().int(), kappa: z.number().nullable(), strength: z.string().nullable(), undefinedReason: z.string().nullable() }),
  /** Dice and IoU per slice where reader 1 and reader 2 both drew. */
  sliceOverlaps: z.array(SliceOverlap),
  /** Per series: reader 1 vs reader 2 mean Dice over slices both drew. */
  seriesOverlaps: z.array(z.object({ seriesId: z.number().int(), patient: z.string(), segment: SpinalSegment.nullable(), slices: z.number().int(), meanDice: z.number().nullable() })),
  /** Progress: series with both primary reads complete, of all series with both readers assigned. */
  progress: z.object({ seriesAssigned: z.number().int(), seriesBothComplete: z.number().int(), slicesBothRead: z.number().int() }),
});
export type AgreementReport = z.infer<typeof AgreementReport>;
