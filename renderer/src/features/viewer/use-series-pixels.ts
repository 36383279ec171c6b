import { useEffect, useState } from 'react';
import type { SeriesDetail, SlicePixels } from '../../../../shared/model/imaging';
import { robustRange, type RobustRange } from '../../editor/display/windowing';
import type { HostClient } from '../../../../shared/contracts/client';

export interface SeriesPixels {
  detail: SeriesDetail | null;
  /** Decoded slices by index; filled as chunks arrive. */
  slices: (SlicePixels | undefined)[];
  loaded: number;
  range: RobustRange | null;
  error: string | null;
}

const CHUNK = 6;

/**
 * Loads a series and decodes-ahead all its slices into memory (a spinal STIR series is 17-19
 * slices of a few hundred KB), the slice in view first and then outwards, so that switching
 * slices never waits for the core.
 */
export function useSeriesPixels(host: HostClient, seriesId: number, around: number): SeriesPixels {
  const [state, setState] = useState<SeriesPixels>({ detail: null, slices: [], loaded: 0, range: null, error: null });

  useEffect(() => {
    let cancelled = false;
    const slices: (SlicePixels | undefined)[] = [];
    setState({ detail: null, slices, loaded: 0, range: null, error: null });
    (async () => {
      const detail = await host.api.viewer.series({ seriesId });
      if (cancelled) return;
      const n = detail.sliceList.length;
      setState((s) => ({ ...s, detail }));
      const start = Math.max(0, Math.min(n - 1, around) - Math.floor(CHUNK / 2));
      const chunks: number[] = [];
      for (let from = start; from < n; from += CHUNK) chunks.push(from);
      for (let from = start - CHUNK; from > -CHUNK; from -= CHUNK) chunks.push(Math.max(0, from));
      let loaded = 0;
      for (const from of chunks) {
        const count = Math.min(CHUNK, n - from);
        const got = await host.api.viewer.slices({ seriesId, from, count });
        if (cancelled) return;
        for (const p of got) {
          if (!slices[p.index]) loaded++;
          slices[p.index] = p;
        }
        const range = loaded === n ? robustRange(slices.filter((x): x is SlicePixels => !!x)) : null;
        setState((s) => ({ ...s, slices: [...slices], loaded, range: range ?? s.range ?? robustRange(slices.filter((x): x is SlicePixels => !!x)) }));
      }
    })().catch((e: Error) => !cancelled && setState((s) => ({ ...s, error: e.message })));
    return () => {
      cancelled = true;
    };
    // `around` only orders the first load; changing slices does not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host, seriesId]);

  return state;
}
