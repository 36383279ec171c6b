import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Image as KonvaImage, Layer, Stage } from 'react-konva';
import type { ImagePoint, ScreenPoint } from '../editor/geometry';
import { Viewport, wheelZoomFactor } from '../editor/viewport';
import { WheelSliceSteps, wheelDeltaPixels } from '../editor/wheel-slices';
import { useImageCanvas } from './use-image-canvas';

/** Pointer input in screen coordinates (CSS pixels from the stage's top-left): the editor's ReaderController fits. */
export interface AdjudicationStageInput {
  pointerDown(p: ScreenPoint & { button: number; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): void;
  pointerMove(p: ScreenPoint & { button?: number; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): void;
  pointerUp(p: ScreenPoint & { button: number }): void;
  wheel(at: ScreenPoint, deltaY: number, ctrlKey: boolean): void;
}

export interface AdjudicationStageProps {
  /** RGBA pixels of the slice (ImageData layout), image size width x height. */
  rgba: Uint8ClampedArray | null;
  width: number;
  height: number;
  /** Where the image sits; null until the parent has one for this stage's size. */
  viewport: Viewport | null;
  /** The stage's size in CSS pixels and the screen's pixel ratio, whenever it changes. */
  onSize(width: number, height: number, devicePixelRatio: number): void;
  /** Zoom (Ctrl+wheel) and pan (left or middle drag) without an input. */
  onViewport(v: Viewport): void;
  /** Right-drag: window/level change by the drag in screen pixels since the press. */
  onWindowDrag(phase: 'start' | 'move' | 'end', dx: number, dy: number): void;
  /** Plain wheel without an input: slices to move (summed travel, see WheelSliceSteps; signed). */
  onWheelSlice?(step: number): void;
  /** Pointer position in image pixels (null when it leaves the image). */
  onHover?(p: ImagePoint | null): void;
  /** Drawing tools: when given, left and middle buttons and the wheel go here; the right button stays window/level. */
  input?: AdjudicationStageInput;
  cursor?: string;
  /** Accessible name of the view ('Reader 1', 'Overlay' ...). */
  label: string;
  testId?: string;
  /** Konva layers over the image, given the viewport (image pixel coordinates). */
  children?: (viewport: Viewport) => ReactNode;
}

/**
 * A slice on a Konva stage for the adjudication screen. Unlike the reader's stage it does not fit
 * itself: it reports its size and the parent places the image, so the reader 1, reader 2 and
 * overlay views can share one zoom and centre. Mouse: wheel = slice, Ctrl+wheel = zoom at the
 * cursor, left or middle drag = pan, right drag = window/level; with `input` the left and middle
 * buttons and the wheel go to the drawing tools.
 */
export function AdjudicationStage(props: AdjudicationStageProps) {
  const { rgba, width, height, viewport, input } = props;
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const { canvas, imageNode } = useImageCanvas(rgba, width, height);
  const drag = useRef<{ button: number; x: number; y: number; start: Viewport | null } | null>(null);
  const onSize = useRef(props.onSize);
  onSize.current = props.onSize;

  useEffect(() => {
    const el = box.current!;
    const measure = () => {
      setSize({ w: el.clientWidth, h: el.clientHeight });
      if (el.clientWidth > 0 && el.clientHeight > 0) onSize.current(el.clientWidth, el.clientHeight, window.devicePixelRatio || 1);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);


  const local = (e: { clientX: number; clientY: number }) => {
    const r = box.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  // React's wheel listener is passive; Ctrl+wheel would zoom the whole page instead of the image.
  const onWheel = useRef<(e: WheelEvent) => void>(() => undefined);
  const wheelSteps = useRef(new WheelSliceSteps());
  onWheel.current = (e: WheelEvent) => {
    e.preventDefault();
    if (!viewport || e.deltaY === 0) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const delta = wheelDeltaPixels(e.deltaY, e.deltaMode);
    if (input) input.wheel(local(e), delta, ctrl);
    else if (ctrl) props.onViewport(viewport.zoomAt(local(e), wheelZoomFactor(delta)));
    else {
      const steps = wheelSteps.current.add(delta);
      if (steps !== 0) props.onWheelSlice?.(steps);
    }
  };
  useEffect(() => {
    const el = box.current!;
    const listener = (e: WheelEvent) => onWheel.current(e);
    el.addEventListener('wheel', listener, { passive: false });
    return () => el.removeEventListener('wheel', listener);
  }, []);

  const keys = (e: { shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }) => ({ shiftKey: e.shiftKey, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey });

  return (
    <div
      ref={box}
      className="adj-stage"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      data-zoom={viewport?.zoom}
      style={props.cursor ? { cursor: props.cursor } : undefined}
      onContextMenu={(e) => e.preventDefault()}
      onPointerDown={(e) => {
        const p = local(e);
        drag.current = { button: e.button, x: p.x, y: p.y, start: viewport };
        (e.target as Element).setPointerCapture?.(e.pointerId);
        if (e.button === 2) props.onWindowDrag('start', 0, 0);
        else if (input && viewport) input.pointerDown({ ...p, ...keys(e), button: e.button });
      }}
      onPointerMove={(e) => {
        const p = local(e);
        if (viewport && props.onHover) {
          const ip = viewport.screenToImage(p);
          props.onHover(ip.x >= 0 && ip.y >= 0 && ip.x < width && ip.y < height ? ip : null);
        }
        const d = drag.current;
        if (input && viewport && d?.button !== 2) {
          input.pointerMove({ ...p, ...keys(e), button: d?.button });
          return;
        }
        if (!d) return;
        if (d.button === 2) props.onWindowDrag('move', p.x - d.x, p.y - d.y);
        else if (d.start) props.onViewport(d.start.panBy(p.x - d.x, p.y - d.y));
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = null;
        const p = local(e);
        if (d?.button === 2) props.onWindowDrag('end', p.x - d.x, p.y - d.y);
        else if (input && d) input.pointerUp({ ...p, button: d.button });
      }}
      onPointerCancel={(e) => {
        const d = drag.current;
        drag.current = null;
        if (input && d && d.button !== 2) input.pointerUp({ ...local(e), button: d.button });
      }}
      onPointerLeave={() => props.onHover?.(null)}
    >
      {size.w > 0 && (
        <Stage width={size.w} height={size.h} listening={false}>
          <Layer imageSmoothingEnabled={true}>
            {viewport && <KonvaImage ref={imageNode} image={canvas} x={viewport.offsetX} y={viewport.offsetY} scaleX={viewport.zoom} scaleY={viewport.zoom} width={width} height={height} />}
          </Layer>
          {viewport && props.children?.(viewport)}
        </Stage>
      )}
    </div>
  );
}
