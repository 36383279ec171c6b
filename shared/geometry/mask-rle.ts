/**
 * Run-length encoding of binary image masks (lesion ROIs, reader masks), shared by the phantom's
 * truth file, stored annotations and anything else that needs a mask in JSON.
 *
 * Format ("rle-row-major-v1"): the mask is read in row-major order (row 0 left to right, then
 * row 1, ...), over exactly `width * height` pixels, and stored as the lengths of alternating runs
 * of 0-pixels and 1-pixels, STARTING WITH A 0-RUN (which is 0 when the first pixel is set).
 * Every later run is at least 1 long, and the runs add up to `width * height`.
 *
 * Examples for a 4 x 2 mask:
 *   all zero            -> [8]
 *   all one             -> [0, 8]
 *   rows 0110 / 0000    -> [1, 2, 5]
 *
 * The encoding does not carry the image size: store width and height beside it.
 */
import { AppError } from '../contracts/errors';

/** The name and one-line description written into JSON files that hold masks in this format. */
export const MASK_RLE_ENCODING =
  'rle-row-major-v1: row-major pixel order over width*height pixels; alternating run lengths of 0-pixels and 1-pixels, starting with a (possibly zero-length) 0-run; runs sum to width*height';

function checkSize(width: number, height: number): number {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new AppError('bad_request', `Mask size ${width} x ${height} is not a positive whole number of pixels.`);
  }
  return width * height;
}

/**
 * Encodes a mask (any non-zero byte counts as inside) of `width` x `height` pixels, row-major.
 * Returns the run lengths described in this file's header.
 */
export function encodeMaskRle(mask: Uint8Array, width: number, height: number): number[] {
  const n = checkSize(width, height);
  if (mask.length !== n) {
    throw new AppError('bad_request', `Mask has ${mask.length} pixels but ${width} x ${height} = ${n} were expected.`);
  }
  const runs: number[] = [];
  let current = 0; // value of the run being counted: 0 first, by definition
  let length = 0;
  for (let i = 0; i < n; i++) {
    const v = mask[i] !== 0 ? 1 : 0;
    if (v === current) {
      length++;
    } else {
      runs.push(length);
      current = v;
      length = 1;
    }
  }
  runs.push(length);
  return runs;
}

/**
 * Decodes run lengths back into a mask of 0 and 1 bytes, `width` x `height`, row-major.
 * Refuses runs that are not whole non-negative numbers, zero-length runs after the first, or a
 * total that differs from `width * height`: a damaged mask must not silently shift pixels.
 */
export function decodeMaskRle(runs: readonly number[], width: number, height: number): Uint8Array {
  const n = checkSize(width, height);
  let total = 0;
  for (let r = 0; r < runs.length; r++) {
    const len = runs[r];
    if (!Number.isInteger(len) || len < 0 || (r > 0 && len === 0)) {
      throw new AppError('bad_request', `Mask run ${r} has length ${len}; runs must be whole numbers, and only the first may be 0.`);
    }
    total += len;
  }
  if (total !== n) {
    throw new AppError('bad_request', `Mask runs cover ${total} pixels but the image has ${width} x ${height} = ${n}.`);
  }
  const mask = new Uint8Array(n);
  let at = 0;
  for (let r = 0; r < runs.length; r++) {
    if (r % 2 === 1) mask.fill(1, at, at + runs[r]);
    at += runs[r];
  }
  return mask;
}

/** Number of set pixels in an encoded mask, without decoding it. */
export function countMaskRlePixels(runs: readonly number[]): number {
  let count = 0;
  for (let r = 1; r < runs.length; r += 2) count += runs[r];
  return count;
}
