import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SeriesRead } from '../../../../shared/model/reading';
import { ErrorBanner } from '../../app/ErrorBanner';
import { RoiLayer } from '../../canvas/RoiLayer';
import { SliceStage } from '../../canvas/SliceStage';
import { SuggestionLayer } from '../../canvas/SuggestionLayer';
import { ToolPreviewLayer } from '../../canvas/ToolPreviewLayer';
import { WINDOW_PRESETS } from '../../editor/display/windowing';
import type { ImagePoint } from '../../editor/geometry';
import { matchShortcut, type ShortcutAction } from '../../editor/shortcuts';
import { useHost } from '../../host/host-context';
import { pixelReadout } from '../viewer/pixel-readout';
import { useDisplayImage } from '../viewer/use-display-image';
import { useSeriesPixels } from '../viewer/use-series-pixels';
import { ConflictBanner } from './ConflictBanner';
import { Icons } from './icons';
import { ReaderSidePanel } from './ReaderSidePanel';
import { ReadingWorkspace } from './reading-workspace';
import { SaveStatusBadge } from './SaveStatus';
import { ShortcutsPanel } from './ShortcutsPanel';
import { SliceLabelStrip } from './SliceLabelStrip';
import { SuggestionPanel } from './SuggestionPanel';
import { SuggestionView } from './suggestion-view';
import { ToolRail } from './ToolRail';

/** Shortcuts that change the read: refused with a word of explanation while it is locked. */
const EDITING: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'markPresent', 'markAbsent', 'toolBrush', 'toolEraser', 'toolLasso', 'toolPolygon', 'fillHoles',
  'removeIslands', 'copyFromPreviousSlice', 'copyFromNextSlice', 'undo', 'redo', 'brushSizeDown', 'brushSizeUp',
]);

const SLOT_WORDS: Record<SeriesRead['slot'], string> = { reader1: 'Reader 1', reader2: 'Reader 2', comparison: 'Comparison reader' };

/** Builds the workspace of a loaded read, and disposes of it when the view goes. */
export function ReaderView({ read, onBack }: { read: SeriesRead; onBack: () => void }) {
  const { api } = useHost();
  const [ws, setWs] = useState<ReadingWorkspace | null>(null);
  useEffect(() => {
    const workspace = new ReadingWorkspace(read, api.reading);
    setWs(workspace);
    return () => workspace.dispose();
  }, [read, api]);
  return ws ? <ReaderScreen ws={ws} onBack={onBack} /> : null;
}

function ReaderScreen({ ws, onBack }: { ws: ReadingWorkspace; onBack: () => void }) {
  const host = useHost();
  useSyncExternalStore(
    (l) => ws.subscribe(l),
    () => ws.version,
  );
  const { session, controller, read } = ws;
  const index = controller.sliceIndex;
  const px = useSeriesPixels(host, read.seriesId, read.lastSlice);
  const display = useDisplayImage(px, index);
  const [fitted, setFitted] = useState(false);
  const [hover, setHover] = useState<ImagePoint | null>(null);
  const [locking, setLocking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const locked = session.locked;
  const saveStatus = ws.saves.status();
  // The model's suggestions, when the study lets this reader see them (coordinators always).
  const suggestions = useMemo(() => new SuggestionView(ws), [ws]);
  useSyncExternalStore(
    (l) => suggestions.subscribe(l),
    () => suggestions.version,
  );
  useEffect(() => {
    let cancelled = false;
    host.api.reading.suggestions({ seriesId: ws.seriesId }).then(
      (r) => !cancelled && suggestions.load(r),
      (e: Error) => !cancelled && ws.notify(`The model's suggestions could not be loaded: ${e.message}`, 'error'),
    );
    return () => {
      cancelled = true;
    };
  }, [host, ws, suggestions]);

  // The connection state tells the save queue when to retry at once.
  useEffect(() => host.onStatus((s) => ws.saves.setOnline(s === 'open')), [host, ws]);

  // Leaving the page with unsaved changes: the browser asks first; the resume position goes out.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (ws.saves.pending > 0) e.preventDefault();
    };
    const pageHide = () => ws.flushPosition();
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('pagehide', pageHide);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('pagehide', pageHide);
    };
  }, [ws]);

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      const t = e.target;
      if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && t.type !== 'range' && t.type !== 'checkbox')) return;
      if (ws.showShortcuts && (e.key === 'Escape' || e.key === '?')) {
        ws.setShowShortcuts(false);
        e.preventDefault();
        return;
      }
      if (!ws.controller.panning && display.handleKey(e)) {
        e.preventDefault();
        return;
      }
      if (ws.session.locked) {
        const action = matchShortcut(e);
        if (action && EDITING.has(action)) {
          e.preventDefault();
          ws.notify('This read is locked; ask the coordinator to reopen it to change it.', 'info');
          return;
        }
      }
      if (!ws.controller.panning && suggestions.handleKey(e)) {
        e.preventDefault();
        return;
      }
      if (ws.controller.keyDown(e)) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => ws.controller.keyUp(e);
    const blur = () => ws.controller.keyUp({ key: ' ' });
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [ws, display, suggestions]);

  const lock = () => {
    setLocking(true);
    ws.lock().then(
      () => setLocking(false),
      (e: Error) => {
        setLocking(false);
        setError(e.message);
      },
    );
  };

  const detail = px.detail;
  const preview = controller.preview;
  const stroke = preview?.kind === 'stroke' ? preview : null;
  const shownMask = stroke ? stroke.working : session.mask(index);
  const label = session.label(index);
  const current = px.slices[index];
  const viewport = fitted ? controller.viewport : null;
  const tool = controller.toolId;
  const cursor = controller.panning ? 'grabbing' : tool === 'pan' ? 'grab' : (tool === 'brush' || tool === 'eraser') && hover ? 'none' : 'crosshair';

  return (
    <div className="reader" data-testid="reader" data-locked={locked}>
      <header className="reader-bar" role="toolbar" aria-label="Reader">
        <button type="button" onClick={onBack} title="Back to the worklist (your changes are saved as you go)">
          ← Worklist
        </button>
        <div className="reader-title">
          <strong>{detail?.patient ?? '…'}</strong>
          <span>{detail?.segment ?? 'segment?'}</span>
          <span className="muted">{detail?.description ?? ''}</span>
          <span className="slot-tag">{SLOT_WORDS[read.slot]}</span>
          {locked && (
            <span className="locked-tag" title="Read-only: the coordinator can reopen it">
              {Icons.lock()} Locked
            </span>
          )}
        </div>
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Window">
          {WINDOW_PRESETS.map((p) => (
            <button type="button" key={p.id} className={display.preset === p.id ? 'toggled' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => display.applyPreset(p.id)} title={`${p.label} window (${p.key})`}>
              {p.label}
            </button>
          ))}
        </div>
        <button type="button" className={display.fakeColor ? 'toggled' : ''} aria-pressed={display.fakeColor} onMouseDown={(e) => e.preventDefault()} onClick={() => display.setFakeColor(!display.fakeColor)} title="Previous / current / next slice as red / green / blue, as the model sees them (R)">
          Fake-color
        </button>
        <button type="button" className="icon-button" aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)" onMouseDown={(e) => e.preventDefault()} onClick={() => ws.setShowShortcuts(true)}>
          {Icons.keyboard()}
        </button>
        <SaveStatusBadge status={saveStatus} />
      </header>
      <ErrorBanner message={error ?? px.error} onDismiss={() => setError(null)} />
      <ConflictBanner ws={ws} />
      <div className="reader-body">
        <ToolRail controller={controller} locked={locked} />
        <div className="reader-center">
          <div className="stage-wrap">
            <SliceStage
              rgba={display.rgba}
              width={detail?.columns ?? 0}
              height={detail?.rows ?? 0}
              viewport={viewport}
              onViewport={(v) => {
                controller.setViewport(v);
                setFitted(true);
              }}
              onWheelSlice={(d) => controller.goToSlice(index + d)}
              onWindowDrag={display.onWindowDrag}
              onHover={setHover}
              panWithLeft={false}
              input={controller}
              cursor={cursor}
            >
              {viewport && (
                <RoiLayer
                  mask={shownMask}
                  version={stroke ?? `${index}:${session.version}`}
                  viewport={viewport}
                  opacity={controller.overlayOpacity}
                  outlineOnly={controller.outlineOnly}
                  visible={controller.overlayVisible || stroke !== null}
                />
              )}
              {viewport && suggestions.available && <SuggestionLayer mask={suggestions.drawn(index)} viewport={viewport} />}
              {viewport && !locked && <ToolPreviewLayer preview={preview} viewport={viewport} showCursor={hover !== null} />}
            </SliceStage>
            <div className="hud hud-top-left">
              <div>{detail?.patient}</div>
              <div className="muted">{detail ? `${detail.segment ?? ''} ${detail.description ?? ''}` : ''}</div>
            </div>
            <div className={`hud hud-top-right label-chip label-${label}`} data-testid="slice-label">
              {label === 'present' ? 'BME present' : label === 'absent' ? 'BME absent' : 'Unread'}
            </div>
            <div className="hud hud-bottom-left">
              <div data-testid="slice-number">
                Slice {index + 1} / {session.sliceCount}
              </div>
              {display.windowLevel && (
                <div className="muted">
                  W {Math.round(display.windowLevel.width)} · L {Math.round(display.windowLevel.center)}
                  {display.fakeColor ? ' · fake-color' : ''}
                </div>
              )}
              {viewport && <div className="muted">Zoom {Math.round(viewport.zoom * 100)}%</div>}
            </div>
            <div className="hud hud-bottom-right">
              {hover && current && <div data-testid="pixel-readout">{pixelReadout(current, hover)}</div>}
              {!locked && tool !== 'pan' && (
                <div className="muted">
                  {tool === 'brush' || tool === 'eraser' ? `${tool === 'brush' ? 'Brush' : 'Eraser'} r ${(tool === 'brush' ? controller.tools.brush : controller.tools.eraser).radius} px` : tool === 'lasso' ? 'Lasso' : 'Polygon'}
                </div>
              )}
              {px.loaded < (detail?.sliceList.length ?? 0) && (
                <div className="muted">
                  decoding {px.loaded}/{detail?.sliceList.length}…
                </div>
              )}
            </div>
            {ws.notice && (
              <div key={ws.notice.id} className={`notice notice-${ws.notice.tone}`} role={ws.notice.tone === 'error' ? 'alert' : 'status'}>
                {ws.notice.text}
              </div>
            )}
          </div>
          <SliceLabelStrip labels={session.allLabels()} current={index} onPick={(i) => controller.goToSlice(i)} suggested={suggestions.slices} />
        </div>
        <ReaderSidePanel ws={ws} locking={locking} onLock={lock}>
          <SuggestionPanel ws={ws} view={suggestions} />
        </ReaderSidePanel>
      </div>
      {ws.showShortcuts && <ShortcutsPanel onClose={() => ws.setShowShortcuts(false)} />}
    </div>
  );
}
