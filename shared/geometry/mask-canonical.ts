/**
 * The canonical bytes of a mask: its storage form (the mask_rle columns) and the input of its
 * content hash. Part of the mask module: import it from './mask', not from here.
 *
 * Bytes: width, height, then every 'rle-row-major-v1' run, each as an unsigned LEB128 varint.
 * Equal masks give equal bytes. Stored rows and audit hashes were written in this exact form:
 * it must never change (test/node/geometry/mask.test.ts pins hashes as literals).
 */
import { AppError } from '../contracts/errors';
import { sha256Hex } from './sha256';

export function canonicalBytes(width: number, height: number, runs: readonly number[]): Uint8Array {
  const out: number[] = [];
  const varint = (value: number): void => {
    let v = value;
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  };
  varint(width);
  varint(height);
  for (const run of runs) varint(run);
  return Uint8Array.from(out);
}

/** 'sha256:' + hex SHA-256 of the canonical bytes. */
export function canonicalHash(width: number, height: number, runs: readonly number[]): string {
  return 'sha256:' + sha256Hex(canonicalBytes(width, height, runs));
}

/**
 * Reads canonical bytes back into size and runs, unchecked beyond the varints (the caller checks
 * the runs against the size). Throws AppError('invalid_file') on an incomplete varint.
 */
export function readCanonicalBytes(bytes: Uint8Array): { width: number; height: number; runs: number[] } {
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    if (b & 0x80) scale *= 128;
    else {
      values.push(value);
      value = 0;
      scale = 1;
    }
  }
  if (scale !== 1 || values.length < 3) {
    throw new AppError('invalid_file', `A stored mask of ${bytes.length} bytes is damaged (incomplete varint). Restore the study from a backup.`);
  }
  const [width, height, ...runs] = values as [number, number, ...number[]];
  return { width, height, runs };
}
