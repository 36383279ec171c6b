/**
 * Why a file could not be read or decoded. Import reports and `bme inspect` show these codes, so
 * they are stable: add new ones, never rename.
 * - io: the file system refused (missing, unreadable, a folder).
 * - not_dicom: no DICM marker and no recognisable data set.
 * - truncated: the file ends before an element it declares.
 * - too_large: the file, a frame or an inflated data set is over the configured cap.
 * - not_an_image: a valid DICOM object without pixel data (DICOMDIR, structured report ...).
 * - unsupported_transfer_syntax: pixels are encoded in a way no installed decoder reads.
 * - unsupported_pixel_format: an image description this reader does not handle (1-bit, YBR_FULL_422 native ...).
 * - bad_pixel_data: the header and the pixel data disagree (too few bytes, missing attributes, wrong frame size).
 * - decode_failed: the codec rejected the compressed data.
 */
export type DicomReadErrorCode =
  | 'io'
  | 'not_dicom'
  | 'truncated'
  | 'too_large'
  | 'not_an_image'
  | 'unsupported_transfer_syntax'
  | 'unsupported_pixel_format'
  | 'bad_pixel_data'
  | 'decode_failed';

/**
 * A file that cannot be read or decoded. `message` names the file and the reason in one line, fit
 * for an import report ("scan/IM0001: truncated at byte 6770: ..."); `file` is the name the caller
 * passed (a path or a label), `reason` is the message without the file name.
 */
export class DicomReadError extends Error {
  override readonly name = 'DicomReadError';

  constructor(
    readonly code: DicomReadErrorCode,
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/** The message of anything thrown (dicom-parser throws plain strings and objects). */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  if (thrown && typeof thrown === 'object' && 'exception' in thrown) return describeThrown((thrown as { exception: unknown }).exception);
  return String(thrown);
}
