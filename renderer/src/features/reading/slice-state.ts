import { hashOfRuns } from '../../../../shared/geometry/mask-hash';
import type { EncodedMask, SliceLabel } from '../../../../shared/model/reading';
import { sliceReadHash } from '../../../../shared/model/slice-read-hash';
import type { SliceChange } from '../../editor/change';
import { encodeMask } from '../../editor/mask/rle';
import type { SeriesEditSession } from '../../editor/session';
import type { SliceState } from './save-queue';

/** True when the runs hold at least one lesion pixel (odd-indexed runs are lesion). */
export function hasLesionPixels(mask: EncodedMask | { runs: readonly number[] }): boolean {
  for (let k = 1; k < mask.runs.length; k += 2) if (mask.runs[k]! > 0) return true;
  return false;
}

/**
 * The hash the core stores for a slice state, computed the same way (reading-service.ts): an
 * empty mask is kept as 'no ROI'.
 */
export function expectedSliceHash(label: SliceLabel, mask: EncodedMask | null): string {
  const kept = mask && hasLesionPixels(mask) ? mask : null;
  return sliceReadHash(label, kept ? hashOfRuns(kept.width, kept.height, kept.runs) : null);
}

/** The audit text of a change: the action, prefixed by 'Undo: ' or 'Redo: '. */
export function auditAction(change: SliceChange): string {
  const prefix = change.cause === 'undo' ? 'Undo: ' : change.cause === 'redo' ? 'Redo: ' : '';
  return (prefix + change.action).slice(0, 120);
}

/**
 * The slice's whole state right after `change`, as `reading.saveSlice` takes it. Call it
 * synchronously from the persist callback, while the session still holds that state.
 */
export function sliceStateAfter(session: SeriesEditSession, change: SliceChange): SliceState {
  const encoded = change.mask?.after ?? encodeMask(session.mask(change.sliceIndex));
  const mask: EncodedMask | null = hasLesionPixels(encoded)
    ? { encoding: 'rle-row-major-v1', width: encoded.width, height: encoded.height, runs: [...encoded.runs] }
    : null;
  return { label: change.labelAfter, mask, action: auditAction(change), expectedHash: expectedSliceHash(change.labelAfter, mask) };
}
