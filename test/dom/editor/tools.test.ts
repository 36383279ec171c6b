import { describe, expect, it } from 'vitest';
import {
  BRUSH_RADIUS_LADDER_PX,
  copyFromSliceEdit,
  fillHolesEdit,
  LassoTool,
  paintPolyline,
  PolygonTool,
  removeIslandsEdit,
  SliceMask,
  StrokeTool,
  type ToolContext,
} from '../../../renderer/src/editor';

function context(mask: SliceMask, sliceIndex = 0, imagePixelsPerScreenPixel = 1): ToolContext {
  return { sliceIndex, mask, imagePixelsPerScreenPixel };
}

describe('brush and eraser', () => {
  it('paints a stroke and yields one labelled edit on release', () => {
    const tool = new StrokeTool('paint', 2);
    const ctx = context(new SliceMask(32, 32), 4);
    const path = [{ x: 5.5, y: 5.5 }, { x: 10.5, y: 6.5 }, { x: 15, y: 12 }, { x: 20.5, y: 12.5 }];
    expect(tool.pointerDown(path[0]!, ctx)).toBeNull();
    expect(tool.active).toBe(true);
    tool.pointerMove(path[1]!, ctx);
    tool.pointerMove(path[2]!, ctx);
    const preview = tool.preview;
    expect(preview?.kind).toBe('stroke');
    if (preview?.kind === 'stroke') {
      expect(preview.points).toHaveLength(3);
      expect(preview.working.pixelCount()).toBeGreaterThan(0);
    }
    const edit = tool.pointerUp(path[3]!, ctx)!;
    expect(edit.label).toBe('Brush stroke');
    expect(edit.sliceIndex).toBe(4);
    expect(edit.before.isEmpty()).toBe(true);
    const oracle = new SliceMask(32, 32);
    paintPolyline(oracle, path, 2, 1);
    expect(edit.after.toAscii()).toEqual(oracle.toAscii());
    expect(ctx.mask.isEmpty()).toBe(true);
    expect(tool.active).toBe(false);
    expect(tool.preview).toEqual({ kind: 'brushCursor', mode: 'paint', center: path[3], radius: 2 });
  });

  it('discards a cancelled stroke', () => {
    const tool = new StrokeTool('paint');
    const ctx = context(new SliceMask(16, 16));
    tool.pointerDown({ x: 3, y: 3 }, ctx);
    tool.pointerMove({ x: 9, y: 9 }, ctx);
    expect(tool.key('Escape', ctx)).toEqual({ handled: true, edit: null });
    expect(tool.active).toBe(false);
    expect(tool.pointerUp({ x: 10, y: 10 }, ctx)).toBeNull();
  });

  it('erases, and yields nothing when nothing changed', () => {
    const mask = new SliceMask(16, 16);
    mask.data.fill(1);
    const eraser = new StrokeTool('erase', 1);
    const ctx = context(mask);
    eraser.pointerDown({ x: 4.5, y: 4.5 }, ctx);
    const edit = eraser.pointerUp({ x: 4.5, y: 4.5 }, ctx)!;
    expect(edit.label).toBe('Erase');
    expect(edit.after.pixelCount()).toBe(256 - 5);
    const blankCtx = context(new SliceMask(16, 16));
    eraser.pointerDown({ x: 4.5, y: 4.5 }, blankCtx);
    expect(eraser.pointerUp({ x: 8, y: 8 }, blankCtx)).toBeNull();
  });

  it('ignores the middle and right buttons (pan and menus)', () => {
    const tool = new StrokeTool('paint');
    const ctx = context(new SliceMask(8, 8));
    tool.pointerDown({ x: 3, y: 3, button: 1 }, ctx);
    expect(tool.active).toBe(false);
  });

  it('steps the radius along the ladder and stops at both ends', () => {
    const tool = new StrokeTool('paint', 5);
    expect(tool.radius).toBe(5);
    expect(tool.sizeUp()).toBe(8);
    for (let i = 0; i < 20; i++) tool.sizeUp();
    expect(tool.radius).toBe(BRUSH_RADIUS_LADDER_PX[BRUSH_RADIUS_LADDER_PX.length - 1]);
    for (let i = 0; i < 20; i++) tool.sizeDown();
    expect(tool.radius).toBe(1);
    expect(tool.setRadius(11)).toBe(12);
  });

  it('draws a straight line from the previous stroke end with Shift', () => {
    const tool = new StrokeTool('paint', 1);
    const mask = new SliceMask(20, 5);
    const ctx = context(mask);
    tool.pointerDown({ x: 2.5, y: 2.5 }, ctx);
    const first = tool.pointerUp({ x: 2.5, y: 2.5 }, ctx)!;
    mask.copyFrom(first.after);
    tool.pointerDown({ x: 16.5, y: 2.5, shiftKey: true }, ctx);
    const line = tool.pointerUp({ x: 16.5, y: 2.5 }, ctx)!;
    for (let col = 2; col <= 16; col++) expect(line.after.get(col, 2)).toBe(1);
  });
});

describe('lasso', () => {
  const square = [{ x: 2, y: 2 }, { x: 6, y: 2 }, { x: 6, y: 6 }, { x: 2, y: 6 }];

  it('fills the traced outline on release', () => {
    const tool = new LassoTool();
    const ctx = context(new SliceMask(8, 8), 2);
    tool.pointerDown(square[0]!, ctx);
    tool.pointerMove(square[1]!, ctx);
    tool.pointerMove(square[2]!, ctx);
    expect(tool.preview).toEqual({ kind: 'lasso', mode: 'add', points: square.slice(0, 3) });
    const edit = tool.pointerUp(square[3]!, ctx)!;
    expect(edit.label).toBe('Lasso fill');
    expect(edit.sliceIndex).toBe(2);
    expect(edit.after.pixelCount()).toBe(16);
    expect(tool.preview).toBeNull();
  });

  it('subtracts with Alt held at the start', () => {
    const full = new SliceMask(8, 8);
    full.data.fill(1);
    const tool = new LassoTool();
    const ctx = context(full);
    tool.pointerDown({ ...square[0]!, altKey: true }, ctx);
    tool.pointerMove(square[1]!, ctx);
    tool.pointerMove(square[2]!, ctx);
    const edit = tool.pointerUp(square[3]!, ctx)!;
    expect(edit.label).toBe('Lasso erase');
    expect(edit.after.pixelCount()).toBe(48);
  });

  it('yields nothing for a click or a cancelled lasso', () => {
    const tool = new LassoTool();
    const ctx = context(new SliceMask(8, 8));
    tool.pointerDown({ x: 3, y: 3 }, ctx);
    expect(tool.pointerUp({ x: 3.1, y: 3 }, ctx)).toBeNull();
    tool.pointerDown(square[0]!, ctx);
    tool.pointerMove(square[1]!, ctx);
    tool.key('Escape', ctx);
    expect(tool.active).toBe(false);
    expect(tool.pointerUp(square[2]!, ctx)).toBeNull();
  });
});

describe('polygon', () => {
  // Contexts at 10 CSS px per image px: the close tolerance of 8 screen px is 0.8 image px.
  const clicks = [{ x: 2, y: 2 }, { x: 6, y: 2 }, { x: 6, y: 6 }, { x: 2, y: 6 }];

  function clickAll(tool: PolygonTool, ctx: ToolContext): void {
    for (const p of clicks) {
      tool.pointerDown(p, ctx);
      tool.pointerUp(p, ctx);
    }
  }

  it('closes with Enter and fills', () => {
    const tool = new PolygonTool();
    const ctx = context(new SliceMask(8, 8), 1, 0.1);
    clickAll(tool, ctx);
    tool.pointerMove({ x: 4, y: 7 }, ctx);
    const preview = tool.preview;
    expect(preview?.kind === 'polygon' && preview.points.length).toBe(4);
    expect(preview?.kind === 'polygon' && preview.cursor).toEqual({ x: 4, y: 7 });
    const outcome = tool.key('Enter', ctx);
    expect(outcome.handled).toBe(true);
    expect(outcome.edit?.label).toBe('Polygon');
    expect(outcome.edit?.after.pixelCount()).toBe(16);
    expect(tool.active).toBe(false);
  });

  it('closes on a double click without adding a duplicate vertex', () => {
    const tool = new PolygonTool();
    const ctx = context(new SliceMask(8, 8), 0, 0.1);
    clickAll(tool, ctx);
    const edit = tool.pointerDown({ x: 2, y: 6, clickCount: 2 }, ctx);
    expect(edit?.after.pixelCount()).toBe(16);
  });

  it('closes on a click near the first vertex, the tolerance scaling with zoom', () => {
    // At 4 CSS px per image px, 8 screen px is 2 image px.
    const zoomed = context(new SliceMask(8, 8), 0, 0.25);
    const tool = new PolygonTool();
    clickAll(tool, zoomed);
    tool.pointerMove({ x: 4.5, y: 2 }, zoomed);
    expect(tool.preview?.kind === 'polygon' && tool.preview.closable).toBe(false);
    tool.pointerMove({ x: 3, y: 2.5 }, zoomed);
    expect(tool.preview?.kind === 'polygon' && tool.preview.closable).toBe(true);
    const edit = tool.pointerDown({ x: 3, y: 2.5 }, zoomed);
    expect(edit?.label).toBe('Polygon');
    expect(edit?.after.pixelCount()).toBe(16);
  });

  it('removes the last vertex with Backspace and cancels with Escape', () => {
    const tool = new PolygonTool();
    const ctx = context(new SliceMask(8, 8), 0, 0.1);
    clickAll(tool, ctx);
    tool.pointerDown({ x: 7, y: 7 }, ctx);
    expect(tool.vertices).toHaveLength(5);
    expect(tool.key('Backspace', ctx).handled).toBe(true);
    expect(tool.vertices).toHaveLength(4);
    expect(tool.key('Escape', ctx)).toEqual({ handled: true, edit: null });
    expect(tool.active).toBe(false);
    expect(tool.key('Escape', ctx).handled).toBe(false);
  });

  it('needs three vertices to close', () => {
    const tool = new PolygonTool();
    const ctx = context(new SliceMask(8, 8), 0, 0.1);
    tool.pointerDown({ x: 1, y: 1 }, ctx);
    tool.pointerDown({ x: 5, y: 1 }, ctx);
    expect(tool.key('Enter', ctx)).toEqual({ handled: true, edit: null });
    expect(tool.pointerDown({ x: 5, y: 1, clickCount: 2 }, ctx)).toBeNull();
  });
});

describe('commands', () => {
  it('fills holes with a labelled edit, or returns null when there are none', () => {
    const ring = SliceMask.fromAscii(['.....', '.###.', '.#.#.', '.###.', '.....']);
    const edit = fillHolesEdit(3, ring)!;
    expect(edit.label).toBe('Fill holes');
    expect(edit.after.pixelCount()).toBe(9);
    expect(ring.pixelCount()).toBe(8);
    expect(fillHolesEdit(3, edit.after)).toBeNull();
  });

  it('removes islands below the size in its label', () => {
    const mask = SliceMask.fromAscii(['#.......', '........', '...#####', '...#####']);
    const edit = removeIslandsEdit(0, mask, 5)!;
    expect(edit.label).toBe('Remove islands < 5 px');
    expect(edit.after.pixelCount()).toBe(10);
    expect(removeIslandsEdit(0, edit.after, 5)).toBeNull();
  });

  it('copies another slice by union (default) or replacement, naming it by display number', () => {
    const target = SliceMask.fromAscii(['#...', '....']);
    const source = SliceMask.fromAscii(['....', '..##']);
    const union = copyFromSliceEdit(7, target, 6, source)!;
    expect(union.label).toBe('Copy from slice 7');
    expect(union.after.toAscii()).toEqual(['#...', '..##']);
    const replaced = copyFromSliceEdit(7, target, 8, source, { mode: 'replace' })!;
    expect(replaced.after.toAscii()).toEqual(['....', '..##']);
    expect(copyFromSliceEdit(7, target, 6, new SliceMask(4, 2))).toBeNull();
  });
});
