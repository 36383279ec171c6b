import type { ImageRef } from '../../../../shared/model/imaging';
import type { SeriesRead } from '../../../../shared/model/reading';
import type { SliceChange } from '../../editor/change';
import { ReaderController } from '../../editor/readerController';
import type { SliceMask } from '../../editor/mask/sliceMask';
import { SeriesEditSession } from '../../editor/session';
import type { ShortcutAction } from '../../editor/shortcuts';
import { Viewport } from '../../editor/viewport';
import { SliceSaveQueue, type SaveQueueOptions, type SliceSaveRequest, type SliceSaveResult } from './save-queue';
import { sliceStateAfter } from './slice-state';

/** The calls the reader view makes: the `reading.*` part of the contract. */
export interface ReadingCalls {
  open(p: { seriesId: number }): Promise<SeriesRead>;
  saveSlice(p: SliceSaveRequest): Promise<SliceSaveResult>;
  setPosition(p: { seriesId: number; image: ImageRef }): Promise<unknown>;
  lock(p: { seriesId: number }): Promise<{ locked: boolean; lockedAt: string }>;
}

/** A short message for the reader: what a command did or why it did nothing. */
export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'error';
}

/** How long after the last slice change the resume position is stored, ms. */
const POSITION_DEBOUNCE_MS = 600;
/** How long a notice stays, ms. */
const NOTICE_MS = 4000;

/**
 * One reader's open series in the reader view, without React: the edit session (masks, labels,
 * history), the input controller, the save queue that persists every change, and the resume
 * position. The React view renders from it and subscribes to `version`.
 */
export class ReadingWorkspace {
  readonly session: SeriesEditSession;
  readonly controller: ReaderController;
  readonly saves: SliceSaveQueue;
  private readonly listeners = new Set<() => void>();
  private changeCount = 0;
  private currentNotice: Notice | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private positionTimer: ReturnType<typeof setTimeout> | null = null;
  private positionSent: number;
  private shortcutsOpen = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    readonly read: SeriesRead,
    private readonly calls: ReadingCalls,
    options: { saveQueue?: SaveQueueOptions } = {},
  ) {
    this.session = new SeriesEditSession({
      width: read.width,
      height: read.height,
      sliceCount: read.slices.length,
      labels: read.slices.map((s) => s.label),
      masks: read.slices.map((s) => s.mask),
      locked: read.locked,
    });
    // A placeholder until the canvas reports its size (see ReaderPage: the stage fits it then).
    const placeholder = Viewport.fit({ imageWidth: read.width, imageHeight: read.height, canvasWidth: read.width, canvasHeight: read.height });
    this.controller = new ReaderController(this.session, placeholder, {
      persist: (change) => this.persist(change),
      reportError: (error) => this.notify((error as Error).message ?? String(error), 'error'),
      notify: (message) => this.notify(message, 'info'),
      onOtherAction: (action) => this.otherAction(action),
    });
    this.saves = new SliceSaveQueue(read.seriesId, read.slices, (request) => calls.saveSlice(request), options.saveQueue);
    if (read.locked) this.controller.selectTool('pan');
    const start = Math.max(0, Math.min(read.slices.length - 1, read.lastSlice));
    this.controller.goToSlice(start);
    this.positionSent = start;
    this.unsubscribe.push(
      this.session.subscribe(() => this.changed()),
      this.controller.subscribe(() => {
        this.schedulePosition();
        this.changed();
      }),
      this.saves.subscribe(() => this.changed()),
    );
  }

  get seriesId(): number {
    return this.read.seriesId;
  }

  /** Increases with every change of anything the view shows. */
  get version(): number {
    return this.changeCount;
  }

  get notice(): Notice | null {
    return this.currentNotice;
  }

  get showShortcuts(): boolean {
    return this.shortcutsOpen;
  }

  setShowShortcuts(open: boolean): void {
    this.shortcutsOpen = open;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Locks the read once every save has landed; the view becomes read-only. */
  async lock(): Promise<void> {
    await this.saves.whenIdle();
    if (this.saves.pending > 0) throw new Error('Some changes are not saved yet; resolve them before locking.');
    const readiness = this.session.lockReadiness();
    if (!readiness.canLock) throw new Error('Every slice must be read, and every slice marked present needs a ROI, before locking.');
    await this.calls.lock({ seriesId: this.seriesId });
    this.controller.selectTool('pan');
    this.session.setLocked(true);
    this.notify('Read locked. It cannot change unless the coordinator reopens it.', 'info');
  }

  /**
   * The reader's answer to a refused save: 'overwrite' sends their version on top of what the
   * core holds; 'reload' drops their unsaved changes of that slice and shows the saved state.
   */
  async resolveConflict(sliceIndex: number, choice: 'overwrite' | 'reload'): Promise<void> {
    if (choice === 'overwrite') {
      this.saves.resolve(sliceIndex, { kind: 'overwrite' });
      return;
    }
    const fresh = await this.calls.open({ seriesId: this.seriesId });
    const slice = fresh.slices[sliceIndex]!;
    this.controller.perform('cancel');
    this.session.loadSlice(sliceIndex, slice.mask, slice.label);
    this.saves.resolve(sliceIndex, { kind: 'discard', savedHash: slice.hash });
    if (fresh.locked !== this.session.locked) this.session.setLocked(fresh.locked);
  }

  /**
   * Accepts a model suggestion on a slice as the reader's own ROI: added to what the reader drew
   * (nothing of theirs is lost), the slice marked present, one undo step, saved like any edit
   * with the action 'Accept suggestion (model N)', so the audit names who accepted it.
   */
  acceptSuggestion(sliceIndex: number, suggestion: SliceMask, modelId: number): void {
    this.controller.perform('cancel');
    try {
      const current = this.session.mask(sliceIndex);
      const after = current.clone();
      after.unionWith(suggestion);
      if (after.equals(current)) {
        this.notify(`Your ROI on slice ${sliceIndex + 1} already contains the suggestion.`, 'info');
        return;
      }
      const change = this.session.applyEdit({ sliceIndex, label: `Accept suggestion (model ${modelId})`, before: current.clone(), after });
      if (change) this.persist(change);
    } catch (error) {
      this.notify((error as Error).message, 'error');
    }
  }

  /** Sends a pending resume position now (the page is going away). */
  flushPosition(): void {
    if (!this.positionTimer) return;
    clearTimeout(this.positionTimer);
    this.positionTimer = null;
    this.sendPosition();
  }

  /** Stores the resume position now and stops timers. Unsaved changes keep being retried. */
  dispose(): void {
    this.flushPosition();
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    this.listeners.clear();
  }

  notify(text: string, tone: Notice['tone']): void {
    this.currentNotice = { id: (this.currentNotice?.id ?? 0) + 1, text, tone };
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.currentNotice = null;
      this.changed();
    }, NOTICE_MS);
    this.changed();
  }

  // ---- internals ----

  private persist(change: SliceChange): void {
    this.saves.enqueue(change.sliceIndex, sliceStateAfter(this.session, change));
    // Undo and redo may act on another slice: show the reader what changed.
    if (change.cause !== 'edit' && change.sliceIndex !== this.controller.sliceIndex) this.controller.goToSlice(change.sliceIndex);
  }

  private otherAction(action: ShortcutAction): void {
    if (action === 'showShortcuts') this.setShowShortcuts(!this.shortcutsOpen);
  }

  private schedulePosition(): void {
    if (this.controller.sliceIndex === this.positionSent) return;
    if (this.positionTimer) clearTimeout(this.positionTimer);
    this.positionTimer = setTimeout(() => {
      this.positionTimer = null;
      this.sendPosition();
    }, POSITION_DEBOUNCE_MS);
  }

  private sendPosition(): void {
    const sliceIndex = this.controller.sliceIndex;
    if (sliceIndex === this.positionSent) return;
    this.positionSent = sliceIndex;
    // Only a convenience: a lost position is not worth an error, the next change sends it again.
    this.calls.setPosition({ seriesId: this.seriesId, image: this.read.slices[sliceIndex]!.image }).catch(() => {
      if (this.positionSent === sliceIndex) this.positionSent = -1;
    });
  }

  private changed(): void {
    this.changeCount++;
    for (const listener of this.listeners) listener();
  }
}
