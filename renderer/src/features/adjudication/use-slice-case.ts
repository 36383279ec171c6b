import { useCallback, useEffect, useState } from 'react';
import type { SliceCase } from '../../../../shared/model/adjudication';
import type { HostApi } from '../../../../shared/contracts';
import type { ImageRef } from '../../../../shared/model/imaging';

export interface LoadedCase {
  /** The slice being decided; null while it loads. */
  current: SliceCase | null;
  /** The slices before and after it in the series (null at the ends or while loading). */
  previous: SliceCase | null;
  next: SliceCase | null;
  error: string | null;
  /** Fetches the slice again (after a decision: its consensus and history changed). */
  reload(): Promise<SliceCase | null>;
}

/**
 * Both reads, the overlap and the consensus history of one slice, with its neighbours for the
 * previous / next views. Answers for a slice the coordinator has already left are dropped.
 * `images` is the series' image list in its order (the viewer's slice list; null while it loads):
 * the core is asked by image, the screen navigates by position.
 */
export function useSliceCase(api: HostApi, seriesId: number, sliceIndex: number, images: readonly ImageRef[] | null): LoadedCase {
  const [current, setCurrent] = useState<SliceCase | null>(null);
  const [previous, setPrevious] = useState<SliceCase | null>(null);
  const [next, setNext] = useState<SliceCase | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setCurrent((c) => (c && c.seriesId === seriesId && c.sliceIndex === sliceIndex ? c : null));
    setError(null);
    const image = images?.[sliceIndex];
    if (!images) return;
    if (!image) {
      setError(`Series ${seriesId} has no slice ${sliceIndex + 1}.`);
      return;
    }
    api.adjudication.slice({ seriesId, image }).then(
      (c) => {
        if (!live) return;
        setCurrent(c);
        const around = (i: number, set: (c: SliceCase | null) => void) => {
          const neighbour = images[i];
          if (i < 0 || i >= c.sliceCount || !neighbour) return set(null);
          api.adjudication.slice({ seriesId, image: neighbour }).then((n) => live && set(n), () => live && set(null));
        };
        around(sliceIndex - 1, setPrevious);
        around(sliceIndex + 1, setNext);
      },
      (e: Error) => live && setError(`Could not load slice ${sliceIndex + 1} of series ${seriesId}: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [api, seriesId, sliceIndex, images]);

  const reload = useCallback(async () => {
    const image = images?.[sliceIndex];
    if (!image) return null;
    try {
      const c = await api.adjudication.slice({ seriesId, image });
      setCurrent(c);
      return c;
    } catch (e) {
      setError(`Could not reload slice ${sliceIndex + 1} of series ${seriesId}: ${(e as Error).message}`);
      return null;
    }
  }, [api, seriesId, sliceIndex, images]);

  return { current, previous, next, error, reload };
}
