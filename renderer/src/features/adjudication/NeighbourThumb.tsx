import { useEffect, useMemo, useRef } from 'react';
import type { SliceCase } from '../../../../shared/model/adjudication';
import type { SlicePixels } from '../../../../shared/model/imaging';
import { renderGrey } from '../../editor/display/render-slice';
import type { WindowLevel } from '../../editor/display/windowing';
import { caseMasks, INTERSECTION_RGB, READER1_RGB, READER2_RGB } from './case-masks';

/**
 * A neighbouring slice at a glance: the image under the screen's window with reader 1's ROI
 * tinted blue, reader 2's orange and their overlap yellow, and the slice's state in words.
 * A click makes it the slice on screen.
 */
export function NeighbourThumb({ which, slice, pixels, windowLevel, onPick }: { which: 'previous' | 'next'; slice: SliceCase | null; pixels: SlicePixels | undefined; windowLevel: WindowLevel | null; onPick: () => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const masks = useMemo(() => (slice ? caseMasks(slice) : null), [slice]);

  useEffect(() => {
    const c = ref.current;
    if (!c || !pixels || !windowLevel) return;
    c.width = pixels.width;
    c.height = pixels.height;
    const rgba = renderGrey(pixels, windowLevel);
    if (masks && masks.width === pixels.width && masks.height === pixels.height) {
      for (let i = 0, j = 0; i < masks.union.length; i++, j += 4) {
        const a = masks.reader1[i]!, b = masks.reader2[i]!;
        if (!a && !b) continue;
        const rgb = a && b ? INTERSECTION_RGB : a ? READER1_RGB : READER2_RGB;
        rgba[j] = rgba[j]! * 0.45 + rgb[0] * 0.55;
        rgba[j + 1] = rgba[j + 1]! * 0.45 + rgb[1] * 0.55;
        rgba[j + 2] = rgba[j + 2]! * 0.45 + rgb[2] * 0.55;
      }
    }
    c.getContext('2d')!.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, pixels.width, pixels.height), 0, 0);
  }, [pixels, windowLevel, masks]);

  if (!slice) {
    return (
      <div className="adj-thumb empty" aria-label={`No ${which} slice`}>
        <span className="muted small">{which === 'previous' ? 'first slice' : 'last slice'}</span>
      </div>
    );
  }
  const state = slice.consensus ? (slice.consensus.label === 'present' ? 'consensus: BME' : 'consensus: absent') : slice.agreement.startsWith('discordant') ? 'to decide' : 'no consensus';
  return (
    <button type="button" className="adj-thumb" onClick={onPick} aria-label={`${which === 'previous' ? 'Previous' : 'Next'} slice ${slice.sliceIndex + 1}`} title={`${which === 'previous' ? 'Previous' : 'Next'} slice (${which === 'previous' ? '↑' : '↓'})`}>
      <canvas ref={ref} width={48} height={80} />
      <span className="small">
        {which === 'previous' ? '↑' : '↓'} slice {slice.sliceIndex + 1}
      </span>
      <span className={`small ${slice.agreement.startsWith('discordant') && !slice.consensus ? 'warn' : 'muted'}`}>{state}</span>
    </button>
  );
}
