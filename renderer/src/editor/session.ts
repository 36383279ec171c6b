import { AppError } from '../../../shared/contracts/errors';
import type { SliceChange } from './change';
import { EditHistory, type HistoryEntry, type HistoryItem, type HistoryLimits } from './history';
import { applyDiff, diffMasks } from './mask/maskDiff';
import { maskHash, type EncodedMask } from '../../../shared/geometry/mask';
import { maskContentHash, SliceMask } from './mask/sliceMask';
import {
  countLabels,
  labelActionName,
  lockReadiness,
  nextUnreadSlice,
  type LockReadiness,
  type ReadingCounts,
  type SliceLabel,
} from './reading';
import type { MaskEdit } from './tools/tool';

/** What a session starts from: the reader's saved state of the series. */
export interface SeriesEditInit {
  /** Image size shared by every slice, image pixels. */
  readonly width: number;
  readonly height: number;
  /** Number of slices. */
  readonly sliceCount: number;
  /** Saved labels, one per slice; missing means all 'unread'. */
  readonly labels?: readonly SliceLabel[];
  /** Saved masks, one per slice (null or missing = empty). */
  readonly masks?: ReadonlyArray<SliceMask | EncodedMask | null>;
  /** True when the read is locked (every change is refused). */
  readonly locked?: boolean;
  readonly historyLimits?: HistoryLimits;
}

/**
 * One reader's editable state of one series: the masks and labels of every slice, the reading
 * rules (see reading.ts) and the labelled undo/redo history.
 *
 * Every mutating call returns the SliceChange the app must persist (or null when nothing
 * changed), whether it is a new action, an undo or a redo. Listeners registered with
 * subscribe() run after every change (React: useSyncExternalStore with `version`).
 */
export class SeriesEditSession {
  readonly width: number;
  readonly height: number;
  readonly sliceCount: number;
  private readonly masks: SliceMask[];
  private readonly hashes: string[];
  private readonly labels: SliceLabel[];
  private readonly history: EditHistory;
  private readonly listeners = new Set<() => void>();
  private isLocked: boolean;
  private changeCount = 0;

  constructor(init: SeriesEditInit) {
    const { width, height, sliceCount } = init;
    if (!Number.isInteger(sliceCount) || sliceCount <= 0) {
      throw new AppError('bad_request', `A series needs at least one slice, got ${sliceCount}.`);
    }
    if (init.labels && init.labels.length !== sliceCount) {
      throw new AppError('bad_request', `Got ${init.labels.length} slice labels for a series of ${sliceCount} slices.`);
    }
    if (init.masks && init.masks.length !== sliceCount) {
      throw new AppError('bad_request', `Got ${init.masks.length} masks for a series of ${sliceCount} slices.`);
    }
    this.width = width;
    this.height = height;
    this.sliceCount = sliceCount;
    this.masks = [];
    for (let i = 0; i < sliceCount; i++) {
      const given = init.masks?.[i] ?? null;
      const mask = given === null ? new SliceMask(width, height) : given instanceof SliceMask ? given.clone() : SliceMask.fromWire(given);
      this.checkSize(mask, i);
      this.masks.push(mask);
    }
    this.hashes = this.masks.map(maskContentHash);
    this.labels = init.labels ? [...init.labels] : new Array<SliceLabel>(sliceCount).fill('unread');
    this.history = new EditHistory(init.historyLimits);
    this.isLocked = init.locked ?? false;
  }

  // ---- reading ----

  /** The committed mask of a slice. Read it, draw it; never modify it (go through applyEdit). */
  mask(sliceIndex: number): SliceMask {
    return this.masks[this.checkIndex(sliceIndex)]!;
  }

  /** maskContentHash of a slice's committed mask. */
  maskHash(sliceIndex: number): string {
    return this.hashes[this.checkIndex(sliceIndex)]!;
  }

  label(sliceIndex: number): SliceLabel {
    return this.labels[this.checkIndex(sliceIndex)]!;
  }

  /** Every slice's label, in slice order (a copy). */
  allLabels(): SliceLabel[] {
    return [...this.labels];
  }

  counts(): ReadingCounts {
    return countLabels(this.labels);
  }

  /** The next unread slice after `from` (wrapping), or null when all are read ('N'). */
  nextUnread(from: number, direction: 1 | -1 = 1): number | null {
    return nextUnreadSlice(this.labels, from, direction);
  }

  lockReadiness(): LockReadiness {
    return lockReadiness(this.labels, (i) => this.masks[i]!.isEmpty());
  }

  get locked(): boolean {
    return this.isLocked;
  }

  /** Follows the backend's lock state (lock by the reader, reopen by the coordinator). */
  setLocked(locked: boolean): void {
    this.isLocked = locked;
    this.notify();
  }

  /** Increases on every change; a cheap snapshot key for UI frameworks. */
  get version(): number {
    return this.changeCount;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- changing ----

  /**
   * Commits a tool's or command's edit. An edit that adds lesion pixels marks the slice
   * 'present' in the same undo step. Returns the change to persist, or null if nothing changed.
   */
  applyEdit(edit: MaskEdit): SliceChange | null {
    this.assertEditable();
    const i = this.checkIndex(edit.sliceIndex);
    const current = this.masks[i]!;
    this.checkSize(edit.after, i);
    if (!edit.before.equals(current)) {
      throw new AppError(
        'conflict',
        `The '${edit.label}' on slice ${i + 1} started from a mask that is no longer the slice's mask; ` +
          'it was not applied. Cancel the tool before changing slice or undoing, then draw again.',
      );
    }
    const diff = diffMasks(current, edit.after);
    if (!diff) return null;
    const labelBefore = this.labels[i]!;
    const labelAfter = labelBefore !== 'present' && current.isAddedToBy(edit.after) ? 'present' : labelBefore;
    const hashBefore = this.hashes[i]!;
    current.copyFrom(edit.after);
    const change = this.commit(i, edit.label, 'edit', labelBefore, labelAfter, hashBefore);
    this.history.record({
      sliceIndex: i,
      label: edit.label,
      labelBefore,
      labelAfter,
      mask: { diff, hashBefore, hashAfter: change.mask!.hashAfter },
    });
    return change;
  }

  /**
   * The reader's decision for a slice (P / A, or back to unread). Marking 'absent' also clears
   * the slice's ROI, in the same undo step ('Mark absent (ROI cleared)'). Null if nothing changed.
   */
  setLabel(sliceIndex: number, label: SliceLabel): SliceChange | null {
    this.assertEditable();
    const i = this.checkIndex(sliceIndex);
    const labelBefore = this.labels[i]!;
    const current = this.masks[i]!;
    const clearsRoi = label === 'absent' && !current.isEmpty();
    if (labelBefore === label && !clearsRoi) return null;
    const action = labelActionName(label) + (clearsRoi ? ' (ROI cleared)' : '');
    if (!clearsRoi) {
      const change = this.commit(i, action, 'edit', labelBefore, label, null);
      this.history.record({ sliceIndex: i, label: action, labelBefore, labelAfter: label, mask: null });
      return change;
    }
    const hashBefore = this.hashes[i]!;
    const diff = diffMasks(current, new SliceMask(this.width, this.height))!;
    current.clear();
    const change = this.commit(i, action, 'edit', labelBefore, label, hashBefore);
    this.history.record({
      sliceIndex: i,
      label: action,
      labelBefore,
      labelAfter: label,
      mask: { diff, hashBefore, hashAfter: change.mask!.hashAfter },
    });
    return change;
  }

  /** Ctrl+Z: reverts the newest action. Null when there is nothing to undo. */
  undo(): SliceChange | null {
    this.assertEditable();
    const entry = this.history.peekUndo();
    if (!entry) return null;
    this.checkEntryState(entry, entry.mask?.hashAfter, entry.labelAfter, 'undo');
    this.history.takeUndo();
    return this.revertOrReapply(entry, 'undo');
  }

  /** Ctrl+Shift+Z: re-applies the newest undone action. Null when there is nothing to redo. */
  redo(): SliceChange | null {
    this.assertEditable();
    const entry = this.history.peekRedo();
    if (!entry) return null;
    this.checkEntryState(entry, entry.mask?.hashBefore, entry.labelBefore, 'redo');
    this.history.takeRedo();
    return this.revertOrReapply(entry, 'redo');
  }

  get canUndo(): boolean {
    return !this.isLocked && this.history.canUndo;
  }

  get canRedo(): boolean {
    return !this.isLocked && this.history.canRedo;
  }

  /** Labels for the history panel (see EditHistory.list). */
  historyItems(): { done: HistoryItem[]; undone: HistoryItem[] } {
    return this.history.list();
  }

  /** Approximate memory held by the history, bytes. */
  get historyBytes(): number {
    return this.history.byteSize;
  }

  /**
   * Replaces a slice's state from outside the history (a reload from the backend, a
   * coordinator's change): not undoable, and the slice's earlier history entries are dropped
   * because they no longer describe its state. Entries of other slices stay.
   */
  loadSlice(sliceIndex: number, mask: SliceMask | EncodedMask | null, label: SliceLabel): void {
    const i = this.checkIndex(sliceIndex);
    const next = mask === null ? new SliceMask(this.width, this.height) : mask instanceof SliceMask ? mask.clone() : SliceMask.fromWire(mask);
    this.checkSize(next, i);
    this.masks[i]!.copyFrom(next);
    this.hashes[i] = maskContentHash(next);
    this.labels[i] = label;
    this.history.dropSlice(i);
    this.notify();
  }

  // ---- internals ----

  private revertOrReapply(entry: HistoryEntry, cause: 'undo' | 'redo'): SliceChange {
    const i = entry.sliceIndex;
    const labelBefore = this.labels[i]!;
    const labelAfter = cause === 'undo' ? entry.labelBefore : entry.labelAfter;
    const hashBefore = entry.mask ? this.hashes[i]! : null;
    if (entry.mask) applyDiff(this.masks[i]!, entry.mask.diff);
    return this.commit(i, entry.label, cause, labelBefore, labelAfter, hashBefore);
  }

  /** Sets the label, refreshes the hash and builds the change record (mask part if hashBefore given). */
  private commit(
    i: number,
    action: string,
    cause: SliceChange['cause'],
    labelBefore: SliceLabel,
    labelAfter: SliceLabel,
    hashBefore: string | null,
  ): SliceChange {
    this.labels[i] = labelAfter;
    let mask: SliceChange['mask'] = null;
    if (hashBefore !== null) {
      const after = this.masks[i]!.toWire();
      const hashAfter = maskHash(after);
      this.hashes[i] = hashAfter;
      mask = { hashBefore, hashAfter, after };
    }
    this.notify();
    return { sliceIndex: i, cause, action, labelBefore, labelAfter, mask };
  }

  /** Refuses to undo/redo an entry whose slice is not in the state the entry expects. */
  private checkEntryState(entry: HistoryEntry, expectedHash: string | undefined, expectedLabel: SliceLabel, what: string): void {
    const i = entry.sliceIndex;
    if ((expectedHash === undefined || this.hashes[i] === expectedHash) && this.labels[i] === expectedLabel) return;
    this.history.dropSlice(i);
    this.notify();
    throw new AppError(
      'conflict',
      `Cannot ${what} '${entry.label}' on slice ${i + 1}: the slice changed outside the history. ` +
        "That slice's history was cleared; the slice keeps its current state.",
    );
  }

  private assertEditable(): void {
    if (this.isLocked) {
      throw new AppError('forbidden', 'This read is locked; ask the coordinator to reopen the series before changing it.');
    }
  }

  private checkIndex(sliceIndex: number): number {
    if (!Number.isInteger(sliceIndex) || sliceIndex < 0 || sliceIndex >= this.sliceCount) {
      throw new AppError('bad_request', `Slice index ${sliceIndex} is outside this series of ${this.sliceCount} slices (0-${this.sliceCount - 1}).`);
    }
    return sliceIndex;
  }

  private checkSize(mask: SliceMask, i: number): void {
    if (mask.width !== this.width || mask.height !== this.height) {
      throw new AppError(
        'bad_request',
        `The mask for slice ${i + 1} is ${mask.width} x ${mask.height} pixels; this series' images are ${this.width} x ${this.height}.`,
      );
    }
  }

  private notify(): void {
    this.changeCount++;
    for (const listener of this.listeners) listener();
  }
}
