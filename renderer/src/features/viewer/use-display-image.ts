import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { renderFakeColorCached, renderGreyCached } from '../../editor/display/render-cache';
import { dragWindow, WINDOW_PRESETS, type WindowLevel } from '../../editor/display/windowing';
import type { SeriesPixels } from './use-series-pixels';

export interface DisplayImage {
  /** RGBA pixels of the slice in view, or null while it decodes. */
  rgba: Uint8ClampedArray | null;
  windowLevel: WindowLevel | null;
  /** 'auto' | 'edema' | 'full' | 'custom' (after a right-drag). */
  preset: string;
  applyPreset(id: string): void;
  fakeColor: boolean;
  setFakeColor(on: boolean): void;
  /** SliceStage's onWindowDrag: right-drag changes window and level. */
  onWindowDrag(phase: 'start' | 'move' | 'end', dx: number, dy: number): void;
  /** The viewer's own keys (1-3 presets, R fake-color); true when used. */
  handleKey(e: KeyboardEvent): boolean;
}

/**
 * How the slice in view is shown: window/level (presets, right-drag) and grey or the paper's
 * fake-color (previous / current / next as R / G / B). Shared by the viewer and the reader view.
 */
export function useDisplayImage(px: SeriesPixels, index: number): DisplayImage {
  const { slices, range } = px;
  const count = px.detail?.sliceList.length ?? 0;
  const [windowLevel, setWindowLevel] = useState<WindowLevel | null>(null);
  const [preset, setPreset] = useState('auto');
  const [fakeColor, setFakeColor] = useState(false);
  const dragStart = useRef<WindowLevel | null>(null);

  // A preset follows the series' range as slices finish decoding (the first range comes from the
  // first chunk only); a hand-set window ('custom') stays as the reader left it.
  useEffect(() => {
    const p = WINDOW_PRESETS.find((x) => x.id === preset);
    if (range && p) setWindowLevel(p.from(range));
  }, [range, preset]);

  const applyPreset = useCallback(
    (id: string) => {
      const p = WINDOW_PRESETS.find((x) => x.id === id);
      if (p && range) {
        setPreset(id);
        setWindowLevel(p.from(range));
      }
    },
    [range],
  );

  const current = slices[index];
  const rgba = useMemo(() => {
    if (!current || !windowLevel) return null;
    if (!fakeColor) return renderGreyCached(current, windowLevel);
    const prev = slices[Math.max(0, index - 1)] ?? current;
    const next = slices[Math.min(count - 1, index + 1)] ?? current;
    return renderFakeColorCached(prev, current, next, windowLevel);
  }, [current, windowLevel, fakeColor, slices, index, count]);

  // Render the neighbours while the reader looks at this slice, so the next key press only draws.
  useEffect(() => {
    if (!windowLevel) return;
    const timer = setTimeout(() => {
      for (const i of [index + 1, index - 1, index + 2, index - 2]) {
        const s = slices[i];
        if (!s) continue;
        if (!fakeColor) renderGreyCached(s, windowLevel);
        else renderFakeColorCached(slices[Math.max(0, i - 1)] ?? s, s, slices[Math.min(count - 1, i + 1)] ?? s, windowLevel);
      }
    }, 30);
    return () => clearTimeout(timer);
  }, [index, slices, windowLevel, fakeColor, count]);

  const onWindowDrag = (phase: 'start' | 'move' | 'end', dx: number, dy: number) => {
    if (!windowLevel || !range) return;
    if (phase === 'start') dragStart.current = windowLevel;
    else if (dragStart.current) {
      setPreset('custom');
      setWindowLevel(dragWindow(dragStart.current, dx, dy, range));
    }
  };

  const handleKey = (e: KeyboardEvent): boolean => {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    const presetByKey = WINDOW_PRESETS.find((p) => p.key === e.key);
    if (presetByKey) {
      applyPreset(presetByKey.id);
      return true;
    }
    if (e.key === 'r' || e.key === 'R') {
      setFakeColor((f) => !f);
      return true;
    }
    return false;
  };

  return { rgba, windowLevel, preset, applyPreset, fakeColor, setFakeColor, onWindowDrag, handleKey };
}
