import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AdjudicationSettings, ConsensusDecision } from '../../../../shared/model/adjudication';
import { ErrorBanner } from '../../app/ErrorBanner';
import { renderGrey } from '../../editor/display/render-slice';
import { WINDOW_PRESETS } from '../../editor/display/windowing';
import { Viewport } from '../../editor/viewport';
import { useHost } from '../../host/host-context';
import { useSeriesPixels } from '../viewer/use-series-pixels';
import { caseMasks, reasonWords, type CaseMasks, type ResolveMethod } from './case-masks';
import { CaseViews } from './CaseViews';
import { ConsensusEdit } from './consensus-edit';
import { DecisionPanel, RESOLUTIONS } from './DecisionPanel';
import { EditPanel, SEED_WORDS, type EditSeed } from './EditPanel';
import { NeighbourThumb } from './NeighbourThumb';
import { FITTED, focusOn, type SharedView } from './shared-view';
import { useSliceCase } from './use-slice-case';
import { useWindow } from './use-window';

export interface CaseScreenProps {
  seriesId: number;
  sliceIndex: number;
  settings: AdjudicationSettings | null;
  /** The queue item's reason for this slice, if it is in the queue. */
  queueReason: { reason: string; dice: number | null } | null;
  queueNote: string | null;
  /** A decision was saved; resolves true when the screen moved on to another slice. */
  onDecided(decision: ConsensusDecision): Promise<boolean>;
  onNextItem(): void;
  onPreviousItem(): void;
  /** Show another slice of the same series (neighbours, arrow keys, wheel). */
  onGoSlice(index: number): void;
  /** True while a dialog is open over the screen: its keys are off. */
  paused: boolean;
}

const SEGMENT_WORD: Record<string, string> = { cervical: 'cervical', thoracic: 'thoracic', lumbar: 'lumbar' };

/** One slice to decide: the three views, its neighbours, and the decision or the consensus editor. */
export function CaseScreen(props: CaseScreenProps) {
  const host = useHost();
  const { api } = host;
  const { seriesId, sliceIndex } = props;
  const px = useSeriesPixels(host, seriesId, sliceIndex);
  const images = useMemo(() => px.detail?.sliceList.map((s) => s.image) ?? null, [px.detail]);
  const loaded = useSliceCase(api, seriesId, sliceIndex, images);
  const win = useWindow(px.range, seriesId);
  const [view, setView] = useState<SharedView>(FITTED);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [edit, setEdit] = useState<ConsensusEdit | null>(null);
  const [seed, setSeed] = useState<EditSeed>('union');
  const [showRois, setShowRois] = useState(true);
  const [showConsensus, setShowConsensus] = useState(true);
  useSyncExternalStore(
    useCallback((l: () => void) => edit?.subscribe(l) ?? (() => undefined), [edit]),
    () => edit?.version ?? -1,
  );

  const slice = loaded.current;
  const masks = useMemo(() => (slice ? caseMasks(slice) : null), [slice]);
  const pixels = px.slices[sliceIndex];
  const rgba = useMemo(() => (pixels && win.windowLevel ? renderGrey(pixels, win.windowLevel) : null), [pixels, win.windowLevel]);

  // Each slice opens centred on what the readers drew (Fit shows the whole image again).
  const focus = useCallback(() => masks && setView(focusOn(masks.union, masks.width, masks.height)), [masks]);
  const focusedCase = useRef<string | null>(null);
  useEffect(() => {
    const key = slice ? `${slice.seriesId}:${slice.sliceIndex}` : null;
    if (key && masks && focusedCase.current !== key) {
      focusedCase.current = key;
      setView(focusOn(masks.union, masks.width, masks.height));
    }
  }, [slice, masks]);
  useEffect(() => {
    setEdit(null);
    setReason('');
    setError(null);
  }, [seriesId, sliceIndex]);

  const seeds = useMemo<EditSeed[]>(() => {
    if (!masks) return [];
    const s: EditSeed[] = [];
    if (masks.consensus) s.push('consensus');
    s.push('union');
    if (masks.counts.intersection) s.push('intersection');
    if (masks.counts.reader1) s.push('reader1');
    if (masks.counts.reader2) s.push('reader2');
    s.push('empty');
    return s;
  }, [masks]);

  const startEdit = (from?: EditSeed) => {
    if (!slice || !masks) return;
    const chosen = from ?? (slice.consensus?.method === 'edited' ? 'consensus' : masks.counts.union ? 'union' : 'empty');
    const data = seedData(masks, chosen);
    const viewport = Viewport.fit({ imageWidth: slice.width, imageHeight: slice.height, canvasWidth: 512, canvasHeight: 512 });
    setSeed(chosen);
    setEdit(new ConsensusEdit(data, slice.width, slice.height, viewport, SEED_WORDS[chosen]));
  };

  const decide = async (method: ResolveMethod) => {
    if (!slice || busy) return;
    setBusy(true);
    setError(null);
    try {
      const decision = await api.adjudication.resolve({
        seriesId,
        image: slice.image,
        method,
        ...(method === 'edited' && edit ? { mask: edit.encoded() } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setEdit(null);
      setReason('');
      const moved = await props.onDecided(decision);
      if (!moved) await loaded.reload();
    } catch (e) {
      setError(`The decision for slice ${sliceIndex + 1} of ${slice.patient} ${slice.segment ?? ''} was not saved: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  // Keys: the resolutions on their letters, Enter for the next item, arrows for the neighbours;
  // while editing, the readers' tool keys and Ctrl+S to save.
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (props.paused || e.defaultPrevented) return;
      const t = e.target;
      const typing = t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && t.type !== 'checkbox' && t.type !== 'range');
      if (edit) {
        if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S' || e.key === 'Enter')) {
          e.preventDefault();
          void decide('edited');
          return;
        }
        if (typing) return;
        if (edit.keyDown(e)) e.preventDefault();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
      const resolution = RESOLUTIONS.find((r) => r.key === key);
      if (resolution) {
        e.preventDefault();
        if (!e.repeat) void decide(resolution.method);
        return;
      }
      const step = (d: number) => slice && props.onGoSlice(Math.max(0, Math.min(slice.sliceCount - 1, sliceIndex + d)));
      switch (key) {
        case 'E': if (!e.repeat) startEdit(); break;
        case 'Enter': if (e.shiftKey) props.onPreviousItem(); else props.onNextItem(); break;
        case 'ArrowUp': case 'PageUp': step(-1); break;
        case 'ArrowDown': case 'PageDown': step(1); break;
        case 'V': setShowRois((s) => !s); break;
        case 'C': setShowConsensus((s) => !s); break;
        case '0': case 'Home': setView(FITTED); break;
        case 'Z': focus(); break;
        case '+': case '=': setView((v) => ({ ...v, zoomOverFit: Math.min(32, v.zoomOverFit * Math.SQRT2) })); break;
        case '-': setView((v) => ({ ...v, zoomOverFit: Math.max(0.25, v.zoomOverFit / Math.SQRT2) })); break;
        default: return;
      }
      e.preventDefault();
    };
    const up = (e: KeyboardEvent) => edit?.keyUp(e);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  });

  const header = slice ? `${slice.patient} · ${SEGMENT_WORD[slice.segment ?? ''] ?? 'segment?'} · slice ${sliceIndex + 1}/${slice.sliceCount}` : `Series ${seriesId} · slice ${sliceIndex + 1}`;
  return (
    <div className="adj-case" data-testid="adj-case" data-series={seriesId} data-slice={sliceIndex} data-editing={edit !== null} data-image={rgba && slice ? 'shown' : 'loading'}>
      <header className="adj-bar" role="toolbar" aria-label="Slice">
        <div className="adj-title">
          <strong data-testid="case-title" title={header}>
            {header}
          </strong>
          {props.queueReason && <span className={`chip reason-${props.queueReason.reason}`}>{reasonWords(props.queueReason.reason, props.queueReason.dice, props.settings?.diceThreshold ?? null)}</span>}
          {edit && (
            <span className="chip chip-edit" title={`The draft started from ${edit.seedName}`}>
              editing
            </span>
          )}
        </div>
        <span className="spacer" />
        <div className="adj-segmented" role="group" aria-label="Window">
          {WINDOW_PRESETS.map((p) => (
            <button type="button" key={p.id} className={win.preset === p.id ? 'toggled' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => win.applyPreset(p.id)} title={`${p.label} window (right-drag on any view to adjust)`}>
              {p.label}
            </button>
          ))}
        </div>
        <button type="button" className={showRois ? '' : 'toggled'} aria-pressed={!showRois} onMouseDown={(e) => e.preventDefault()} onClick={() => setShowRois((s) => !s)} title="Hide the ROIs to see the image beneath (V)">
          Hide ROIs
        </button>
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={focus} title="Zoom to what the readers drew (Z)">
          Zoom to ROIs
        </button>
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => setView(FITTED)} title="Fit the image (0)">
          Fit
        </button>
      </header>
      <ErrorBanner message={error ?? loaded.error ?? px.error} onDismiss={() => setError(null)} />
      <div className="adj-case-body">
        {slice && masks ? (
          <CaseViews
            slice={slice}
            masks={masks}
            rgba={rgba}
            view={view}
            onView={setView}
            windowControl={win}
            edit={edit}
            showConsensus={showConsensus}
            showRois={showRois}
            onStep={(d) => props.onGoSlice(Math.max(0, Math.min(slice.sliceCount - 1, sliceIndex + d)))}
            neighbours={
              <>
                <NeighbourThumb which="previous" slice={loaded.previous} pixels={px.slices[sliceIndex - 1]} windowLevel={win.windowLevel} onPick={() => props.onGoSlice(sliceIndex - 1)} />
                <NeighbourThumb which="next" slice={loaded.next} pixels={px.slices[sliceIndex + 1]} windowLevel={win.windowLevel} onPick={() => props.onGoSlice(sliceIndex + 1)} />
              </>
            }
          />
        ) : (
          <div className="adj-views">
            <p className="muted center">{loaded.error ? '' : 'Loading the slice…'}</p>
          </div>
        )}
        {slice && masks && edit && (
          <EditPanel edit={edit} seed={seed} seeds={seeds} onSeed={(s) => startEdit(s)} reason={reason} onReason={setReason} busy={busy} onSave={() => void decide('edited')} onDiscard={() => setEdit(null)} />
        )}
        {slice && masks && !edit && (
          <DecisionPanel
            slice={slice}
            masks={masks}
            diceThreshold={props.settings?.diceThreshold ?? null}
            reason={reason}
            onReason={setReason}
            busy={busy}
            onResolve={(m) => void decide(m)}
            onEdit={() => startEdit()}
            onNext={props.onNextItem}
            onPrevious={props.onPreviousItem}
            queueNote={props.queueNote}
          />
        )}
      </div>
    </div>
  );
}

function seedData(masks: CaseMasks, seed: EditSeed): Uint8Array {
  switch (seed) {
    case 'union': return masks.union;
    case 'intersection': return masks.intersection;
    case 'reader1': return masks.reader1;
    case 'reader2': return masks.reader2;
    case 'consensus': return masks.consensus ?? new Uint8Array(masks.width * masks.height);
    case 'empty': return new Uint8Array(masks.width * masks.height);
  }
}
