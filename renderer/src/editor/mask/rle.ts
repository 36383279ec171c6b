import { AppError } from '../../../../shared/contracts/errors';
import { SliceMask } from './sliceMask';

/**
 * Run-length encoding of a slice mask: the storage and wire form, and the input of the content
 * hash. Pure TypeScript with no imports beyond the mask, so the Node core can share it.
 *
 * Format 'rle-row-major-v1', the same as shared/geometry/mask-rle.ts and the RLE overlap of
 * shared/metrics (so a stored reader mask goes straight into Dice): the pixels in row-major
 * order (index = row * width + col) as alternating run lengths, starting with a BACKGROUND run
 * (0 when pixel 0 is lesion): [background, lesion, background, ...]. No run after the first is
 * 0, and the runs add up to exactly width * height.
 * Examples: 4 x 2 mask `.##. / ...#` -> [1, 2, 4, 1]; empty 4 x 2 -> [8]; full -> [0, 8].
 */
export interface EncodedMask {
  readonly encoding: 'rle-row-major-v1';
  /** Columns, in image pixels. */
  readonly width: number;
  /** Rows, in image pixels. */
  readonly height: number;
  /** Alternating run lengths in pixels, starting with background, summing to width * height. */
  readonly runs: readonly number[];
}

/** Run lengths of row-major 0/1 pixels (format 'rle-row-major-v1'). */
export function encodeRuns(data: Uint8Array): number[] {
  const runs: number[] = [];
  let current = 0, length = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ? 1 : 0;
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

/** Writes the pixels of `runs` into `out` (length = pixel count), validating the runs. */
export function decodeRunsInto(runs: readonly number[], out: Uint8Array): void {
  out.fill(0);
  let position = 0;
  for (let k = 0; k < runs.length; k++) {
    const length = runs[k]!;
    if (!Number.isInteger(length) || length < 0 || (k > 0 && length === 0)) {
      throw new AppError('invalid_file', `Mask run ${k} has length ${length}; runs must be whole numbers, only the first may be 0.`);
    }
    if (position + length > out.length) {
      throw new AppError('invalid_file', `Mask runs cover more than the ${out.length} pixels of the slice.`);
    }
    if (k % 2 === 1) out.fill(1, position, position + length);
    position += length;
  }
  if (position !== out.length) {
    throw new AppError('invalid_file', `Mask runs cover ${position} pixels but the slice has ${out.length}.`);
  }
}

/** The storage form of a mask. */
export function encodeMask(mask: SliceMask): EncodedMask {
  return { encoding: 'rle-row-major-v1', width: mask.width, height: mask.height, runs: encodeRuns(mask.data) };
}

/** Rebuilds a mask from its storage form; throws AppError('invalid_file') on malformed runs. */
export function decodeMask(encoded: EncodedMask): SliceMask {
  if (encoded.encoding !== 'rle-row-major-v1') {
    throw new AppError(
      'invalid_file',
      `Unknown mask encoding '${String(encoded.encoding)}'; this app reads 'rle-row-major-v1'.`,
    );
  }
  const mask = new SliceMask(encoded.width, encoded.height);
  decodeRunsInto(encoded.runs, mask.data);
  return mask;
}
