import type { PixelRect } from '../geometry';
import { decodeRuns, encodeRuns } from '../../../../shared/geometry/mask';
import type { SliceMask } from './sliceMask';

/**
 * The compact record of a mask edit kept by the undo history: the pixels that flipped, as the
 * 'rle-row-major-v1' runs of (before XOR after) cropped to the rectangle of flipped pixels.
 *
 * XOR makes the diff its own inverse: applying it to `before` gives `after` and applying it to
 * `after` gives `before`, so undo and redo are the same operation. A brush stroke on a 512 x 512
 * slice costs tens of bytes instead of the 2 x 256 KB of full before/after masks.
 */
export interface MaskDiff {
  /** Size of the whole slice, in image pixels (a diff only applies to a mask of this size). */
  readonly width: number;
  readonly height: number;
  /** Rectangle of the flipped pixels, image pixel coordinates. */
  readonly rect: PixelRect;
  /** 'rle-row-major-v1' runs of the XOR mask, row-major inside `rect` (rect width = x1 - x0). */
  readonly xorRuns: readonly number[];
  /** Number of pixels that flipped (set or cleared). */
  readonly changedPixels: number;
}

/** The diff taking `before` to `after`, or null when they are equal. Both must have one size. */
export function diffMasks(before: SliceMask, after: SliceMask): MaskDiff | null {
  before.assertSameSize(after, 'diff');
  const { width, height } = before;
  const a = before.data, b = after.data;
  let x0 = width, y0 = height, x1 = -1, y1 = -1, changedPixels = 0;
  for (let row = 0; row < height; row++) {
    const base = row * width;
    for (let col = 0; col < width; col++) {
      if (a[base + col] === b[base + col]) continue;
      changedPixels++;
      if (col < x0) x0 = col;
      if (col > x1) x1 = col;
      if (row < y0) y0 = row;
      y1 = row;
    }
  }
  if (changedPixels === 0) return null;
  const rectWidth = x1 - x0 + 1, rectHeight = y1 - y0 + 1;
  const xor = new Uint8Array(rectWidth * rectHeight);
  for (let row = 0; row < rectHeight; row++) {
    const src = (row + y0) * width + x0;
    for (let col = 0; col < rectWidth; col++) xor[row * rectWidth + col] = a[src + col]! ^ b[src + col]!;
  }
  return {
    width,
    height,
    rect: { x0, y0, x1: x1 + 1, y1: y1 + 1 },
    xorRuns: encodeRuns(xor, rectWidth, rectHeight),
    changedPixels,
  };
}

/** Flips the pixels of `diff` in `mask`, in place (redo on the before mask, undo on the after). */
export function applyDiff(mask: SliceMask, diff: MaskDiff): void {
  if (mask.width !== diff.width || mask.height !== diff.height) {
    throw new Error(`A diff of a ${diff.width} x ${diff.height} slice cannot apply to a ${mask.width} x ${mask.height} mask.`);
  }
  const { x0, y0, x1, y1 } = diff.rect;
  const rectWidth = x1 - x0;
  const xor = decodeRuns(diff.xorRuns, rectWidth, y1 - y0);
  for (let row = y0; row < y1; row++) {
    const dst = row * mask.width + x0, src = (row - y0) * rectWidth;
    for (let col = 0; col < rectWidth; col++) mask.data[dst + col]! ^= xor[src + col]!;
  }
}

/** Approximate memory held by a diff, in bytes (runs as JS numbers plus object overhead). */
export function diffByteSize(diff: MaskDiff): number {
  return 64 + diff.xorRuns.length * 8;
}
