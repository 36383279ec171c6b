import type { ImagePoint } from '../geometry';
import type { SliceMask } from './sliceMask';

/**
 * Brush and eraser rasterisation in image pixel coordinates.
 *
 * A disc of radius r centred on p covers pixel (col, row) when the pixel centre
 * (col + 0.5, row + 0.5) lies within r of p (distance <= r). A segment stroke covers the union
 * of the discs centred on every point of the segment (a capsule): pixels whose centre lies within
 * r of the segment. Strokes may run off the image; only pixels inside it change.
 */

/** Tolerance for centres lying exactly on the brush edge, so integer radii give symmetric discs. */
const EDGE_EPSILON = 1e-9;

/**
 * Sets (value 1, brush) or clears (value 0, eraser) every pixel within `radius` image pixels of
 * the segment a-b. Pass a === b for a single dab. Returns the number of pixels that changed.
 */
export function paintSegment(mask: SliceMask, a: ImagePoint, b: ImagePoint, radius: number, value: 0 | 1): number {
  if (!(radius > 0)) return 0;
  const colMin = Math.max(0, Math.ceil(Math.min(a.x, b.x) - radius - 0.5));
  const colMax = Math.min(mask.width - 1, Math.floor(Math.max(a.x, b.x) + radius - 0.5));
  const rowMin = Math.max(0, Math.ceil(Math.min(a.y, b.y) - radius - 0.5));
  const rowMax = Math.min(mask.height - 1, Math.floor(Math.max(a.y, b.y) + radius - 0.5));
  const dx = b.x - a.x, dy = b.y - a.y;
  const lengthSq = dx * dx + dy * dy;
  const limit = radius * radius + EDGE_EPSILON;
  const { data, width } = mask;
  let changed = 0;
  for (let row = rowMin; row <= rowMax; row++) {
    const cy = row + 0.5;
    for (let col = colMin; col <= colMax; col++) {
      const cx = col + 0.5;
      // Closest point of the segment to the pixel centre, by projection clamped to [0, 1].
      let t = lengthSq > 0 ? ((cx - a.x) * dx + (cy - a.y) * dy) / lengthSq : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = a.x + t * dx - cx, ey = a.y + t * dy - cy;
      if (ex * ex + ey * ey > limit) continue;
      const i = row * width + col;
      if (data[i] !== value) {
        data[i] = value;
        changed++;
      }
    }
  }
  return changed;
}

/** Brush dab: sets the disc of `radius` image pixels around `center`. Returns pixels changed. */
export function paintDisc(mask: SliceMask, center: ImagePoint, radius: number): number {
  return paintSegment(mask, center, center, radius, 1);
}

/** Eraser dab: clears the disc of `radius` image pixels around `center`. Returns pixels changed. */
export function eraseDisc(mask: SliceMask, center: ImagePoint, radius: number): number {
  return paintSegment(mask, center, center, radius, 0);
}

/** Paints a polyline (a whole stroke) with round joins: consecutive segments share their discs. */
export function paintPolyline(mask: SliceMask, points: readonly ImagePoint[], radius: number, value: 0 | 1): number {
  if (points.length === 0) return 0;
  let changed = paintSegment(mask, points[0]!, points[0]!, radius, value);
  for (let i = 1; i < points.length; i++) changed += paintSegment(mask, points[i - 1]!, points[i]!, radius, value);
  return changed;
}
