import { z } from 'zod';

export const SpinalSegment = z.enum(['cervical', 'thoracic', 'lumbar']);
export type SpinalSegment = z.infer<typeof SpinalSegment>;

/**
 * An image, by what cannot move: its SOP Instance UID and, for multi-frame objects, its frame
 * (1-based as in DICOM; 1 for single-frame files). Reads, consensus decisions, suggestions and
 * dataset samples refer to images this way, never by their position in a sorted series, which a
 * later import can change.
 */
export const ImageRef = z
  .object({
    sopInstanceUid: z.string().min(1).max(64),
    frame: z.number().int().min(1).max(65_535),
  })
  .strict();
export type ImageRef = z.infer<typeof ImageRef>;

/** Two references name the same image. */
export const sameImage = (a: ImageRef, b: ImageRef): boolean => a.sopInstanceUid === b.sopInstanceUid && a.frame === b.frame;

/** A short human name of an image for messages: the UID's tail and the frame when not 1. */
export const imageLabel = (r: ImageRef): string => `image …${r.sopInstanceUid.slice(-12)}${r.frame === 1 ? '' : ` frame ${r.frame}`}`;

/** A problem with one file of an import: the file, a stable code and the reason in words. */
export const ImportProblem = z.object({
  /** Path of the file as given to the import. */
  file: z.string(),
  /** not_dicom | truncated | unsupported_transfer_syntax | decode_failed | conflict | io | ... */
  code: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/** Something noticed about a series while sorting its slices. */
export const SeriesIssue = z.object({
  kind: z.enum(['gap', 'duplicate_position', 'inconsistent_orientation', 'no_geometry']),
  message: z.string(),
});
export type SeriesIssue = z.infer<typeof SeriesIssue>;

export const ImportedSeries = z.object({
  seriesId: z.number().int(),
  /** Pseudonymous patient label ('P001'); never the name or ID. */
  patient: z.string(),
  description: z.string().nullable(),
  segment: SpinalSegment.nullable(),
  /** Slices in the series after this import. */
  slices: z.number().int(),
  /** Slices this import added. */
  added: z.number().int(),
  issues: z.array(SeriesIssue),
});

/** What an import did, file by file and series by series. */
export const ImportReport = z.object({
  runId: z.number().int(),
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  filesSeen: z.number().int(),
  /** Files added to the study. */
  imported: z.number().int(),
  /** Files already in the study, byte for byte: nothing added. */
  alreadyPresent: z.number().int(),
  /** Files skipped on purpose (DICOMDIR, non-image objects). */
  skipped: z.number().int(),
  /** Bytes read from the sources. */
  bytes: z.number().int(),
  problems: z.array(ImportProblem),
  series: z.array(ImportedSeries),
  /** Seconds from start to finish. */
  seconds: z.number(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** One row of the series list. */
export const SeriesSummary = z.object({
  seriesId: z.number().int(),
  seriesUid: z.string(),
  /** Pseudonymous patient label; identifiers only for coordinators who ask for them. */
  patient: z.string(),
  studyDate: z.string().nullable(),
  description: z.string().nullable(),
  segment: SpinalSegment.nullable(),
  segmentSource: z.enum(['description', 'body_part', 'user']).nullable(),
  slices: z.number().int(),
  rows: z.number().int(),
  columns: z.number().int(),
  issues: z.array(SeriesIssue),
});
export type SeriesSummary = z.infer<typeof SeriesSummary>;

/** One slice as the viewer lists it. */
export const SliceInfo = z.object({
  /** Position in the sorted series now (0-based); a later import may change it. */
  index: z.number().int(),
  image: ImageRef,
  instanceNumber: z.number().int().nullable(),
  /** Position along the slice normal, mm (null without geometry). */
  position: z.number().nullable(),
});

/** A series as the viewer needs it. */
export const SeriesDetail = SeriesSummary.extend({
  /** [row spacing, column spacing] in mm, or null. */
  pixelSpacing: z.tuple([z.number(), z.number()]).nullable(),
  sliceThickness: z.number().nullable(),
  sliceList: z.array(SliceInfo),
});
export type SeriesDetail = z.infer<typeof SeriesDetail>;

/**
 * The pixels of one slice. `stored` are the stored values of frame 1 (before rescale), row-major;
 * modality value = stored * slope + intercept. Grey images only.
 */
export const SlicePixels = z.object({
  index: z.number().int(),
  /** The image these pixels are of (check it against the slice list: a late import re-sorts). */
  image: ImageRef,
  width: z.number().int(),
  height: z.number().int(),
  stored: z.union([z.instanceof(Int16Array), z.instanceof(Uint16Array), z.instanceof(Uint8Array), z.instanceof(Int8Array), z.instanceof(Int32Array), z.instanceof(Float32Array)]),
  slope: z.number(),
  intercept: z.number(),
  /** True when MONOCHROME1: display must invert (high values dark). */
  invert: z.boolean(),
});
export type SlicePixels = z.infer<typeof SlicePixels>;
