import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SlicePixels } from '../../../../shared/model/imaging';
import { ErrorBanner } from '../../app/ErrorBanner';
import { SliceStage } from '../../canvas/SliceStage';
import { renderFakeColor, renderGrey } from '../../editor/display/render-slice';
import { dragWindow, WINDOW_PRESETS, type WindowLevel } from '../../editor/display/windowing';
import type { ImagePoint } from '../../editor/geometry';
import { matchShortcut } from '../../editor/shortcuts';
import type { Viewport } from '../../editor/viewport';
import { useHost } from '../../host/host-context';
import { NeighbourStrip } from './NeighbourStrip';
import { useSeriesPixels } from './use-series-pixels';

/** The slice viewer: scroll, window/level, zoom/pan, pixel readout, neighbours and fake-color. */
export function ViewerPage({ seriesId, onBack }: { seriesId: number; onBack: () => void }) {
  const host = useHost();
  const [index, setIndex] = useState(0);
  const px = useSeriesPixels(host, seriesId, index);
  const { detail, slices, range } = px;
  const count = detail?.sliceList.length ?? 0;
  const [windowLevel, setWindowLevel] = useState<WindowLevel | null>(null);
  const [preset, setPreset] = useState('auto');
  const [fakeColor, setFakeColor] = useState(false);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [hover, setHover] = useState<ImagePoint | null>(null);
  const dragStart = useRef<WindowLevel | null>(null);

  // A preset follows the series' range as slices finish decoding; a hand-set window stays.
  useEffect(() => {
    const p = WINDOW_PRESETS.find((x) => x.id === preset);
    if (range && p) setWindowLevel(p.from(range));
  }, [range, preset]);

  const go = useCallback((i: number) => setIndex(Math.max(0, Math.min(count - 1, i))), [count]);
  const step = useCallback((d: number) => setIndex((cur) => Math.max(0, Math.min(count - 1, cur + d))), [count]);
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
    if (!fakeColor) return renderGrey(current, windowLevel);
    const prev = slices[Math.max(0, index - 1)] ?? current;
    const next = slices[Math.min(count - 1, index + 1)] ?? current;
    return renderFakeColor(prev, current, next, windowLevel);
  }, [current, windowLevel, fakeColor, slices, index, count]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      const presetByKey = WINDOW_PRESETS.find((p) => p.key === e.key);
      if (presetByKey) return applyPreset(presetByKey.id);
      if (e.key === 'r' || e.key === 'R') return setFakeColor((f) => !f);
      if (e.key === 'End') return go(count - 1);
      const action = matchShortcut(e);
      if (!action) return;
      e.preventDefault();
      if (action === 'nextSlice') step(1);
      else if (action === 'previousSlice') step(-1);
      else if (action === 'zoomIn' && viewport) setViewport(viewport.zoomIn());
      else if (action === 'zoomOut' && viewport) setViewport(viewport.zoomOut());
      else if (action === 'fit' && viewport) setViewport(viewport.fitToWindow());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [applyPreset, go, step, count, viewport]);

  const readout = hover && current ? pixelReadout(current, hover) : null;
  const info = detail?.sliceList[index];

  return (
    <div className="viewer">
      <div className="viewer-toolbar" role="toolbar" aria-label="Viewer">
        <button onClick={onBack} title="Back to the list">
          ← Series
        </button>
        <span className="viewer-title">
          {detail ? `${detail.patient} · ${detail.segment ?? 'segment?'} · ${detail.description ?? ''}` : 'Loading…'}
        </span>
        <span className="spacer" />
        {WINDOW_PRESETS.map((p) => (
          <button key={p.id} className={preset === p.id ? 'toggled' : ''} onClick={() => applyPreset(p.id)} title={`${p.label} window (${p.key})`}>
            {p.label}
          </button>
        ))}
        <button className={fakeColor ? 'toggled' : ''} aria-pressed={fakeColor} onClick={() => setFakeColor((f) => !f)} title="Previous / current / next slice as red / green / blue, as the model sees them (R)">
          Fake-color
        </button>
        <button onClick={() => viewport && setViewport(viewport.fitToWindow())} title="Fit to window (0)">
          Fit
        </button>
      </div>
      <ErrorBanner message={px.error} onDismiss={() => undefined} />
      <div className="viewer-body">
        <SliceStage
          rgba={rgba}
          width={detail?.columns ?? 0}
          height={detail?.rows ?? 0}
          viewport={viewport}
          onViewport={setViewport}
          onWheelSlice={step}
          panWithLeft={true}
          onHover={setHover}
          onWindowDrag={(phase, dx, dy) => {
            if (!windowLevel || !range) return;
            if (phase === 'start') dragStart.current = windowLevel;
            else if (dragStart.current) {
              setPreset('custom');
              setWindowLevel(dragWindow(dragStart.current, dx, dy, range));
            }
          }}
        />
        <NeighbourStrip slices={slices} index={index} count={count} windowLevel={windowLevel} onPick={go} />
      </div>
      <div className="viewer-status" aria-label="Slice status">
        <input
          type="range"
          min={1}
          max={Math.max(1, count)}
          value={index + 1}
          onChange={(e) => go(Number(e.target.value) - 1)}
          aria-label="Slice"
          className="slice-slider"
        />
        <span data-testid="slice-number">
          Slice {count ? index + 1 : 0} / {count}
        </span>
        {info?.position != null && <span className="muted">pos {info.position.toFixed(1)} mm</span>}
        {info?.instanceNumber != null && <span className="muted">#{info.instanceNumber}</span>}
        {windowLevel && (
          <span className="muted" data-testid="window-level">
            W {Math.round(windowLevel.width)} / L {Math.round(windowLevel.center)}
          </span>
        )}
        {viewport && <span className="muted">zoom {Math.round(viewport.zoom * 100)}%</span>}
        <span className="spacer" />
        {readout && <span data-testid="pixel-readout">{readout}</span>}
        {px.loaded < count && <span className="muted">decoding {px.loaded}/{count}…</span>}
      </div>
    </div>
  );
}

function pixelReadout(s: SlicePixels, p: ImagePoint): string {
  const x = Math.floor(p.x);
  const y = Math.floor(p.y);
  const stored = s.stored[y * s.width + x]!;
  const value = stored * s.slope + s.intercept;
  return s.slope === 1 && s.intercept === 0 ? `(${x}, ${y}) value ${stored}` : `(${x}, ${y}) stored ${stored} · value ${value.toFixed(2)}`;
}
