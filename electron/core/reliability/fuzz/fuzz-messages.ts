/** Parent to fuzz worker: scan one file. */
export interface FuzzRequest {
  id: number;
  path: string;
}

/** Fuzz worker to parent: what the importer's per-file path made of it, how long and how much memory it took. */
export interface FuzzReply {
  id: number;
  /** Wall time of scanFile, ms. */
  ms: number;
  /** Peak resident memory of the worker process while it scanned this file, MiB (VmHWM after a reset). */
  peakMb: number;
  /** Resident memory when the scan was done, MiB (memory not yet returned to the system). */
  rssAfterMb: number;
  kind: 'image' | 'problem' | 'skipped' | 'other';
  code: string | null;
  message: string;
  /** For a 'decode_failed' problem: what was really thrown when it was not a DicomReadError. */
  untyped: string | null;
}

/** The problem codes an import report may carry: DicomReadErrorCode plus scanFile's own 'bad_header'. */
export const TYPED_PROBLEM_CODES = new Set([
  'io',
  'not_dicom',
  'truncated',
  'too_large',
  'not_an_image',
  'unsupported_transfer_syntax',
  'unsupported_pixel_format',
  'bad_pixel_data',
  'decode_failed',
  'bad_header',
]);
