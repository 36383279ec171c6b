/**
 * How the pixels of a transfer syntax are encoded, which picks the decoder.
 * - native: uncompressed words in the data set's byte order (also after inflating a deflated data set).
 * - encapsulated-native: uncompressed little-endian frames inside encapsulated fragments.
 * - rle: DICOM RLE (PS3.5 Annex G).
 * - jpeg-dct: JPEG baseline / extended (processes 1, 2 and 4).
 * - jpeg-lossless: JPEG lossless (process 14, any selection value).
 * - jpeg-ls: JPEG-LS lossless and near-lossless.
 * - jpeg2000: JPEG 2000 part 1, reversible and irreversible.
 * - unsupported: known, but no installed decoder reads it.
 */
export type PixelEncoding = 'native' | 'encapsulated-native' | 'rle' | 'jpeg-dct' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg2000' | 'unsupported';

export interface TransferSyntax {
  uid: string;
  /** Short human name for reports, e.g. 'JPEG-LS lossless'. */
  name: string;
  encoding: PixelEncoding;
  /** Byte order of the data set (and of native pixels). Only explicit VR big endian is false. */
  littleEndian: boolean;
  /** Implicit VR little endian is the only implicit one. */
  explicitVr: boolean;
  /** The data set after the meta header is deflated (RFC 1951, no zlib header). */
  deflated: boolean;
  /** Pixels may differ from what was acquired. */
  lossy: boolean;
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

type Row = [uid: string, name: string, encoding: PixelEncoding, lossy?: boolean];

const ROWS: Row[] = [
  [IMPLICIT_VR_LITTLE_ENDIAN, 'implicit VR little endian', 'native'],
  [EXPLICIT_VR_LITTLE_ENDIAN, 'explicit VR little endian', 'native'],
  [DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, 'deflated explicit VR little endian', 'native'],
  [EXPLICIT_VR_BIG_ENDIAN, 'explicit VR big endian', 'native'],
  ['1.2.840.10008.1.2.1.98', 'encapsulated uncompressed explicit VR little endian', 'encapsulated-native'],
  ['1.2.840.10008.1.2.5', 'RLE lossless', 'rle'],
  ['1.2.840.10008.1.2.4.50', 'JPEG baseline (process 1)', 'jpeg-dct', true],
  ['1.2.840.10008.1.2.4.51', 'JPEG extended (processes 2 and 4)', 'jpeg-dct', true],
  ['1.2.840.10008.1.2.4.57', 'JPEG lossless (process 14)', 'jpeg-lossless'],
  ['1.2.840.10008.1.2.4.70', 'JPEG lossless (process 14, selection value 1)', 'jpeg-lossless'],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS lossless', 'jpeg-ls'],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS near-lossless', 'jpeg-ls', true],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 lossless', 'jpeg2000'],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000', 'jpeg2000', true],
  // Known but without a decoder here: named so that a report says what the file is.
  ['1.2.840.10008.1.2.4.52', 'JPEG extended (processes 3 and 5, retired)', 'unsupported', true],
  ['1.2.840.10008.1.2.4.53', 'JPEG spectral selection (retired)', 'unsupported', true],
  ['1.2.840.10008.1.2.4.55', 'JPEG full progression (retired)', 'unsupported', true],
  ['1.2.840.10008.1.2.4.92', 'JPEG 2000 part 2 multi-component lossless', 'unsupported'],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 part 2 multi-component', 'unsupported', true],
  ['1.2.840.10008.1.2.4.94', 'JPIP referenced', 'unsupported'],
  ['1.2.840.10008.1.2.4.95', 'JPIP referenced deflate', 'unsupported'],
  ['1.2.840.10008.1.2.4.100', 'MPEG2', 'unsupported', true],
  ['1.2.840.10008.1.2.4.100.1', 'MPEG2 fragmentable', 'unsupported', true],
  ['1.2.840.10008.1.2.4.101', 'MPEG2 high level', 'unsupported', true],
  ['1.2.840.10008.1.2.4.101.1', 'MPEG2 high level fragmentable', 'unsupported', true],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264', 'unsupported', true],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible', 'unsupported', true],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 for 2D video', 'unsupported', true],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 for 3D video', 'unsupported', true],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 stereo', 'unsupported', true],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 main profile', 'unsupported', true],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 main 10 profile', 'unsupported', true],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL lossless', 'unsupported'],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG recompression', 'unsupported'],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL', 'unsupported', true],
  ['1.2.840.10008.1.2.4.201', 'high-throughput JPEG 2000 lossless', 'unsupported'],
  ['1.2.840.10008.1.2.4.202', 'high-throughput JPEG 2000 RPCL lossless', 'unsupported'],
  ['1.2.840.10008.1.2.4.203', 'high-throughput JPEG 2000', 'unsupported', true],
  ['1.2.840.10008.1.2.6.1', 'RFC 2557 MIME encapsulation', 'unsupported'],
  ['1.2.840.10008.1.2.6.2', 'XML encoding', 'unsupported'],
];

const BY_UID = new Map<string, TransferSyntax>(
  ROWS.map(([uid, name, encoding, lossy]) => [
    uid,
    {
      uid,
      name,
      encoding,
      littleEndian: uid !== EXPLICIT_VR_BIG_ENDIAN,
      explicitVr: uid !== IMPLICIT_VR_LITTLE_ENDIAN,
      deflated: uid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
      lossy: lossy ?? false,
    },
  ]),
);

/** The transfer syntax of a UID, or null for a UID this reader has never heard of. */
export function transferSyntaxOf(uid: string): TransferSyntax | null {
  return BY_UID.get(uid) ?? null;
}

/** 'unsupported transfer syntax 1.2.840.10008.1.2.4.100 (MPEG2)': the reason line for a report. */
export function unsupportedTransferSyntaxReason(uid: string, detail?: string): string {
  const known = BY_UID.get(uid);
  const shown = uid === '' ? '(empty)' : uid;
  return `unsupported transfer syntax ${shown} (${known ? known.name : 'unknown'})${detail ? `: ${detail}` : ''}`;
}
