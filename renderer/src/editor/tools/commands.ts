import { fillHoles, removeSmallIslands, type Connectivity } from '../mask/components';
import type { SliceMask } from '../mask/sliceMask';
import type { MaskEdit } from './tool';

/**
 * One-shot mask commands (no pointer interaction). Each returns a MaskEdit for the session, or
 * null when it would change nothing (the UI can then say so instead of recording an empty step).
 */

/** Default size below which 'Remove islands' clears a lesion component, in pixels. */
export const DEFAULT_MIN_ISLAND_PX = 20;

/** Fills every enclosed background region of the slice ('Fill holes'). */
export function fillHolesEdit(sliceIndex: number, mask: SliceMask): MaskEdit | null {
  const after = mask.clone();
  if (fillHoles(after) === 0) return null;
  return { sliceIndex, label: 'Fill holes', before: mask.clone(), after };
}

/** Clears lesion components smaller than `minPixels` ('Remove islands < 20 px'). */
export function removeIslandsEdit(
  sliceIndex: number,
  mask: SliceMask,
  minPixels: number = DEFAULT_MIN_ISLAND_PX,
  connectivity: Connectivity = 8,
): MaskEdit | null {
  const after = mask.clone();
  if (removeSmallIslands(after, minPixels, connectivity) === 0) return null;
  return { sliceIndex, label: `Remove islands < ${minPixels} px`, before: mask.clone(), after };
}

/**
 * Copies the ROIs of another slice (usually the previous or next) as a starting point.
 * 'union' (default) adds them to what the target already has, so nothing drawn is lost;
 * 'replace' makes the target an exact copy. The label names the source by its display number,
 * `sourceIndex + 1` unless `sourceNumber` is given ('Copy from slice 7').
 */
export function copyFromSliceEdit(
  targetIndex: number,
  targetMask: SliceMask,
  sourceIndex: number,
  sourceMask: SliceMask,
  options: { mode?: 'union' | 'replace'; sourceNumber?: number } = {},
): MaskEdit | null {
  const after = targetMask.clone();
  if (options.mode === 'replace') after.copyFrom(sourceMask);
  else after.unionWith(sourceMask);
  if (after.equals(targetMask)) return null;
  return {
    sliceIndex: targetIndex,
    label: `Copy from slice ${options.sourceNumber ?? sourceIndex + 1}`,
    before: targetMask.clone(),
    after,
  };
}
