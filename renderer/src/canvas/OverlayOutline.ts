/**
 * The outline of a binary mask as line segments along pixel edges, in image pixel coordinates:
 * [x0, y0, x1, y1, ...]. Every edge between a lesion pixel and a background pixel (or the image
 * border) is on it, and collinear neighbouring edges are merged, so an outline stays crisp and a
 * few hundred segments long at any zoom.
 *
 * Works on raw row-major 0/1 bytes (what shared/geometry/mask.ts decodes to), so the
 * adjudication views can outline a reader's mask without building editor objects.
 */
export function overlayOutlineSegments(data: Uint8Array, width: number, height: number): Float32Array {
  const box = boundingBox(data, width, height);
  if (!box) return new Float32Array(0);
  const at = (col: number, row: number) => (col >= box.x0 && col < box.x1 && row >= box.y0 && row < box.y1 ? data[row * width + col]! : 0);
  const out: number[] = [];
  // Horizontal edges lie on the line y = row, between rows row - 1 and row.
  for (let row = box.y0; row <= box.y1; row++) {
    let start = -1;
    for (let col = box.x0; col <= box.x1; col++) {
      const edge = col < box.x1 && at(col, row - 1) !== at(col, row);
      if (edge && start < 0) start = col;
      else if (!edge && start >= 0) {
        out.push(start, row, col, row);
        start = -1;
      }
    }
  }
  // Vertical edges lie on the line x = col, between columns col - 1 and col.
  for (let col = box.x0; col <= box.x1; col++) {
    let start = -1;
    for (let row = box.y0; row <= box.y1; row++) {
      const edge = row < box.y1 && at(col - 1, row) !== at(col, row);
      if (edge && start < 0) start = row;
      else if (!edge && start >= 0) {
        out.push(col, start, col, row);
        start = -1;
      }
    }
  }
  return Float32Array.from(out);
}

/** Smallest pixel rectangle [x0, x1) x [y0, y1) holding every set pixel, or null for an empty mask. */
function boundingBox(data: Uint8Array, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let row = 0; row < height; row++) {
    const base = row * width;
    for (let col = 0; col < width; col++) {
      if (!data[base + col]) continue;
      if (col < x0) x0 = col;
      if (col > x1) x1 = col;
      if (row < y0) y0 = row;
      if (row > y1) y1 = row;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}
