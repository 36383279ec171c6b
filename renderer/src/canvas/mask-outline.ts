import type { SliceMask } from '../editor/mask/sliceMask';
import { overlayOutlineSegments } from './OverlayOutline';

/**
 * The outline of a mask as line segments along pixel edges, in image pixel coordinates:
 * [x0, y0, x1, y1, ...]. Every edge between a lesion pixel and a background pixel (or the image
 * border) is on it; collinear neighbouring edges are merged into one segment, so a drawn outline
 * stays crisp and a few hundred segments long at any zoom.
 */
export function maskOutlineSegments(mask: SliceMask): Float32Array {
  return overlayOutlineSegments(mask.data, mask.width, mask.height);
}
