import { describe, expect, it } from 'vitest';
import {
  EditHistory,
  maskContentHash,
  SeriesEditSession,
  SliceMask,
  StrokeTool,
  type MaskEdit,
  type SliceChange,
} from '../../../renderer/src/editor';

const W = 16, H = 16;

/** A brush stroke on the session's current mask of a slice, as the reader view would make it. */
function stroke(session: SeriesEditSession, sliceIndex: number, from: { x: number; y: number }, to: { x: number; y: number }, mode: 'paint' | 'erase' = 'paint', radius = 2): MaskEdit {
  const tool = new StrokeTool(mode, radius);
  const ctx = { sliceIndex, mask: session.mask(sliceIndex), imagePixelsPerScreenPixel: 1 };
  tool.pointerDown(from, ctx);
  tool.pointerMove(to, ctx);
  return tool.pointerUp(to, ctx)!;
}

/** The state a backend would hold after persisting every change record in order. */
class FakeStore {
  labels = new Map<number, string>();
  masks = new Map<number, SliceMask>();
  hashes = new Map<number, string>();
  persist(change: SliceChange | null): void {
    if (!change) return;
    this.labels.set(change.sliceIndex, change.labelAfter);
    if (change.mask) {
      const previous = this.hashes.get(change.sliceIndex) ?? maskContentHash(new SliceMask(W, H));
      expect(change.mask.hashBefore).toBe(previous);
      const mask = SliceMask.fromWire(change.mask.after);
      expect(maskContentHash(mask)).toBe(change.mask.hashAfter);
      this.masks.set(change.sliceIndex, mask);
      this.hashes.set(change.sliceIndex, change.mask.hashAfter);
    }
  }
}

describe('SeriesEditSession: drawing and labels', () => {
  it('marks a slice present when a stroke adds pixels, in the same undo step', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 3 });
    const change = session.applyEdit(stroke(session, 1, { x: 4, y: 4 }, { x: 10, y: 8 }))!;
    expect(change).toMatchObject({ sliceIndex: 1, cause: 'edit', action: 'Brush stroke', labelBefore: 'unread', labelAfter: 'present' });
    expect(session.label(1)).toBe('present');
    const undone = session.undo()!;
    expect(undone).toMatchObject({ cause: 'undo', action: 'Brush stroke', labelBefore: 'present', labelAfter: 'unread' });
    expect(session.mask(1).isEmpty()).toBe(true);
    expect(session.label(1)).toBe('unread');
  });

  it('keeps a slice present when its ROI is erased to nothing, and reports it at lock time', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 2, labels: ['unread', 'absent'] });
    session.applyEdit(stroke(session, 0, { x: 8, y: 8 }, { x: 8, y: 8 }, 'paint', 2));
    const erase = session.applyEdit(stroke(session, 0, { x: 8, y: 8 }, { x: 8, y: 8 }, 'erase', 5))!;
    expect(erase.labelAfter).toBe('present');
    expect(session.mask(0).isEmpty()).toBe(true);
    expect(session.lockReadiness()).toEqual({ canLock: false, unread: [], presentWithoutRoi: [0] });
    session.setLabel(0, 'absent');
    expect(session.lockReadiness().canLock).toBe(true);
  });

  it('does not mark present for an erase that leaves pixels, nor treat an empty mask as absent', () => {
    const preset = new SliceMask(W, H);
    preset.data.fill(1);
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 2, masks: [preset, null] });
    const change = session.applyEdit(stroke(session, 0, { x: 3, y: 3 }, { x: 3, y: 3 }, 'erase'))!;
    expect(change.labelAfter).toBe('unread');
    expect(session.label(1)).toBe('unread');
    expect(session.lockReadiness().unread).toEqual([0, 1]);
  });

  it('clears the ROI when a slice is marked absent, and one undo brings both back', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 1 });
    session.applyEdit(stroke(session, 0, { x: 4, y: 4 }, { x: 9, y: 9 }));
    const drawn = session.mask(0).clone();
    const absent = session.setLabel(0, 'absent')!;
    expect(absent.action).toBe('Mark absent (ROI cleared)');
    expect(absent.mask?.after.runs).toEqual([W * H]);
    expect(session.mask(0).isEmpty()).toBe(true);
    session.undo();
    expect(session.label(0)).toBe('present');
    expect(session.mask(0).equals(drawn)).toBe(true);
  });

  it('records label-only changes without a mask part and ignores a label set twice', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 2 });
    const change = session.setLabel(1, 'absent')!;
    expect(change).toEqual({ sliceIndex: 1, cause: 'edit', action: 'Mark absent', labelBefore: 'unread', labelAfter: 'absent', mask: null });
    expect(session.setLabel(1, 'absent')).toBeNull();
    expect(session.setLabel(1, 'present')?.action).toBe('Mark present');
  });

  it('refuses an edit that started from a stale mask', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 1 });
    const stale = stroke(session, 0, { x: 2, y: 2 }, { x: 2, y: 2 });
    session.applyEdit(stroke(session, 0, { x: 12, y: 12 }, { x: 12, y: 12 }));
    expect(() => session.applyEdit(stale)).toThrow(/no longer the slice's mask/);
  });

  it('returns null for an edit that changes nothing, recording no history', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 1 });
    const m = session.mask(0);
    expect(session.applyEdit({ sliceIndex: 0, label: 'Brush stroke', before: m.clone(), after: m.clone() })).toBeNull();
    expect(session.canUndo).toBe(false);
  });
});

describe('SeriesEditSession: undo and redo', () => {
  it('undoes and redoes a mixed sequence, each step a change record a backend can persist', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 3 });
    const store = new FakeStore();
    store.persist(session.applyEdit(stroke(session, 0, { x: 3, y: 3 }, { x: 12, y: 3 })));
    store.persist(session.setLabel(1, 'absent'));
    store.persist(session.applyEdit(stroke(session, 0, { x: 7, y: 3 }, { x: 7, y: 3 }, 'erase', 2)));
    store.persist(session.applyEdit(stroke(session, 2, { x: 5, y: 5 }, { x: 5, y: 5 })));
    const afterAll = session.mask(0).clone();
    expect(session.historyItems().done.map((i) => i.label)).toEqual(['Brush stroke', 'Mark absent', 'Erase', 'Brush stroke']);

    store.persist(session.undo()); // stroke on 2
    store.persist(session.undo()); // erase on 0
    store.persist(session.undo()); // absent on 1
    expect(session.allLabels()).toEqual(['present', 'unread', 'unread']);
    expect(session.historyItems()).toEqual({
      done: [{ id: 1, label: 'Brush stroke', sliceIndex: 0 }],
      undone: [
        { id: 2, label: 'Mark absent', sliceIndex: 1 },
        { id: 3, label: 'Erase', sliceIndex: 0 },
        { id: 4, label: 'Brush stroke', sliceIndex: 2 },
      ],
    });
    store.persist(session.redo());
    store.persist(session.redo());
    expect(session.mask(0).equals(afterAll)).toBe(true);
    expect(session.allLabels()).toEqual(['present', 'absent', 'unread']);
    // The backend, fed only change records, holds what the session holds.
    for (let i = 0; i < 3; i++) {
      expect(store.labels.get(i) ?? 'unread').toBe(session.label(i));
      expect(store.hashes.get(i) ?? maskContentHash(new SliceMask(W, H))).toBe(session.maskHash(i));
    }
  });

  it('clears the redo stack on a new action', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 2 });
    session.setLabel(0, 'present');
    session.setLabel(1, 'absent');
    session.undo();
    expect(session.canRedo).toBe(true);
    session.setLabel(1, 'present');
    expect(session.canRedo).toBe(false);
    expect(session.redo()).toBeNull();
    expect(session.historyItems().done.map((i) => i.label)).toEqual(['Mark present', 'Mark present']);
  });

  it('returns null with nothing to undo or redo', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 1 });
    expect(session.undo()).toBeNull();
    expect(session.redo()).toBeNull();
  });

  it('refuses every change while locked', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 1 });
    session.setLabel(0, 'absent');
    session.setLocked(true);
    expect(() => session.undo()).toThrow(/locked/);
    expect(() => session.setLabel(0, 'present')).toThrow(/locked/);
    expect(session.canUndo).toBe(false);
    session.setLocked(false);
    expect(session.undo()?.labelAfter).toBe('unread');
  });

  it('forgets only the reloaded slice history on loadSlice', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 2 });
    session.setLabel(0, 'absent');
    session.applyEdit(stroke(session, 1, { x: 5, y: 5 }, { x: 6, y: 6 }));
    session.setLabel(0, 'present');
    session.loadSlice(0, null, 'absent');
    expect(session.historyItems().done.map((i) => `${i.label}@${i.sliceIndex}`)).toEqual(['Brush stroke@1']);
    expect(session.undo()?.sliceIndex).toBe(1);
    expect(session.label(0)).toBe('absent');
  });

  it('notifies subscribers and bumps the version on every change', () => {
    const session = new SeriesEditSession({ width: W, height: H, sliceCount: 1 });
    let calls = 0;
    const unsubscribe = session.subscribe(() => calls++);
    const v0 = session.version;
    session.applyEdit(stroke(session, 0, { x: 2, y: 2 }, { x: 2, y: 2 }));
    session.undo();
    expect(calls).toBe(2);
    expect(session.version).toBe(v0 + 2);
    unsubscribe();
    session.redo();
    expect(calls).toBe(2);
  });
});

describe('EditHistory limits', () => {
  it('evicts the oldest entries beyond the entry cap', () => {
    const history = new EditHistory({ maxEntries: 3 });
    for (let i = 0; i < 5; i++) history.record({ sliceIndex: i, label: `Step ${i}`, labelBefore: 'unread', labelAfter: 'absent', mask: null });
    expect(history.list().done.map((e) => e.label)).toEqual(['Step 2', 'Step 3', 'Step 4']);
  });

  it('evicts by bytes but always keeps the newest entry', () => {
    const history = new EditHistory({ maxBytes: 1 });
    history.record({ sliceIndex: 0, label: 'A', labelBefore: 'unread', labelAfter: 'absent', mask: null });
    history.record({ sliceIndex: 0, label: 'B', labelBefore: 'absent', labelAfter: 'present', mask: null });
    expect(history.size).toBe(1);
    expect(history.peekUndo()?.label).toBe('B');
  });

  it('keeps a long session of real strokes within the byte cap', () => {
    const session = new SeriesEditSession({ width: 64, height: 64, sliceCount: 1, historyLimits: { maxBytes: 4000 } });
    for (let k = 0; k < 60; k++) {
      const tool = new StrokeTool(k % 2 ? 'erase' : 'paint', 3);
      const ctx = { sliceIndex: 0, mask: session.mask(0), imagePixelsPerScreenPixel: 1 };
      tool.pointerDown({ x: (k * 7) % 60, y: (k * 13) % 60 }, ctx);
      session.applyEdit(tool.pointerUp({ x: (k * 11) % 60, y: (k * 5) % 60 }, ctx) ?? { sliceIndex: 0, label: 'none', before: ctx.mask.clone(), after: ctx.mask.clone() });
    }
    expect(session.historyBytes).toBeLessThanOrEqual(4000);
    expect(session.historyItems().done.length).toBeGreaterThan(3);
    // Whatever is left still undoes cleanly, step by step.
    while (session.canUndo) session.undo();
  });
});
