import { AppError } from '../contracts/errors';
import type { UndefinedReason } from './interval';
import { requireSameLength } from './validate';

/**
 * Overlap of two binary masks of the same pixel grid (areas in pixels).
 *
 * - Dice = 2 |A and B| / (|A| + |B|) (Dice 1945; the F1 score of pixels)
 * - IoU = |A and B| / |A or B| (Jaccard index); Dice = 2 IoU / (1 + IoU)
 *
 * Both are in [0, 1] and null when both masks are empty (0/0): two empty masks agree on absence,
 * which is a slice-level fact, not a segmentation overlap. One empty mask gives 0.
 */
export interface MaskOverlap {
  areaA: number;
  areaB: number;
  intersection: number;
  union: number;
  dice: number | null;
  iou: number | null;
  /** Set exactly when dice and iou are null. */
  undefinedReason: UndefinedReason<'both_empty'> | null;
}

/** The overlap figures from the three areas, in pixels. */
export function overlapFromAreas(areaA: number, areaB: number, intersection: number): MaskOverlap {
  const union = areaA + areaB - intersection;
  if (union === 0) {
    return {
      areaA,
      areaB,
      intersection,
      union,
      dice: null,
      iou: null,
      undefinedReason: { code: 'both_empty', message: 'Both masks are empty, so their overlap is 0/0.' },
    };
  }
  return {
    areaA,
    areaB,
    intersection,
    union,
    dice: (2 * intersection) / (areaA + areaB),
    iou: intersection / union,
    undefinedReason: null,
  };
}

/**
 * Overlap of two masks stored one byte per pixel in the same row-major grid; any non-zero byte is
 * foreground (so 0/1 and 0/255 masks both work). Throws when the sizes differ.
 */
export function maskOverlap(a: Uint8Array, b: Uint8Array): MaskOverlap {
  requireSameLength(a, b, 'Mask A', 'mask B');
  let areaA = 0;
  let areaB = 0;
  let intersection = 0;
  for (let i = 0; i < a.length; i++) {
    const inA = a[i] !== 0;
    const inB = b[i] !== 0;
    if (inA) areaA++;
    if (inB) areaB++;
    if (inA && inB) intersection++;
  }
  return overlapFromAreas(areaA, areaB, intersection);
}

/**
 * Overlap of two run-length encoded masks, without decoding them: each is a list of run lengths
 * over the row-major pixels, alternating background and foreground and starting with a
 * (possibly 0-long) background run - the format of shared/geometry/mask.ts. Cost is linear in
 * the number of runs. Throws when the runs do not cover the same number of pixels or a run length
 * is negative or fractional.
 */
export function rleMaskOverlap(runsA: ArrayLike<number>, runsB: ArrayLike<number>): MaskOverlap {
  const pixelsA = totalRunLength(runsA, 'mask A');
  const pixelsB = totalRunLength(runsB, 'mask B');
  if (pixelsA !== pixelsB) {
    throw new AppError(
      'bad_request',
      `Run-length mask A covers ${pixelsA} pixels but mask B covers ${pixelsB}; both must describe the same grid.`,
    );
  }
  let areaA = 0;
  let areaB = 0;
  let intersection = 0;
  let ia = 0;
  let ib = 0;
  let leftA = runsA.length > 0 ? runsA[0]! : 0;
  let leftB = runsB.length > 0 ? runsB[0]! : 0;
  while (ia < runsA.length && ib < runsB.length) {
    // Skip exhausted (including 0-long) runs so each step covers a stretch where both are constant.
    if (leftA === 0) {
      ia++;
      leftA = ia < runsA.length ? runsA[ia]! : 0;
      continue;
    }
    if (leftB === 0) {
      ib++;
      leftB = ib < runsB.length ? runsB[ib]! : 0;
      continue;
    }
    const step = Math.min(leftA, leftB);
    const inA = ia % 2 === 1;
    const inB = ib % 2 === 1;
    if (inA) areaA += step;
    if (inB) areaB += step;
    if (inA && inB) intersection += step;
    leftA -= step;
    leftB -= step;
  }
  return overlapFromAreas(areaA, areaB, intersection);
}

function totalRunLength(runs: ArrayLike<number>, what: string): number {
  let total = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (!Number.isInteger(run) || run < 0) {
      throw new AppError('bad_request', `Run ${i} of ${what} is ${run}; run lengths are whole numbers >= 0.`);
    }
    total += run;
  }
  return total;
}
