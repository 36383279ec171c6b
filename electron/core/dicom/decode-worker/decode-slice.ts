import { readFileSync } from 'node:fs';
import { decodeStoredFrame, parseDicom } from '../decode';
import type { DecodedSlice } from './decode-protocol';

/**
 * Reads and decodes the first frame of a study's copy of a DICOM file. Runs in the decode worker
 * (never on the thread that answers IPC: a JPEG 2000 slice takes tens of milliseconds). The stored
 * values get a buffer of their own, so that moving them to the caller moves exactly them (for
 * native pixel data the values are a view into the whole file's bytes).
 */
export async function decodeSliceFile(file: string, label: string): Promise<DecodedSlice> {
  const slice = parseDicom(readFileSync(file), label);
  const frame = await decodeStoredFrame(slice, 0);
  const values = frame.values;
  const own = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength && values.buffer instanceof ArrayBuffer;
  return {
    width: frame.columns,
    height: frame.rows,
    stored: (own ? values : values.slice()) as DecodedSlice['stored'],
    slope: slice.header.rescaleSlope,
    intercept: slice.header.rescaleIntercept,
    invert: slice.header.photometricInterpretation === 'MONOCHROME1',
  };
}
