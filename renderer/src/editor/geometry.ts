/**
 * Plain geometry types of the editor core.
 *
 * Coordinate space convention used everywhere in `editor/` unless a name says otherwise:
 * IMAGE PIXEL coordinates, continuous, origin at the top-left corner of the image, x to the right
 * (columns), y down (rows). Pixel (col, row) covers the square [col, col+1) x [row, row+1); its
 * centre is (col + 0.5, row + 0.5). A shape covers a pixel when it covers the pixel's centre.
 */

/** A point in image pixel coordinates (continuous; see the module comment). */
export interface ImagePoint {
  readonly x: number;
  readonly y: number;
}

/** A point in screen coordinates: CSS pixels relative to the canvas element's top-left corner. */
export interface ScreenPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * An inclusive-exclusive rectangle of whole pixels in image pixel coordinates:
 * columns x0 <= col < x1, rows y0 <= row < y1.
 */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Euclidean distance between two points of the same space. */
export function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
