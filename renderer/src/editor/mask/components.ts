import type { SliceMask } from './sliceMask';

/**
 * Connected components, hole filling and island removal on a slice mask.
 *
 * Connectivity: 4 = pixels touch by an edge; 8 = by an edge or a corner. Lesions (foreground)
 * default to 8-connectivity, the usual choice for ROIs drawn by hand: a diagonal step of the
 * brush does not split a lesion in two. Background defaults to 4-connectivity, the dual of
 * 8-connected foreground, so a ring whose pixels only touch diagonally still encloses its hole.
 */
export type Connectivity = 4 | 8;

/** Labels of the connected regions where `data` equals `value`. */
export interface ComponentLabels {
  /** Per pixel, row-major: 0 for pixels of the other value, else the component number 1..count. */
  readonly labels: Int32Array;
  /** sizes[k] = pixel count of component k (index 0 unused). */
  readonly sizes: number[];
  /** touchesBorder[k] = true when component k has a pixel on the image border. */
  readonly touchesBorder: boolean[];
}

const OFFSETS_4: ReadonlyArray<readonly [number, number]> = [
  [1, 0], [-1, 0], [0, 1], [0, -1],
];
const OFFSETS_8: ReadonlyArray<readonly [number, number]> = [
  ...OFFSETS_4, [1, 1], [1, -1], [-1, 1], [-1, -1],
];

/** Labels the connected components of pixels equal to `value` (iterative flood fill, no recursion). */
export function labelComponents(mask: SliceMask, value: 0 | 1, connectivity: Connectivity): ComponentLabels {
  const { width, height, data } = mask;
  const labels = new Int32Array(width * height);
  const sizes: number[] = [0];
  const touchesBorder: boolean[] = [false];
  const offsets = connectivity === 8 ? OFFSETS_8 : OFFSETS_4;
  const stack = new Int32Array(width * height);
  let count = 0;
  for (let seed = 0; seed < data.length; seed++) {
    if (data[seed] !== value || labels[seed] !== 0) continue;
    count++;
    let size = 0, border = false, top = 0;
    labels[seed] = count;
    stack[top++] = seed;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      const col = i % width, row = (i - col) / width;
      if (col === 0 || row === 0 || col === width - 1 || row === height - 1) border = true;
      for (const [dx, dy] of offsets) {
        const c = col + dx, r = row + dy;
        if (c < 0 || r < 0 || c >= width || r >= height) continue;
        const j = r * width + c;
        if (data[j] === value && labels[j] === 0) {
          labels[j] = count;
          stack[top++] = j;
        }
      }
    }
    sizes.push(size);
    touchesBorder.push(border);
  }
  return { labels, sizes, touchesBorder };
}

/**
 * Fills holes: every background region that does not reach the image border becomes lesion.
 * `backgroundConnectivity` decides whether background leaks through diagonal gaps (8) or not
 * (4, default; see the module comment). Returns the number of pixels filled.
 */
export function fillHoles(mask: SliceMask, backgroundConnectivity: Connectivity = 4): number {
  const { labels, touchesBorder } = labelComponents(mask, 0, backgroundConnectivity);
  const data = mask.data;
  let filled = 0;
  for (let i = 0; i < data.length; i++) {
    const k = labels[i]!;
    if (k !== 0 && !touchesBorder[k]) {
      data[i] = 1;
      filled++;
    }
  }
  return filled;
}

/**
 * Removes islands: every lesion component with fewer than `minPixels` pixels is cleared
 * (a component of exactly minPixels stays). Returns the number of pixels cleared.
 */
export function removeSmallIslands(mask: SliceMask, minPixels: number, connectivity: Connectivity = 8): number {
  const { labels, sizes } = labelComponents(mask, 1, connectivity);
  const data = mask.data;
  let removed = 0;
  for (let i = 0; i < data.length; i++) {
    const k = labels[i]!;
    if (k !== 0 && sizes[k]! < minPixels) {
      data[i] = 0;
      removed++;
    }
  }
  return removed;
}
