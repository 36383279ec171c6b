import { diffByteSize, type MaskDiff } from './mask/maskDiff';
import type { SliceLabel } from './reading';

/**
 * The labelled undo/redo history of one series (one reader's read of it).
 *
 * Each entry is one user action on one slice: a mask diff (XOR, its own inverse) with the
 * content hashes on both sides, and/or a label change. Drawing on an unread slice records the
 * stroke and 'unread -> present' in ONE entry, so one Ctrl+Z takes both back. Entries of
 * different slices are independent of each other, which is what lets dropSlice() forget one
 * slice's entries (after a change made outside the history) without breaking the others.
 *
 * Semantics as in every editor: a new action clears the redo stack; undo moves the newest entry
 * to the redo stack; redo moves it back. Memory is capped by entry count and by bytes; the
 * oldest entries go first. This class only keeps the stacks; SeriesEditSession applies entries.
 */
export interface HistoryEntry {
  /** Unique within the history, increasing. */
  readonly id: number;
  /** Slice index, 0-based. */
  readonly sliceIndex: number;
  /** Human label: 'Brush stroke', 'Mark absent', 'Copy from slice 7' ... */
  readonly label: string;
  readonly labelBefore: SliceLabel;
  readonly labelAfter: SliceLabel;
  /** The mask change, or null for a label-only action. */
  readonly mask: {
    readonly diff: MaskDiff;
    /** maskContentHash before and after the action. */
    readonly hashBefore: string;
    readonly hashAfter: string;
  } | null;
  /** Approximate memory held by the entry, bytes. */
  readonly bytes: number;
}

/** An entry as the history panel lists it. */
export interface HistoryItem {
  readonly id: number;
  readonly label: string;
  readonly sliceIndex: number;
}

export interface HistoryLimits {
  /** Most entries kept (undo + redo). Default 500. */
  readonly maxEntries?: number;
  /** Most bytes kept (undo + redo), approximate. Default 16 MiB. */
  readonly maxBytes?: number;
}

export const DEFAULT_HISTORY_MAX_ENTRIES = 500;
export const DEFAULT_HISTORY_MAX_BYTES = 16 * 1024 * 1024;

export class EditHistory {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private nextId = 1;
  private totalBytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(limits: HistoryLimits = {}) {
    this.maxEntries = Math.max(1, limits.maxEntries ?? DEFAULT_HISTORY_MAX_ENTRIES);
    this.maxBytes = Math.max(1, limits.maxBytes ?? DEFAULT_HISTORY_MAX_BYTES);
  }

  /** Records a new action: clears the redo stack, then evicts the oldest entries over the limits. */
  record(entry: Omit<HistoryEntry, 'id' | 'bytes'>): HistoryEntry {
    const bytes = 96 + entry.label.length * 2 + (entry.mask ? diffByteSize(entry.mask.diff) + 160 : 0);
    const recorded: HistoryEntry = { ...entry, id: this.nextId++, bytes };
    for (const dropped of this.redoStack) this.totalBytes -= dropped.bytes;
    this.redoStack = [];
    this.undoStack.push(recorded);
    this.totalBytes += bytes;
    // The newest entry always stays, even when it alone is over the byte limit.
    while (this.undoStack.length > 1 && (this.undoStack.length > this.maxEntries || this.totalBytes > this.maxBytes)) {
      this.totalBytes -= this.undoStack.shift()!.bytes;
    }
    return recorded;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** The entry Ctrl+Z would undo, without taking it. */
  peekUndo(): HistoryEntry | null {
    return this.undoStack[this.undoStack.length - 1] ?? null;
  }

  /** The entry Ctrl+Shift+Z would redo, without taking it. */
  peekRedo(): HistoryEntry | null {
    return this.redoStack[this.redoStack.length - 1] ?? null;
  }

  /** Moves the newest entry to the redo stack and returns it (the caller reverts it). */
  takeUndo(): HistoryEntry | null {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    this.redoStack.push(entry);
    return entry;
  }

  /** Moves the newest undone entry back and returns it (the caller re-applies it). */
  takeRedo(): HistoryEntry | null {
    const entry = this.redoStack.pop();
    if (!entry) return null;
    this.undoStack.push(entry);
    return entry;
  }

  /** Forgets every entry of one slice (its state changed outside the history). */
  dropSlice(sliceIndex: number): void {
    const keep = (e: HistoryEntry): boolean => e.sliceIndex !== sliceIndex;
    this.undoStack = this.undoStack.filter(keep);
    this.redoStack = this.redoStack.filter(keep);
    this.recount();
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.totalBytes = 0;
  }

  /**
   * For the history panel: `done` oldest first (the last one is what Ctrl+Z undoes) and
   * `undone` in redo order (the first one is what Ctrl+Shift+Z redoes).
   */
  list(): { done: HistoryItem[]; undone: HistoryItem[] } {
    const item = (e: HistoryEntry): HistoryItem => ({ id: e.id, label: e.label, sliceIndex: e.sliceIndex });
    return { done: this.undoStack.map(item), undone: this.redoStack.map(item).reverse() };
  }

  /** Approximate memory held, bytes. */
  get byteSize(): number {
    return this.totalBytes;
  }

  /** Number of entries held (undo + redo). */
  get size(): number {
    return this.undoStack.length + this.redoStack.length;
  }

  private recount(): void {
    this.totalBytes = 0;
    for (const e of this.undoStack) this.totalBytes += e.bytes;
    for (const e of this.redoStack) this.totalBytes += e.bytes;
  }
}
