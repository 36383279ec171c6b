import { describe, expect, it } from 'vitest';
import { FIT_FILL_FRACTION, MIN_VISIBLE_PX, Viewport, ZOOM_STEP } from '../../../renderer/src/editor';

const size = { imageWidth: 256, imageHeight: 320, canvasWidth: 800, canvasHeight: 600 };

function expectClose(actual: { x: number; y: number }, expected: { x: number; y: number }): void {
  expect(actual.x).toBeCloseTo(expected.x, 9);
  expect(actual.y).toBeCloseTo(expected.y, 9);
}

describe('Viewport', () => {
  it('fits the image to the window, centred', () => {
    const v = Viewport.fit(size);
    expect(v.zoom).toBeCloseTo((FIT_FILL_FRACTION * 600) / 320, 12);
    const topLeft = v.imageToScreen({ x: 0, y: 0 });
    const bottomRight = v.imageToScreen({ x: 256, y: 320 });
    expect((topLeft.x + bottomRight.x) / 2).toBeCloseTo(400, 9);
    expect((topLeft.y + bottomRight.y) / 2).toBeCloseTo(300, 9);
  });

  it('round-trips screen -> image -> screen and device -> image -> device under zoom, pan and DPR', () => {
    for (const dpr of [1, 1.25, 2, 3]) {
      let v = Viewport.fit({ ...size, devicePixelRatio: dpr });
      v = v.zoomAt({ x: 123, y: 456 }, 3.7).panBy(-40, 25);
      for (const p of [{ x: 0, y: 0 }, { x: 799.5, y: 10.25 }, { x: 400, y: 300 }]) {
        expectClose(v.imageToScreen(v.screenToImage(p)), p);
        const device = { x: p.x * dpr, y: p.y * dpr };
        expectClose(v.imageToDevice(v.deviceToImage(device)), device);
        expectClose(v.deviceToImage(device), v.screenToImage(p));
      }
    }
  });

  it('maps image points into the device backing store with the canvas transform', () => {
    const v = Viewport.fit({ ...size, devicePixelRatio: 2 }).zoomIn().panBy(13, -7);
    const [a, b, c, d, e, f] = v.deviceTransform();
    const p = { x: 100.5, y: 37.25 };
    expectClose({ x: a * p.x + c * p.y + e, y: b * p.x + d * p.y + f }, v.imageToDevice(p));
    expect(v.deviceCanvasSize()).toEqual({ width: 1600, height: 1200 });
  });

  it('keeps the image point under the cursor fixed while zooming about it', () => {
    const v = Viewport.fit(size);
    const cursor = { x: 612, y: 77 };
    const before = v.screenToImage(cursor);
    const zoomed = v.zoomAt(cursor, 2.5);
    expect(zoomed.zoom).toBeCloseTo(v.zoom * 2.5, 12);
    expectClose(zoomed.screenToImage(cursor), before);
    expectClose(zoomed.zoomOut(cursor).screenToImage(cursor), before);
  });

  it('steps zoom so that four steps double it', () => {
    const v = Viewport.fit(size);
    expect(v.zoomIn().zoomIn().zoomIn().zoomIn().zoom).toBeCloseTo(v.zoom * 2, 9);
    expect(ZOOM_STEP ** 4).toBeCloseTo(2, 12);
  });

  it('moves the grabbed point with the cursor when drag-panning', () => {
    const start = Viewport.fit(size).zoomAt({ x: 400, y: 300 }, 4);
    const down = { x: 300, y: 200 };
    const grabbed = start.screenToImage(down);
    const now = { x: 350, y: 260 };
    const panned = start.panBy(now.x - down.x, now.y - down.y);
    expectClose(panned.screenToImage(now), grabbed);
  });

  it('clamps zoom between a quarter of fit and the maximum', () => {
    const v = Viewport.fit(size);
    expect(v.zoomAt({ x: 0, y: 0 }, 1e-6).zoom).toBeCloseTo(v.fitZoom / 4, 12);
    expect(v.zoomAt({ x: 0, y: 0 }, 1e6).zoom).toBe(v.maxZoom);
  });

  it('keeps part of the image inside the canvas when panning far away', () => {
    const v = Viewport.fit(size).panBy(1e5, -1e5);
    const topLeft = v.imageToScreen({ x: 0, y: 0 });
    const bottomRight = v.imageToScreen({ x: 256, y: 320 });
    expect(topLeft.x).toBeCloseTo(800 - MIN_VISIBLE_PX, 9);
    expect(bottomRight.y).toBeCloseTo(MIN_VISIBLE_PX, 9);
  });

  it('keeps the centre image point and zoom on resize and DPR change', () => {
    const v = Viewport.fit(size).zoomAt({ x: 200, y: 150 }, 2);
    const centre = v.screenToImage({ x: 400, y: 300 });
    const r = v.resize(1000, 700, 2);
    expect(r.zoom).toBe(v.zoom);
    expect(r.devicePixelRatio).toBe(2);
    expectClose(r.screenToImage({ x: 500, y: 350 }), centre);
  });

  it('reports image pixels per screen pixel and the visible image rectangle', () => {
    const v = new Viewport({ ...size, devicePixelRatio: 1, zoom: 2, offsetX: 0, offsetY: 0 });
    expect(v.imagePixelsPerScreenPixel).toBe(0.5);
    expect(v.visibleImageRect()).toEqual({ x0: 0, y0: 0, x1: 400, y1: 300 });
  });

  it('refuses a degenerate size', () => {
    expect(() => Viewport.fit({ ...size, canvasWidth: 0 })).toThrow(/canvasWidth must be a positive number/);
  });
});
