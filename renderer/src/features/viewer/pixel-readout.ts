import type { SlicePixels } from '../../../../shared/model/imaging';
import type { ImagePoint } from '../../editor/geometry';

/** The pixel under the cursor in words: position (image pixels) and stored / modality value. */
export function pixelReadout(s: SlicePixels, p: ImagePoint): string {
  const x = Math.floor(p.x);
  const y = Math.floor(p.y);
  const stored = s.stored[y * s.width + x]!;
  const value = stored * s.slope + s.intercept;
  return s.slope === 1 && s.intercept === 0 ? `(${x}, ${y}) value ${stored}` : `(${x}, ${y}) stored ${stored} · value ${value.toFixed(2)}`;
}
