import type { DataSet } from 'dicom-parser';
import type { DicomHeader } from './dicom-header';
import type { TransferSyntax } from './transfer-syntax';

/** One compressed fragment of encapsulated pixel data. */
export interface PixelFragment {
  /** Offset of the fragment's item tag from the first fragment's item tag, as the Basic Offset Table counts. */
  offset: number;
  /** The fragment's bytes (a view into the file, not a copy). */
  bytes: Uint8Array;
}

/**
 * Where the pixels of a parsed file are. Views into the file's bytes: holding a slice keeps the
 * file in memory.
 */
export type PixelDataLocation =
  | {
      kind: 'native';
      /** All frames, back to back, in the data set's byte order; may be one byte longer than needed (padding). */
      bytes: Uint8Array;
      /** False only for explicit VR big endian. */
      littleEndian: boolean;
      /** The element's VR ('OB', 'OW', or undefined for implicit VR); 8-bit OW in big endian is byte-swapped in pairs. */
      vr: string | undefined;
    }
  | {
      kind: 'encapsulated';
      fragments: PixelFragment[];
      /** Basic Offset Table: per frame, the offset of its first fragment (may be empty). */
      basicOffsetTable: number[];
    };

/**
 * A parsed DICOM image whose header has been checked against its pixel data: every frame it
 * declares can be handed to the decoder (which may still fail on a corrupt codestream).
 */
export interface DicomSlice {
  /** The name used in error messages: a path or a label. */
  file: string;
  header: DicomHeader;
  transferSyntax: TransferSyntax;
  pixelData: PixelDataLocation;
  /** The dicom-parser data set, for attributes the header does not carry. Read-only by convention. */
  dataSet: DataSet;
  /** Size in bytes of what was parsed (after inflating a deflated data set). */
  byteLength: number;
}
