import { sha256Hex } from '../geometry/sha256';
import type { SliceLabel } from './reading';

/**
 * The content hash of one reader's slice: label and mask. A save names the hash it started from,
 * and the audit row records the hashes before and after. `maskHash` is hashOfRuns of the mask, or
 * null without a ROI.
 */
export function sliceReadHash(label: SliceLabel, maskHash: string | null): string {
  return 'sha256:' + sha256Hex(new TextEncoder().encode(`slice-read-v1|${label}|${maskHash ?? 'no-roi'}`));
}
