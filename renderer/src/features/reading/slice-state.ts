import { roiOrNull } from '../../../../shared/geometry/mask';
import { sliceReadHash } from '../../../../shared/model/slice-read-hash';
import type { SliceChange } from '../../editor/change';
import type { SeriesEditSession } from '../../editor/session';
import type { SliceState } from './save-queue';

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
  // An empty mask is sent as no ROI, as the core stores it (roiOrNull); the hash is the core's (sliceReadHash).
  const mask = roiOrNull(change.mask?.after ?? session.mask(change.sliceIndex).toWire());
  return { label: change.labelAfter, mask, action: auditAction(change), expectedHash: sliceReadHash(change.labelAfter, mask) };
}
