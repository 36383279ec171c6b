import { roiOrNull, type EncodedMask } from '../../../../shared/geometry/mask';
import { SliceMask } from '../../editor/mask/sliceMask';
import type { ReadingWorkspace } from './reading-workspace';

/** What `reading.suggestions` returns for a series (null when there are none, or readers may not see them). */
export interface SuggestionsResult {
  modelId: number;
  modelName: string;
  slices: { index: number; mask: EncodedMask | null; maxProbability: number }[];
}

/** Where a slice stands with its suggestion. */
export type SuggestionStatus = 'none' | 'pending' | 'hidden' | 'accepted';

/**
 * The model's suggestions in one reader view, without React: which slices have one, which the
 * reader hid, and accepting one (through the workspace, so it is an undoable edit saved with the
 * reader's name in the audit). A suggestion counts as accepted while the reader's ROI contains it,
 * so an undo brings it back as pending. Rejecting is not accepting; hiding is only this view's.
 */
export class SuggestionView {
  private result: SuggestionsResult | null = null;
  private masks: (SliceMask | null)[] = [];
  private probabilities: (number | null)[] = [];
  private hiddenSlices = new Set<number>();
  private shown = true;
  private readonly coveredCache = new Map<number, { hash: string; covered: boolean }>();
  private changeCount = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly ws: ReadingWorkspace) {}

  /** Takes the suggestions of the series (masks at the series' size; slices without a row have none). */
  load(result: SuggestionsResult | null): void {
    const n = this.ws.session.sliceCount;
    this.result = result;
    this.masks = new Array<SliceMask | null>(n).fill(null);
    this.probabilities = new Array<number | null>(n).fill(null);
    for (const s of result?.slices ?? []) {
      if (s.index < 0 || s.index >= n) continue;
      this.probabilities[s.index] = s.maxProbability;
      const roi = roiOrNull(s.mask);
      this.masks[s.index] = roi ? SliceMask.fromWire(roi) : null;
    }
    this.changed();
  }

  get available(): boolean {
    return this.result !== null && this.masks.some((m) => m !== null);
  }

  get modelId(): number | null {
    return this.result?.modelId ?? null;
  }

  get modelName(): string {
    return this.result?.modelName ?? '';
  }

  /** Slices (0-based) with a suggested ROI. */
  get slices(): number[] {
    return this.masks.flatMap((m, i) => (m ? [i] : []));
  }

  mask(i: number): SliceMask | null {
    return this.masks[i] ?? null;
  }

  maxProbability(i: number): number | null {
    return this.probabilities[i] ?? null;
  }

  /** Whether suggestions are drawn at all (the reader's switch). */
  get visible(): boolean {
    return this.shown;
  }

  status(i: number): SuggestionStatus {
    const m = this.masks[i];
    if (!m) return 'none';
    if (this.covered(i, m)) return 'accepted';
    return this.hiddenSlices.has(i) ? 'hidden' : 'pending';
  }

  /** The mask to draw on a slice: a pending suggestion while suggestions are shown. */
  drawn(i: number): SliceMask | null {
    return this.shown && this.status(i) === 'pending' ? this.masks[i]! : null;
  }

  setVisible(visible: boolean): void {
    this.shown = visible;
    this.changed();
  }

  /** Hides (rejects for now) or shows again the suggestion of one slice. */
  toggleHidden(i: number): void {
    if (!this.masks[i]) return;
    if (this.hiddenSlices.has(i)) this.hiddenSlices.delete(i);
    else this.hiddenSlices.add(i);
    this.changed();
  }

  /** Adds the slice's suggestion to the reader's ROI (one undo step; the slice becomes present). */
  accept(i: number): void {
    const m = this.masks[i];
    if (!m || this.modelId === null) {
      this.ws.notify(`Slice ${i + 1} has no model suggestion.`, 'info');
      return;
    }
    this.hiddenSlices.delete(i);
    this.ws.acceptSuggestion(i, m, this.modelId);
    this.changed();
  }

  /** Y accepts and X hides or shows the current slice's suggestion. True when the key was used. */
  handleKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
    if (!this.available || e.ctrlKey || e.metaKey || e.altKey) return false;
    const i = this.ws.controller.sliceIndex;
    const key = e.key.toLowerCase();
    if (key === 'y') {
      if (this.ws.session.locked) this.ws.notify('This read is locked; ask the coordinator to reopen it to change it.', 'info');
      else this.accept(i);
      return true;
    }
    if (key === 'x') {
      this.toggleHidden(i);
      return true;
    }
    return false;
  }

  get version(): number {
    return this.changeCount;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the reader's ROI contains the suggestion, cached per state of the slice's mask. */
  private covered(i: number, m: SliceMask): boolean {
    const hash = this.ws.session.maskHash(i);
    const cached = this.coveredCache.get(i);
    if (cached?.hash === hash) return cached.covered;
    const covered = covers(this.ws.session.mask(i), m);
    this.coveredCache.set(i, { hash, covered });
    return covered;
  }

  private changed(): void {
    this.changeCount++;
    for (const l of this.listeners) l();
  }
}

/** True when every pixel of `part` is also in `whole`. */
function covers(whole: SliceMask, part: SliceMask): boolean {
  const a = whole.data;
  const b = part.data;
  if (a.length !== b.length) return false;
  for (let k = 0; k < b.length; k++) if (b[k] && !a[k]) return false;
  return true;
}
