import { useEffect, useRef } from 'react';
import type { SlicePixels } from '../../../../shared/model/imaging';
import { renderGreyCached } from '../../editor/display/render-cache';
import type { WindowLevel } from '../../editor/display/windowing';

/** The previous and next slices beside the current one, as a reader compares them. */
export function NeighbourStrip({ slices, index, count, windowLevel, onPick }: { slices: (SlicePixels | undefined)[]; index: number; count: number; windowLevel: WindowLevel | null; onPick: (i: number) => void }) {
  const items = [index - 1, index, index + 1];
  return (
    <aside className="neighbour-strip" aria-label="Neighbouring slices">
      {items.map((i, k) => (
        <button type="button" key={k} className={`thumb ${i === index ? 'current' : ''}`} disabled={i < 0 || i >= count} onClick={() => onPick(i)} aria-label={i < 0 || i >= count ? 'no slice' : `Slice ${i + 1}`}>
          <Thumb slice={i >= 0 && i < count ? slices[i] : undefined} windowLevel={windowLevel} />
          <span className="small">{i < 0 || i >= count ? '—' : `${k === 0 ? 'prev' : k === 1 ? 'this' : 'next'} · ${i + 1}`}</span>
        </button>
      ))}
    </aside>
  );
}

function Thumb({ slice, windowLevel }: { slice: SlicePixels | undefined; windowLevel: WindowLevel | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const ctx = c.getContext('2d')!;
    if (!slice || !windowLevel) {
      ctx.clearRect(0, 0, c.width, c.height);
      return;
    }
    c.width = slice.width;
    c.height = slice.height;
    ctx.putImageData(new ImageData(renderGreyCached(slice, windowLevel) as Uint8ClampedArray<ArrayBuffer>, slice.width, slice.height), 0, 0);
  }, [slice, windowLevel]);
  return <canvas ref={ref} width={64} height={64} />;
}
