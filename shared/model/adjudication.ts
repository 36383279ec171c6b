import { z } from 'zod';
import { ImageRef, SpinalSegment } from './imaging';
import { EncodedMask, SliceLabel } from './reading';

/** How discordance and automatic consensus are decided in a study. */
export const AdjudicationSettings = z.object({
  /** Both readers present with mask Dice below this is discordant (default 0.5). */
  diceThreshold: z.number().min(0).max(1),
  /** Mask of a concordant-present slice: the primary reader's (as in the paper), union or intersection. */
  autoRule: z.enum(['primary', 'union', 'intersection']),
  primarySlot: z.enum(['reader1', 'reader2']),
  /** Segment-level rule for agreement: a series is positive when at least this many slices are. */
  segmentMinSlices: z.number().int().min(1).max(20),
});
export type AdjudicationSettings = z.infer<typeof AdjudicationSettings>;

export const DEFAULT_ADJUDICATION_SETTINGS: AdjudicationSettings = { diceThreshold: 0.5, autoRule: 'primary', primarySlot: 'reader1', segmentMinSlices: 1 };

export const DiscordanceReason = z.enum(['discordant_label', 'discordant_mask', 'stale']);

export const QueueItem = z.object({
  seriesId: z.number().int(),
  patient: z.string(),
  segment: SpinalSegment.nullable(),
  /** Position of the image in its series now (0-based), for display. */
  sliceIndex: z.number().int(),
  image: ImageRef,
  /** One present and one absent; both present with low Dice; or decided before the reads changed. */
  reason: DiscordanceReason,
  dice: z.number().nullable(),
  resolved: z.boolean(),
  method: z.string().nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const AdjudicationQueue = z.object({
  items: z.array(QueueItem),
  /** Discordant slices without a current decision (after filters). */
  remaining: z.number().int(),
  total: z.number().int(),
  /** Series whose two primary reads are locked (adjudication works on these). */
  seriesReady: z.number().int(),
  /** Series with both readers assigned but not both locked yet. */
  seriesWaiting: z.number().int(),
});
export type AdjudicationQueue = z.infer<typeof AdjudicationQueue>;

export const ConsensusDecision = z.object({
  id: z.number().int(),
  label: z.enum(['present', 'absent']),
  mask: EncodedMask.nullable(),
  /** auto | accept_reader1 | accept_reader2 | union | intersection | absent | edited */
  method: z.string(),
  rule: z.string().nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
  current: z.boolean(),
});
export type ConsensusDecision = z.infer<typeof ConsensusDecision>;

const ReaderSide = z.object({ name: z.string(), label: SliceLabel, mask: EncodedMask.nullable() });

/** Everything the coordinator needs to decide one slice. */
export const SliceCase = z.object({
  seriesId: z.number().int(),
  /** Position of the image in its series now (0-based), for display. */
  sliceIndex: z.number().int(),
  image: ImageRef,
  sliceCount: z.number().int(),
  patient: z.string(),
  segment: SpinalSegment.nullable(),
  width: z.number().int(),
  height: z.number().int(),
  reader1: ReaderSide,
  reader2: ReaderSide,
  dice: z.number().nullable(),
  iou: z.number().nullable(),
  /** pending | concordant_absent | concordant_present | discordant_label | discordant_mask */
  agreement: z.string(),
  consensus: ConsensusDecision.nullable(),
  history: z.array(ConsensusDecision),
});
export type SliceCase = z.infer<typeof SliceCase>;

export const ResolveMethod = z.enum(['accept_reader1', 'accept_reader2', 'union', 'intersection', 'absent', 'edited']);
