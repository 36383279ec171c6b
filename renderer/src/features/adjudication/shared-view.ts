import type { ImagePoint } from '../../editor/geometry';
import { Viewport } from '../../editor/viewport';

/**
 * One zoom and centre shared by views of different sizes (reader 1, reader 2, overlay): zoom as
 * a multiple of each view's own fit, and the image point at the views' centres. Zooming or
 * panning any view moves the others to the same place.
 */
export interface SharedView {
  /** 1 = the whole image fits the view. */
  zoomOverFit: number;
  /** Image pixel coordinates shown at the centre of every view; null = the image's centre. */
  centre: ImagePoint | null;
}

export const FITTED: SharedView = { zoomOverFit: 1, centre: null };

export interface StageSize {
  width: number;
  height: number;
  devicePixelRatio: number;
}

/** The viewport of a view of `size` showing a `imageWidth` x `imageHeight` image at the shared place. */
export function viewportFor(view: SharedView, size: StageSize, imageWidth: number, imageHeight: number): Viewport {
  const fit = Viewport.fit({ imageWidth, imageHeight, canvasWidth: size.width, canvasHeight: size.height, devicePixelRatio: size.devicePixelRatio });
  const zoom = fit.fitZoom * view.zoomOverFit;
  const c = view.centre ?? { x: imageWidth / 2, y: imageHeight / 2 };
  return new Viewport({ ...fit.state(), zoom, offsetX: size.width / 2 - c.x * zoom, offsetY: size.height / 2 - c.y * zoom });
}

/** The shared place a view's viewport shows (the inverse of viewportFor). */
export function sharedViewOf(v: Viewport): SharedView {
  return { zoomOverFit: v.zoom / v.fitZoom, centre: v.screenToImage({ x: v.canvasWidth / 2, y: v.canvasHeight / 2 }) };
}

/**
 * A view centred on the ROIs of a slice (row-major 0/1 bytes): zoomed so that their bounding box
 * takes about a sixth of the view, at least the fit and at most 2.5 times it, so the vertebra
 * around a small lesion stays in sight. The whole image when the slice has no ROI.
 */
export function focusOn(mask: Uint8Array, width: number, height: number): SharedView {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      if (!mask[row * width + col]) continue;
      if (col < x0) x0 = col;
      if (col > x1) x1 = col;
      if (row < y0) y0 = row;
      if (row > y1) y1 = row;
    }
  }
  if (x1 < 0) return FITTED;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const zoomOverFit = Math.max(1, Math.min(2.5, Math.min(width / bw, height / bh) / 6));
  return { zoomOverFit, centre: { x: (x0 + x1 + 1) / 2, y: (y0 + y1 + 1) / 2 } };
}
