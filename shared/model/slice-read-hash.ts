import { maskHash, roiOrNull, type EncodedMask } from '../geometry/mask';
import { sha256Hex } from '../geometry/sha256';
import type { SliceLabel } from './reading';

/**
 * The content hash of one reader's slice: label and mask. A save names the hash it started from,
 * and the audit row records the hashes before and after. An empty mask hashes as no ROI
 * (roiOrNull), so the hash does not depend on whether a cleared mask was sent or null.
 */
export function sliceReadHash(label: SliceLabel, mask: EncodedMask | null): string {
  const roi = roiOrNull(mask);
  return 'sha256:' + sha256Hex(new TextEncoder().encode(`slice-read-v1|${label}|${roi ? maskHash(roi) : 'no-roi'}`));
}
