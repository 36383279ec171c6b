import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SliceCase } from '../../../../shared/model/adjudication';
import { AdjudicationStage } from '../../canvas/AdjudicationStage';
import { OverlayMaskLayer, type OverlayFill, type OverlayOutline } from '../../canvas/OverlayMaskLayer';
import type { Viewport } from '../../editor/viewport';
import { CONSENSUS_RGB, css, INTERSECTION_RGB, READER1_RGB, READER2_RGB, UNION_RGB, type CaseMasks } from './case-masks';
import type { ConsensusEdit } from './consensus-edit';
import { sharedViewOf, viewportFor, type SharedView, type StageSize } from './shared-view';
import type { WindowControl } from './use-window';

export interface CaseViewsProps {
  slice: SliceCase;
  masks: CaseMasks;
  /** The slice's pixels under the current window, or null while it decodes. */
  rgba: Uint8ClampedArray | null;
  view: SharedView;
  onView(v: SharedView): void;
  windowControl: WindowControl;
  /** The consensus draft while the coordinator edits, else null. */
  edit: ConsensusEdit | null;
  /** Draw the current consensus (green, dashed) on the overlay. */
  showConsensus: boolean;
  /** ROIs shown at all (V hides them to see the image beneath). */
  showRois: boolean;
  onStep(delta: number): void;
  /** Neighbour thumbnails, under the reader views. */
  neighbours: ReactNode;
}

type StageName = 'overlay' | 'reader1' | 'reader2';

/**
 * Reader 1, reader 2 and their overlay, sharing one zoom, centre and window: each reader's
 * outline in its colour, the union shaded lightly and the intersection strongly. While the
 * coordinator edits, the overlay becomes the drawing canvas of the consensus draft (green),
 * with the readers' outlines dashed for reference.
 */
export function CaseViews(props: CaseViewsProps) {
  const { slice, masks, rgba, view, onView, windowControl, edit, showRois } = props;
  const { width, height } = slice;
  const [sizes, setSizes] = useState<Partial<Record<StageName, StageSize>>>({});
  const setSize = (name: StageName) => (w: number, h: number, dpr: number) => setSizes((s) => ({ ...s, [name]: { width: w, height: h, devicePixelRatio: dpr } }));
  const vp = (name: StageName): Viewport | null => {
    const size = sizes[name];
    return size && width && height ? viewportFor(view, size, width, height) : null;
  };

  // While editing, the editor owns the overlay's viewport (its pan and zoom keys and the wheel);
  // the reader views follow it.
  const overlaySize = sizes.overlay;
  useEffect(() => {
    if (!edit || !overlaySize) return;
    const wanted = viewportFor(view, overlaySize, width, height);
    if (!sameViewport(wanted, edit.controller.viewport)) edit.controller.setViewport(wanted);
  }, [edit, overlaySize, view, width, height]);
  useEffect(() => {
    if (!edit) return;
    // Pointer moves change the brush preview too; only real pans and zooms become the shared view.
    let last = edit.controller.viewport;
    return edit.controller.subscribe(() => {
      const v = edit.controller.viewport;
      if (sameViewport(v, last)) return;
      last = v;
      onView(sharedViewOf(v));
    });
  }, [edit, onView]);

  const overlayFills = useMemo<OverlayFill[]>(
    () => [
      { data: masks.union, rgb: UNION_RGB, alpha: 0.16 },
      { data: masks.intersection, rgb: INTERSECTION_RGB, alpha: 0.42 },
    ],
    [masks],
  );
  const overlayOutlines = useMemo<OverlayOutline[]>(() => {
    const o: OverlayOutline[] = [
      { data: masks.reader1, css: css(READER1_RGB), width: 1.75 },
      { data: masks.reader2, css: css(READER2_RGB), width: 1.75 },
    ];
    if (props.showConsensus && masks.consensus) o.push({ data: masks.consensus, css: css(CONSENSUS_RGB), width: 1.25, dash: [5, 4] });
    return o;
  }, [masks, props.showConsensus]);
  const reader1Fills = useMemo<OverlayFill[]>(() => [{ data: masks.reader1, rgb: READER1_RGB, alpha: 0.3 }], [masks]);
  const reader1Outlines = useMemo<OverlayOutline[]>(() => [{ data: masks.reader1, css: css(READER1_RGB), width: 1.5 }], [masks]);
  const reader2Fills = useMemo<OverlayFill[]>(() => [{ data: masks.reader2, rgb: READER2_RGB, alpha: 0.3 }], [masks]);
  const reader2Outlines = useMemo<OverlayOutline[]>(() => [{ data: masks.reader2, css: css(READER2_RGB), width: 1.5 }], [masks]);

  const common = {
    rgba,
    width,
    height,
    onWindowDrag: windowControl.onWindowDrag,
    onWheelSlice: props.onStep,
    onViewport: (v: Viewport) => onView(sharedViewOf(v)),
  };
  const overlayViewport = edit ? (overlaySize ? edit.controller.viewport : null) : vp('overlay');

  return (
    <div className="adj-views">
      <div className="adj-main-view">
        {edit ? (
          <EditCanvas edit={edit} masks={masks} viewport={overlayViewport} common={common} onSize={setSize('overlay')} showRois={showRois} />
        ) : (
          <AdjudicationStage {...common} viewport={overlayViewport} onSize={setSize('overlay')} label="Overlay of both readers" testId="overlay-stage">
            {(v) => <OverlayMaskLayer width={width} height={height} viewport={v} fills={overlayFills} outlines={overlayOutlines} version={masks} visible={showRois} />}
          </AdjudicationStage>
        )}
        <div className="adj-hud adj-hud-top-left adj-legend" aria-label="Legend">
          {edit ? (
            <>
              <span><i style={{ background: css(CONSENSUS_RGB) }} /> consensus draft</span>
              <span><i className="dashed" style={{ borderColor: css(READER1_RGB) }} /> reader 1</span>
              <span><i className="dashed" style={{ borderColor: css(READER2_RGB) }} /> reader 2</span>
            </>
          ) : (
            <>
              <span><i className="line" style={{ borderColor: css(READER1_RGB) }} /> reader 1</span>
              <span><i className="line" style={{ borderColor: css(READER2_RGB) }} /> reader 2</span>
              <span><i style={{ background: css(INTERSECTION_RGB) }} /> both (intersection)</span>
              <span><i style={{ background: 'rgba(235,240,245,0.45)' }} /> either (union)</span>
              {props.showConsensus && masks.consensus && <span><i className="dashed" style={{ borderColor: css(CONSENSUS_RGB) }} /> consensus</span>}
            </>
          )}
        </div>
        <div className="adj-hud adj-hud-bottom-left">
          <div data-testid="adj-slice-number">
            Slice {slice.sliceIndex + 1} / {slice.sliceCount}
          </div>
          {windowControl.windowLevel && (
            <div className="muted">
              W {Math.round(windowControl.windowLevel.width)} · L {Math.round(windowControl.windowLevel.center)}
            </div>
          )}
          {overlayViewport && <div className="muted">Zoom {Math.round(overlayViewport.zoom * 100)}%</div>}
          {!rgba && <div className="muted">decoding the slice…</div>}
        </div>
      </div>
      <div className="adj-side-views">
        <ReaderPanel slot={1} slice={slice} pixels={masks.counts.reader1}>
          <AdjudicationStage {...common} viewport={vp('reader1')} onSize={setSize('reader1')} label="Reader 1" testId="reader1-stage">
            {(v) => <OverlayMaskLayer width={width} height={height} viewport={v} fills={reader1Fills} outlines={reader1Outlines} version={masks} visible={showRois} />}
          </AdjudicationStage>
        </ReaderPanel>
        <ReaderPanel slot={2} slice={slice} pixels={masks.counts.reader2}>
          <AdjudicationStage {...common} viewport={vp('reader2')} onSize={setSize('reader2')} label="Reader 2" testId="reader2-stage">
            {(v) => <OverlayMaskLayer width={width} height={height} viewport={v} fills={reader2Fills} outlines={reader2Outlines} version={masks} visible={showRois} />}
          </AdjudicationStage>
        </ReaderPanel>
        <div className="adj-neighbours">{props.neighbours}</div>
      </div>
    </div>
  );
}

function ReaderPanel({ slot, slice, pixels, children }: { slot: 1 | 2; slice: SliceCase; pixels: number; children: ReactNode }) {
  const side = slot === 1 ? slice.reader1 : slice.reader2;
  const rgb = slot === 1 ? READER1_RGB : READER2_RGB;
  const label = side.label === 'present' ? `BME present · ${pixels} px` : side.label === 'absent' ? 'BME absent' : 'unread';
  return (
    <section className="adj-reader" aria-label={`Reader ${slot}: ${side.name}`} title={`Reader ${slot}: ${side.name}`}>
      <header>
        <i className="swatch" style={{ background: css(rgb) }} />
        <strong>Reader {slot}</strong>
        <span className="muted">{side.name}</span>
        <span className="spacer" />
        <span className={`label-word label-${side.label}`} data-testid={`reader${slot}-label`}>
          {label}
        </span>
      </header>
      {children}
    </section>
  );
}

/** The overlay as the consensus draft's drawing canvas, with the readers' tools. */
function EditCanvas({ edit, masks, viewport, common, onSize, showRois }: { edit: ConsensusEdit; masks: CaseMasks; viewport: Viewport | null; common: Omit<Parameters<typeof AdjudicationStage>[0], 'viewport' | 'onSize' | 'label'>; onSize: (w: number, h: number, dpr: number) => void; showRois: boolean }) {
  const [hovering, setHovering] = useState(false);
  const draft = edit.shownMask();
  const preview = edit.controller.preview;
  const fills = useMemo<OverlayFill[]>(() => [{ data: draft.data, rgb: CONSENSUS_RGB, alpha: 0.38 }], [draft]);
  const outlines = useMemo<OverlayOutline[]>(
    () => [
      { data: masks.reader1, css: css(READER1_RGB), width: 1, dash: [4, 3] },
      { data: masks.reader2, css: css(READER2_RGB), width: 1, dash: [4, 3] },
      { data: draft.data, css: css(CONSENSUS_RGB), width: 1.75 },
    ],
    [masks, draft],
  );
  const brush =
    preview?.kind === 'brushCursor' && hovering
      ? { center: preview.center, radius: preview.radius, erase: preview.mode === 'erase' }
      : preview?.kind === 'stroke' && preview.points.length
        ? { center: preview.points[preview.points.length - 1]!, radius: preview.radius, erase: preview.mode === 'erase' }
        : null;
  const path = preview?.kind === 'lasso' ? { points: preview.points, css: '#ffd27a' } : preview?.kind === 'polygon' ? { points: preview.cursor ? [...preview.points, preview.cursor] : preview.points, css: '#ffd27a' } : null;
  const tool = edit.controller.toolId;
  const cursor = edit.controller.panning ? 'grabbing' : tool === 'pan' ? 'grab' : (tool === 'brush' || tool === 'eraser') && hovering ? 'none' : 'crosshair';
  return (
    <AdjudicationStage
      {...common}
      viewport={viewport}
      onSize={onSize}
      onViewport={(v) => edit.controller.setViewport(v)}
      onHover={(p) => setHovering(p !== null)}
      input={edit.controller}
      cursor={cursor}
      label="Consensus draft"
      testId="edit-stage"
    >
      {(v) => <OverlayMaskLayer width={masks.width} height={masks.height} viewport={v} fills={fills} outlines={outlines} version={`${edit.version}`} brush={brush} path={path} visible={showRois || preview?.kind === 'stroke'} />}
    </AdjudicationStage>
  );
}

/** Equal up to rounding: the shared view goes through a division and back. */
function sameViewport(a: Viewport, b: Viewport): boolean {
  return a.canvasWidth === b.canvasWidth && a.canvasHeight === b.canvasHeight && Math.abs(a.zoom - b.zoom) < 1e-6 * a.zoom && Math.abs(a.offsetX - b.offsetX) < 0.01 && Math.abs(a.offsetY - b.offsetY) < 0.01;
}
