import type { SliceMask } from '../editor/mask/sliceMask';

/**
 * The outline of a mask as line segments along pixel edges, in image pixel coordinates:
 * [x0, y0, x1, y1, ...]. Every edge between a lesion pixel and a background pixel (or the image
 * border) is on it; collinear neighbouring edges are merged into one segment, so a drawn outline
 * stays crisp and a few hundred segments long at any zoom.
 */
export function maskOutlineSegments(mask: SliceMask): Float32Array {
  const box = mask.boundingBox();
  if (!box) return new Float32Array(0);
  const { width, data } = mask;
  const at = (col: number, row: number) => (col >= box.x0 && col < box.x1 && row >= box.y0 && row < box.y1 ? data[row * width + col]! : 0);
  const out: number[] = [];
  // Horizontal edges: on the line y = row, between row - 1 and row.
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
  // Vertical edges: on the line x = col, between col - 1 and col.
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
