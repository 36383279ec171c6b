import { describe, expect, it } from 'vitest';
import {
  paintPolyline,
  ReaderController,
  SeriesEditSession,
  SliceMask,
  Viewport,
  type ImagePoint,
  type SliceChange,
} from '../../../renderer/src/editor';

function setup(sliceCount = 4) {
  const session = new SeriesEditSession({ width: 64, height: 64, sliceCount });
  const viewport = Viewport.fit({ imageWidth: 64, imageHeight: 64, canvasWidth: 640, canvasHeight: 640 });
  const persisted: SliceChange[] = [];
  const errors: unknown[] = [];
  const notes: string[] = [];
  const controller = new ReaderController(session, viewport, {
    persist: (c) => persisted.push(c),
    reportError: (e) => errors.push(e),
    notify: (m) => notes.push(m),
  });
  return { session, controller, persisted, errors, notes };
}

describe('ReaderController: drawing while zooming and panning', () => {
  it('keeps one continuous stroke across a wheel zoom in the middle of it', () => {
    const { controller, session, persisted } = setup();
    const imagePath: ImagePoint[] = [];
    const at = (screen: { x: number; y: number }): void => {
      imagePath.push(controller.viewport.screenToImage(screen));
    };
    controller.pointerDown({ x: 200, y: 200 });
    at({ x: 200, y: 200 });
    controller.pointerMove({ x: 260, y: 230 });
    at({ x: 260, y: 230 });
    controller.wheel({ x: 260, y: 230 }, -300); // zoom in about the cursor, mid-stroke
    expect(controller.viewport.zoom).toBeGreaterThan(9);
    controller.pointerMove({ x: 400, y: 300 });
    at({ x: 400, y: 300 });
    controller.pointerUp({ x: 400, y: 300 });
    expect(persisted).toHaveLength(1);
    const expected = new SliceMask(64, 64);
    paintPolyline(expected, imagePath, controller.tools.brush.radius, 1);
    expect(SliceMask.fromWire(persisted[0]!.mask!.after).toAscii()).toEqual(expected.toAscii());
    expect(session.historyItems().done.map((i) => i.label)).toEqual(['Brush stroke']);
  });

  it('pans with the middle button in the middle of a stroke without drawing, then continues', () => {
    const { controller, persisted } = setup();
    controller.pointerDown({ x: 300, y: 300 });
    const grabbed = controller.viewport.screenToImage({ x: 300, y: 300 });
    controller.pointerDown({ x: 300, y: 300, button: 1 });
    expect(controller.panning).toBe(true);
    controller.pointerMove({ x: 100, y: 300 });
    controller.pointerUp({ x: 100, y: 300, button: 1 });
    expect(controller.panning).toBe(false);
    // The grabbed image point moved with the cursor: the stroke goes on from there.
    const now = controller.viewport.screenToImage({ x: 100, y: 300 });
    expect(now.x).toBeCloseTo(grabbed.x, 9);
    controller.pointerUp({ x: 100, y: 300 });
    expect(persisted).toHaveLength(1);
    const mask = SliceMask.fromWire(persisted[0]!.mask!.after);
    // Only the dab at the grabbed point: the pan drag painted nothing.
    expect(mask.boundingBox()!.x1 - mask.boundingBox()!.x0).toBeLessThanOrEqual(2 * controller.tools.brush.radius + 1);
  });

  it('pans with Space held and the pan tool', () => {
    const { controller, persisted } = setup();
    controller.keyDown({ key: ' ' });
    const before = controller.viewport.offsetX;
    controller.pointerDown({ x: 300, y: 300 });
    controller.pointerMove({ x: 340, y: 300 });
    controller.pointerUp({ x: 340, y: 300 });
    controller.keyUp({ key: ' ' });
    expect(controller.viewport.offsetX).toBeCloseTo(before + 40, 9);
    expect(persisted).toHaveLength(0);
    controller.keyDown({ key: 'h' });
    expect(controller.toolId).toBe('pan');
  });
});

describe('ReaderController: keyboard', () => {
  it('marks labels, navigates to unread slices and undoes with change records to persist', () => {
    const { controller, persisted, session } = setup(3);
    controller.keyDown({ key: 'a' });
    expect(session.label(0)).toBe('absent');
    controller.keyDown({ key: 'n' });
    expect(controller.sliceIndex).toBe(1);
    controller.keyDown({ key: 'p' });
    controller.keyDown({ key: 'z', ctrlKey: true });
    expect(persisted.map((c) => `${c.cause}:${c.action}@${c.sliceIndex}`)).toEqual([
      'edit:Mark absent@0',
      'edit:Mark present@1',
      'undo:Mark present@1',
    ]);
    controller.keyDown({ key: 'Z', ctrlKey: true, shiftKey: true });
    expect(session.label(1)).toBe('present');
  });

  it('lets the polygon tool take Enter and Backspace before the shortcut map', () => {
    const { controller, persisted, session } = setup();
    controller.keyDown({ key: 'g' });
    const v = controller.viewport;
    for (const p of [{ x: 10, y: 10 }, { x: 30, y: 10 }, { x: 30, y: 30 }, { x: 10, y: 30 }, { x: 50, y: 50 }]) {
      const s = v.imageToScreen(p);
      controller.pointerDown(s);
      controller.pointerUp(s);
    }
    expect(controller.keyDown({ key: 'Backspace' })).toBe(true);
    expect(controller.keyDown({ key: 'Enter' })).toBe(true);
    expect(persisted[0]?.action).toBe('Polygon');
    expect(session.mask(0).pixelCount()).toBe(400);
    expect(session.label(0)).toBe('present');
  });

  it('cancels a polygon in progress on slice change, and Ctrl+Z first cancels a stroke', () => {
    const { controller, persisted } = setup();
    controller.keyDown({ key: 'g' });
    controller.pointerDown({ x: 100, y: 100 });
    controller.keyDown({ key: 'ArrowDown' });
    expect(controller.sliceIndex).toBe(1);
    expect(controller.preview).toBeNull();
    controller.keyDown({ key: 'b' });
    controller.pointerDown({ x: 100, y: 100 });
    controller.keyDown({ key: 'z', ctrlKey: true });
    controller.pointerUp({ x: 150, y: 150 });
    expect(persisted).toHaveLength(0);
  });

  it('scrolls slices with the wheel, steps brush size, opacity and outline, ignoring repeats of toggles', () => {
    const { controller } = setup();
    controller.wheel({ x: 0, y: 0 }, 100);
    controller.wheel({ x: 0, y: 0 }, 100);
    expect(controller.sliceIndex).toBe(2);
    const radius = controller.tools.brush.radius;
    controller.keyDown({ key: ']' });
    expect(controller.tools.brush.radius).toBeGreaterThan(radius);
    const opacity = controller.overlayOpacity;
    controller.keyDown({ key: ',' });
    expect(controller.overlayOpacity).toBeLessThan(opacity);
    controller.keyDown({ key: 'o' });
    controller.keyDown({ key: 'o', repeat: true });
    expect(controller.outlineOnly).toBe(true);
  });

  it('copies the previous slice, says when a command has nothing to do, and reports a locked read', () => {
    const { controller, session, notes, errors } = setup();
    controller.pointerDown({ x: 320, y: 320 });
    controller.pointerUp({ x: 320, y: 320 });
    controller.keyDown({ key: 'c' });
    expect(notes).toEqual(['There is no slice on that side.']);
    controller.keyDown({ key: 'ArrowDown' });
    controller.keyDown({ key: 'c' });
    expect(session.mask(1).equals(session.mask(0))).toBe(true);
    expect(session.historyItems().done.at(-1)?.label).toBe('Copy from slice 1');
    controller.keyDown({ key: 'f' });
    expect(notes.at(-1)).toBe('No enclosed holes to fill.');
    session.setLocked(true);
    controller.keyDown({ key: 'p' });
    expect(String(errors[0])).toMatch(/locked/);
  });
});
