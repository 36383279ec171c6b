import { canonicalMaskBytes, encodeRuns } from './rle';
import { sha256Hex } from './sha256';
import type { SliceMask } from './sliceMask';

/**
 * Content hash of a mask, for the audit rows' before/after hashes:
 * 'sha256:' + hex SHA-256 of canonicalMaskBytes (size and 'rle-row-major-v1' runs as LEB128 varints).
 * Stable across machines and versions as long as the canonical bytes stay the same; two masks
 * have the same hash exactly when they have the same size and pixels.
 */
export function maskContentHash(mask: SliceMask): string {
  return hashOfRuns(mask.width, mask.height, encodeRuns(mask.data));
}

/** The content hash from already computed 'rle-row-major-v1' runs (saves a second pass over the pixels). */
export function hashOfRuns(width: number, height: number, runs: readonly number[]): string {
  return 'sha256:' + sha256Hex(canonicalMaskBytes(width, height, runs));
}
