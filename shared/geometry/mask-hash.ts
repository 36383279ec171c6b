import { sha256Hex } from './sha256';

/**
 * Canonical bytes of a mask, the input of its content hash: width and height as unsigned LEB128
 * varints, then every 'rle-row-major-v1' run as an unsigned LEB128 varint. Equal masks give equal bytes.
 */
export function canonicalMaskBytes(width: number, height: number, runs: readonly number[]): Uint8Array {
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

/**
 * Content hash of a mask from its 'rle-row-major-v1' runs, for the audit rows' before/after hashes:
 * 'sha256:' + hex SHA-256 of canonicalMaskBytes. Two masks have the same hash exactly when they
 * have the same size and pixels. Used by the renderer (undo history) and the core (stored reads).
 */
export function hashOfRuns(width: number, height: number, runs: readonly number[]): string {
  return 'sha256:' + sha256Hex(canonicalMaskBytes(width, height, runs));
}

/** Reads canonicalMaskBytes back: the storage form of a mask is its canonical bytes. */
export function decodeCanonicalMask(bytes: Uint8Array): { width: number; height: number; runs: number[] } {
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
  if (scale !== 1 || values.length < 3) throw new Error(`stored mask of ${bytes.length} bytes is damaged (incomplete varint)`);
  const [width, height, ...runs] = values as [number, number, ...number[]];
  return { width, height, runs };
}
