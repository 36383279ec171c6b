import { z } from 'zod';
import { ImageRef } from '../model/imaging';
import { EncodedMask, ReaderSlot, SeriesAssignment, SeriesRead, SliceLabel, WorklistItem } from '../model/reading';
import { method } from './define';

const SeriesId = z.number().int().positive();

/**
 * A reader's own reads. Every method acts on the signed-in person's assignment only: there is
 * no parameter that names another reader, so another reader's reads cannot be asked for.
 */
export const readingSpec = {
  worklist: method({
    summary: "The signed-in person's assigned series with their own progress.",
    access: 'signedIn',
    params: z.object({}).strict(),
    result: z.array(WorklistItem),
  }),
  open: method({
    summary: 'Your read of a series: per-slice labels and masks, and where you left off.',
    access: 'signedIn',
    params: z.object({ seriesId: SeriesId }).strict(),
    result: SeriesRead,
  }),
  saveSlice: method({
    summary: 'Save one slice of your read (label and mask) with its audit row; refused if the slice changed since `beforeHash`.',
    access: 'signedIn',
    params: z
      .object({
        seriesId: SeriesId,
        /** The image read (its SOP Instance UID and frame), never its position. */
        image: ImageRef,
        label: SliceLabel,
        /** The whole mask after the change; null for no ROI. */
        mask: EncodedMask.nullable(),
        /** The slice's hash as the client last saw it (SliceRead.hash). */
        beforeHash: z.string().max(80),
        /** What the reader did: 'Brush stroke', 'Mark absent', 'Undo: Erase' ... (audit). */
        action: z.string().trim().min(1).max(120),
      })
      .strict(),
    result: z.object({ hash: z.string(), revision: z.number().int(), savedAt: z.string() }),
  }),
  setPosition: method({
    summary: 'Remember the slice you are on, to resume there.',
    access: 'signedIn',
    params: z.object({ seriesId: SeriesId, image: ImageRef }).strict(),
    result: z.object({ ok: z.boolean() }),
  }),
  suggestions: method({
    summary: "The newest model suggestions for a series you read, when the study lets readers see them (coordinators always).",
    access: 'signedIn',
    params: z.object({ seriesId: SeriesId }).strict(),
    result: z
      .object({
        modelId: z.number().int(),
        modelName: z.string(),
        slices: z.array(z.object({ index: z.number().int(), image: ImageRef, mask: EncodedMask.nullable(), maxProbability: z.number() })),
      })
      .nullable(),
  }),
  lock: method({
    summary: 'Lock your finished read: every slice read, every present slice with a ROI.',
    access: 'signedIn',
    params: z.object({ seriesId: SeriesId }).strict(),
    result: z.object({ locked: z.boolean(), lockedAt: z.string() }),
  }),
};

export const assignmentsSpec = {
  list: method({
    summary: 'Who reads which series, with progress (coordinators).',
    access: ['coordinator', 'admin'],
    params: z.object({}).strict(),
    result: z.array(SeriesAssignment),
  }),
  set: method({
    summary: 'Assign a reader to a series slot (reader1, reader2, comparison); accountId null removes the slot holder if they have not read yet.',
    access: ['coordinator', 'admin'],
    params: z.object({ seriesId: SeriesId, slot: ReaderSlot, accountId: z.number().int().positive().nullable() }).strict(),
    result: z.array(SeriesAssignment),
  }),
  reopen: method({
    summary: "Reopen a reader's locked read so it can change (recorded with the reason).",
    access: ['coordinator', 'admin'],
    params: z.object({ seriesId: SeriesId, accountId: z.number().int().positive(), reason: z.string().trim().min(1, 'say why the read is reopened').max(500) }).strict(),
    result: SeriesAssignment,
  }),
};
