import { hashOfRuns } from '../../../../shared/geometry/mask-hash';
import { encodeRuns } from './rle';
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

export { hashOfRuns };
