import { z } from 'zod';
import { EncodedMask } from '../geometry/mask';
import { ImageRef, SpinalSegment } from './imaging';

export const SliceLabel = z.enum(['unread', 'present', 'absent']);
export type SliceLabel = z.infer<typeof SliceLabel>;

export const ReaderSlot = z.enum(['reader1', 'reader2', 'comparison']);
export type ReaderSlot = z.infer<typeof ReaderSlot>;

/** A mask as stored and sent: defined, validated and built in shared/geometry/mask.ts. */
export { EncodedMask } from '../geometry/mask';

/** One row of a reader's worklist: only their own progress. */
export const WorklistItem = z.object({
  seriesId: z.number().int(),
  patient: z.string(),
  segment: SpinalSegment.nullable(),
  description: z.string().nullable(),
  slot: ReaderSlot,
  slices: z.number().int(),
  /** Slices this reader has labelled present or absent. */
  read: z.number().int(),
  present: z.number().int(),
  locked: z.boolean(),
  /** 0-based position (now) of the image to resume at. */
  lastSlice: z.number().int(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

/** A reader's state of one slice. */
export const SliceRead = z.object({
  /** Position in the sorted series now (0-based): for display and navigation only. */
  index: z.number().int(),
  /** The image this read belongs to. */
  image: ImageRef,
  label: SliceLabel,
  /** Null when the slice has no ROI. */
  mask: EncodedMask.nullable(),
  /** 'sha256:<hex>' of label and mask: what a save must name as its 'before'. */
  hash: z.string(),
  revision: z.number().int(),
});
export type SliceRead = z.infer<typeof SliceRead>;

/** The signed-in reader's own read of a series. */
export const SeriesRead = z.object({
  seriesId: z.number().int(),
  slot: ReaderSlot,
  width: z.number().int(),
  height: z.number().int(),
  locked: z.boolean(),
  lastSlice: z.number().int(),
  slices: z.array(SliceRead),
});
export type SeriesRead = z.infer<typeof SeriesRead>;

/** Coordinator's view of who reads a series. */
export const SeriesAssignment = z.object({
  seriesId: z.number().int(),
  slot: ReaderSlot,
  accountId: z.number().int(),
  readerName: z.string(),
  read: z.number().int(),
  slices: z.number().int(),
  locked: z.boolean(),
});
export type SeriesAssignment = z.infer<typeof SeriesAssignment>;
