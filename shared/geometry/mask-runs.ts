/**
 * The run-length codec of binary image masks (reader ROIs, consensus, model suggestions, the
 * phantom's truth). Part of the mask module: import it from './mask', not from here.
 *
 * Format 'rle-row-major-v1': the mask is read in row-major order (index = row * width + col),
 * over exactly `width * height` pixels, and stored as the lengths of alternating runs of
 * 0-pixels and 1-pixels, STARTING WITH A 0-RUN (which is 0 when the first pixel is set).
 * Every later run is at least 1 long, and the runs add up to `width * height`. So equal masks
 * have equal runs, and the odd-indexed runs are the lesion pixels.
 *
 * Examples for a 4 x 2 mask:
 *   all zero            -> [8]
 *   all one             -> [0, 8]
 *   rows .##. / ...#    -> [1, 2, 4, 1]
 *
 * The runs do not carry the image size: the wire object (EncodedMask in ./mask) carries it.
 */
import { AppError } from '../contracts/errors';

/** The name of the format, as written in every wire mask's `encoding` field. */
export const MASK_ENCODING = 'rle-row-major-v1';

/** The name and one-line description written into JSON files that hold masks in this format. */
export const MASK_ENCODING_DESCRIPTION =
  'rle-row-major-v1: row-major pixel order over width*height pixels; alternating run lengths of 0-pixels and 1-pixels, starting with a (possibly zero-length) 0-run; runs sum to width*height';

/** Largest image side a mask may have, pixels (bigger than any MR slice). */
export const MAX_MASK_SIDE = 4096;

/** Most runs a mask may have: a bound on what a client can make the core allocate. */
export const MAX_MASK_RUNS = MAX_MASK_SIDE * 64;

/** What is wrong with some runs: a sentence for a person, and the run it concerns (if one). */
export interface RunsProblem {
  readonly message: string;
  /** Index of the offending run, when one run is at fault. */
  readonly run?: number;
}

function sizeProblem(width: number, height: number): string | null {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    return `Mask size ${width} x ${height} is not a positive whole number of pixels.`;
  }
  if (width > MAX_MASK_SIDE || height > MAX_MASK_SIDE) return `Mask size ${width} x ${height} is larger than ${MAX_MASK_SIDE} pixels a side.`;
  return null;
}

/**
 * Why `runs` are not a mask of `width` x `height` pixels, or null when they are one: a size of
 * 1 to MAX_MASK_SIDE a side, at most MAX_MASK_RUNS runs, every run a whole number >= 0, only the
 * first may be 0, and the total exactly `width * height`.
 * The one check behind the schema's refinement, the constructor and the decoders.
 */
export function runsProblem(runs: readonly number[], width: number, height: number): RunsProblem | null {
  const size = sizeProblem(width, height);
  if (size) return { message: size };
  if (runs.length > MAX_MASK_RUNS) return { message: `Mask has ${runs.length} runs; at most ${MAX_MASK_RUNS} are allowed.` };
  let total = 0;
  for (let r = 0; r < runs.length; r++) {
    const len = runs[r]!;
    if (!Number.isInteger(len) || len < 0 || (r > 0 && len === 0)) {
      return { run: r, message: `Mask run ${r} has length ${len}; runs must be whole numbers, and only the first may be 0.` };
    }
    total += len;
  }
  const n = width * height;
  if (total !== n) return { message: `Mask runs cover ${total} pixels but the image has ${width} x ${height} = ${n}.` };
  return null;
}

/**
 * Encodes `width` x `height` row-major pixels (any non-zero byte counts as set) as the runs
 * described in this file's header.
 */
export function encodeRuns(pixels: Uint8Array, width: number, height: number): number[] {
  const size = sizeProblem(width, height);
  if (size) throw new AppError('bad_request', size);
  const n = width * height;
  if (pixels.length !== n) {
    throw new AppError('bad_request', `Mask has ${pixels.length} pixels but ${width} x ${height} = ${n} were expected.`);
  }
  const runs: number[] = [];
  let current = 0; // value of the run being counted: 0 first, by definition
  let length = 0;
  for (let i = 0; i < n; i++) {
    const v = pixels[i] !== 0 ? 1 : 0;
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
 * Decodes runs back into `width` x `height` row-major pixels of 0 and 1. Refuses runs that do not
 * describe exactly that many pixels (see runsProblem): a damaged mask must not silently shift pixels.
 */
export function decodeRuns(runs: readonly number[], width: number, height: number): Uint8Array {
  const problem = runsProblem(runs, width, height);
  if (problem) throw new AppError('bad_request', problem.message);
  const pixels = new Uint8Array(width * height);
  let at = 0;
  for (let r = 0; r < runs.length; r++) {
    if (r % 2 === 1) pixels.fill(1, at, at + runs[r]!);
    at += runs[r]!;
  }
  return pixels;
}

/** Number of set pixels of some runs, without decoding them (the odd-indexed runs). */
export function countRunPixels(runs: readonly number[]): number {
  let count = 0;
  for (let r = 1; r < runs.length; r += 2) count += runs[r]!;
  return count;
}
