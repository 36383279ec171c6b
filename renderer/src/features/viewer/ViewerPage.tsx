import { useCallback, useEffect, useState } from 'react';
import { ErrorBanner } from '../../app/ErrorBanner';
import { SliceStage } from '../../canvas/SliceStage';
import { WINDOW_PRESETS } from '../../editor/display/windowing';
import type { ImagePoint } from '../../editor/geometry';
import { matchShortcut } from '../../editor/shortcuts';
import type { Viewport } from '../../editor/viewport';
import { useHost } from '../../host/host-context';
import { NeighbourStrip } from './NeighbourStrip';
import { pixelReadout } from './pixel-readout';
import { useDisplayImage } from './use-display-image';
import { useSeriesPixels } from './use-series-pixels';

/** The slice viewer: scroll, window/level, zoom/pan, pixel readout, neighbours and fake-color. */
export function ViewerPage({ seriesId, onBack }: { seriesId: number; onBack: () => void }) {
  const host = useHost();
  const [index, setIndex] = useState(0);
  const px = useSeriesPixels(host, seriesId, index);
  const { detail, slices } = px;
  const count = detail?.sliceList.length ?? 0;
  const display = useDisplayImage(px, index);
  const { windowLevel, preset, applyPreset, fakeColor, setFakeColor, rgba } = display;
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [hover, setHover] = useState<ImagePoint | null>(null);

  const go = useCallback((i: number) => setIndex(Math.max(0, Math.min(count - 1, i))), [count]);
  const step = useCallback((d: number) => setIndex((cur) => Math.max(0, Math.min(count - 1, cur + d))), [count]);
  const current = slices[index];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (display.handleKey(e)) return;
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
  }, [display, go, step, count, viewport]);

  const readout = hover && current ? pixelReadout(current, hover) : null;
  const info = detail?.sliceList[index];

  return (
    <div className="viewer">
      <div className="viewer-toolbar" role="toolbar" aria-label="Viewer">
        <button type="button" onClick={onBack} title="Back to the list">
          ← Series
        </button>
        <span className="viewer-title">
          {detail ? `${detail.patient} · ${detail.segment ?? 'segment?'} · ${detail.description ?? ''}` : 'Loading…'}
        </span>
        <span className="spacer" />
        {WINDOW_PRESETS.map((p) => (
          <button type="button" key={p.id} className={preset === p.id ? 'toggled' : ''} onClick={() => applyPreset(p.id)} title={`${p.label} window (${p.key})`}>
            {p.label}
          </button>
        ))}
        <button type="button" className={fakeColor ? 'toggled' : ''} aria-pressed={fakeColor} onClick={() => setFakeColor(!fakeColor)} title="Previous / current / next slice as red / green / blue, as the model sees them (R)">
          Fake-color
        </button>
        <button type="button" onClick={() => viewport && setViewport(viewport.fitToWindow())} title="Fit to window (0)">
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
          onWindowDrag={display.onWindowDrag}
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
