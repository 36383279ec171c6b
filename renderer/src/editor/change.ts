import type { EncodedMask } from '../../../shared/geometry/mask';
import type { SliceLabel } from './reading';

/**
 * The record of one change to one slice, as the app sends it to the backend to persist.
 *
 * Every path produces the same shape: a new stroke or label ('edit'), an undo, a redo. So the
 * app persists an undo exactly like any other change: it writes `labelAfter` and `mask.after`
 * as the slice's new state, and an audit row with `action`, `cause` and the content hashes.
 */
export interface SliceChange {
  /** Slice index, 0-based position in the series. */
  readonly sliceIndex: number;
  /** What caused it: a new action, or undo / redo of an earlier one. */
  readonly cause: 'edit' | 'undo' | 'redo';
  /**
   * Label of the action, as in the history panel: 'Brush stroke', 'Mark absent' ... For undo and
   * redo it is the label of the action undone or redone (the audit combines it with `cause`).
   */
  readonly action: string;
  /** Slice label before and after this change (equal when the label did not change). */
  readonly labelBefore: SliceLabel;
  readonly labelAfter: SliceLabel;
  /** The mask change, or null when the mask stayed as it was (a label-only change). */
  readonly mask: {
    /** maskContentHash of the slice's mask before and after ('sha256:<hex>'). */
    readonly hashBefore: string;
    readonly hashAfter: string;
    /** The whole mask after the change, in its wire form (shared/geometry/mask.ts). */
    readonly after: EncodedMask;
  } | null;
}
