import { useCallback, useEffect, useRef, useState } from 'react';
import { dragWindow, WINDOW_PRESETS, type RobustRange, type WindowLevel } from '../../editor/display/windowing';

export interface WindowControl {
  windowLevel: WindowLevel | null;
  /** 'auto' | 'edema' | 'full' | 'custom' (after a right-drag). */
  preset: string;
  applyPreset(id: string): void;
  /** Right-drag on any view: window and level as in the reader view. */
  onWindowDrag(phase: 'start' | 'move' | 'end', dx: number, dy: number): void;
}

/**
 * Window/level of the series on screen, shared by every view of the adjudication screen: the
 * reader view's presets (automatic STIR first) and right-drag. A new series starts at the
 * automatic window again; a custom window stays while the coordinator moves within a series.
 */
export function useWindow(range: RobustRange | null, seriesId: number | null): WindowControl {
  const [windowLevel, setWindowLevel] = useState<WindowLevel | null>(null);
  const [preset, setPresetState] = useState('auto');
  const presetRef = useRef('auto');
  const setPreset = (id: string) => {
    presetRef.current = id;
    setPresetState(id);
  };
  const dragStart = useRef<WindowLevel | null>(null);

  useEffect(() => {
    setWindowLevel(null);
    setPreset('auto');
  }, [seriesId]);

  // The presets follow the series' range as its slices decode, until the coordinator sets one.
  useEffect(() => {
    const chosen = WINDOW_PRESETS.find((x) => x.id === presetRef.current);
    if (range && chosen) setWindowLevel(chosen.from(range));
  }, [range]);

  const applyPreset = useCallback(
    (id: string) => {
      const p = WINDOW_PRESETS.find((x) => x.id === id);
      if (!p || !range) return;
      setPreset(id);
      setWindowLevel(p.from(range));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [range],
  );

  const onWindowDrag = (phase: 'start' | 'move' | 'end', dx: number, dy: number) => {
    if (!windowLevel || !range) return;
    if (phase === 'start') dragStart.current = windowLevel;
    else if (dragStart.current) {
      setPreset('custom');
      setWindowLevel(dragWindow(dragStart.current, dx, dy, range));
      if (phase === 'end') dragStart.current = null;
    }
  };

  return { windowLevel, preset, applyPreset, onWindowDrag };
}
