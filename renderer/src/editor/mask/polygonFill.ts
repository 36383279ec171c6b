import type { ImagePoint } from '../geometry';
import type { SliceMask } from './sliceMask';

/**
 * How a self-intersecting outline decides inside from outside.
 * - 'nonzero': inside where the outline winds around the point at least once (a freehand lasso
 *   that loops over itself stays filled: what a reader expects).
 * - 'evenodd': inside where a ray from the point crosses the outline an odd number of times
 *   (overlapping loops cancel, as in SVG fill-rule evenodd).
 */
export type FillRule = 'nonzero' | 'evenodd';

interface Crossing {
  x: number;
  /** +1 when the edge runs downwards (y increasing), -1 upwards. */
  winding: number;
}

/**
 * Scanline fill of a closed polygon given in image pixel coordinates (the last vertex joins the
 * first). A pixel is inside when its centre (col + 0.5, row + 0.5) is inside, with the half-open
 * top-left rule on the outline, so two polygons sharing an edge never both cover a pixel.
 * `value` 1 fills, 0 clears (a subtracting lasso). Returns the number of pixels that changed.
 */
export function fillPolygon(
  mask: SliceMask,
  vertices: readonly ImagePoint[],
  rule: FillRule = 'nonzero',
  value: 0 | 1 = 1,
): number {
  const n = vertices.length;
  if (n < 3) return 0;
  let minY = Infinity, maxY = -Infinity;
  for (const v of vertices) {
    if (v.y < minY) minY = v.y;
    if (v.y > maxY) maxY = v.y;
  }
  const rowMin = Math.max(0, Math.ceil(minY - 0.5));
  const rowMax = Math.min(mask.height - 1, Math.ceil(maxY - 0.5) - 1);
  const { data, width } = mask;
  const crossings: Crossing[] = [];
  let changed = 0;
  for (let row = rowMin; row <= rowMax; row++) {
    const y = row + 0.5;
    crossings.length = 0;
    for (let i = 0; i < n; i++) {
      const a = vertices[i]!, b = vertices[(i + 1) % n]!;
      // Half-open in y: an edge counts for rows whose centre is in [low y, high y).
      if (a.y <= y && y < b.y) crossings.push({ x: a.x + ((y - a.y) * (b.x - a.x)) / (b.y - a.y), winding: 1 });
      else if (b.y <= y && y < a.y) crossings.push({ x: a.x + ((y - a.y) * (b.x - a.x)) / (b.y - a.y), winding: -1 });
    }
    if (crossings.length < 2) continue;
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    for (let k = 0; k < crossings.length - 1; k++) {
      winding += rule === 'evenodd' ? 1 : crossings[k]!.winding;
      const inside = rule === 'evenodd' ? winding % 2 === 1 : winding !== 0;
      if (!inside) continue;
      // Pixels whose centre x lies in [start, end).
      const colStart = Math.max(0, Math.ceil(crossings[k]!.x - 0.5));
      const colEnd = Math.min(width, Math.ceil(crossings[k + 1]!.x - 0.5));
      const base = row * width;
      for (let col = colStart; col < colEnd; col++) {
        if (data[base + col] !== value) {
          data[base + col] = value;
          changed++;
        }
      }
    }
  }
  return changed;
}
