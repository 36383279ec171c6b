import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Image as KonvaImage, Layer, Stage } from 'react-konva';
import type { ImagePoint, ScreenPoint } from '../editor/geometry';
import type { ScreenPointer } from '../editor/readerController';
import { Viewport, wheelZoomFactor } from '../editor/viewport';
import { WheelSliceSteps, wheelDeltaPixels } from '../editor/wheel-slices';
import { useImageCanvas } from './use-image-canvas';

export interface SliceStageProps {
  /** RGBA pixels of the image to show (ImageData layout), image size width x height. */
  rgba: Uint8ClampedArray | null;
  width: number;
  height: number;
  viewport: Viewport | null;
  onViewport(v: Viewport): void;
  /** Wheel without Ctrl: slices to move (summed travel, see WheelSliceSteps; signed). */
  onWheelSlice(step: number): void;
  /** Right-drag: window/level change by the drag in screen pixels since the press. */
  onWindowDrag(phase: 'start' | 'move' | 'end', dx: number, dy: number): void;
  /** Pointer position in image coordinates (null when it leaves the image). */
  onHover(p: ImagePoint | null): void;
  /** Left-drag pans unless a drawing tool takes the pointer (`input`). */
  panWithLeft: boolean;
  /**
   * The reader's tools: when given, the left and middle buttons and the wheel go here (screen
   * coordinates) instead of panning and slice scrolling; the right button stays window/level.
   */
  input?: StageInput;
  /** CSS cursor over the image (the reader view hides it under the brush outline). */
  cursor?: string;
  /** Extra Konva layers drawn over the image, in image coordinates (ROIs, previews). */
  children?: ReactNode;
}

/** Pointer input in screen coordinates (CSS pixels from the stage's top-left), e.g. the ReaderController. */
export interface StageInput {
  pointerDown(p: ScreenPointer): void;
  pointerMove(p: ScreenPointer): void;
  pointerUp(p: ScreenPointer): void;
  /** deltaY in CSS pixels; Ctrl (or Cmd, or a pinch) zooms. */
  wheel(at: ScreenPoint, deltaY: number, ctrlKey: boolean): void;
}

/** Two presses closer than this in time (ms) and space (CSS px) make a double click. */
const DOUBLE_CLICK_MS = 400;
const DOUBLE_CLICK_PX = 6;

/**
 * The slice on a Konva stage, placed by the editor's Viewport (image pixel coordinates to screen).
 * Mouse: wheel = slice, Ctrl+wheel = zoom at the cursor, left-drag = pan, middle-drag = pan,
 * right-drag = window/level. With `input` (the reader's tools) the left and middle buttons and the
 * wheel go to the input instead, including a middle button pressed in the middle of a left drag
 * (browsers report that as a pointer move with other buttons, not as a second press).
 */
export function SliceStage(props: SliceStageProps) {
  const { rgba, width, height, viewport, onViewport } = props;
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const { canvas, imageNode } = useImageCanvas(rgba, width, height);
  const drag = useRef<{ button: number; x: number; y: number; last: { x: number; y: number }; buttons: number } | null>(null);
  const lastPress = useRef<{ t: number; x: number; y: number } | null>(null);
  const input = props.input;

  useEffect(() => {
    const el = box.current!;
    const observer = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!size.w || !size.h || !width || !height) return;
    const dpr = window.devicePixelRatio || 1;
    onViewport(viewport ? viewport.resize(size.w, size.h, dpr) : Viewport.fit({ imageWidth: width, imageHeight: height, canvasWidth: size.w, canvasHeight: size.h, devicePixelRatio: dpr }));
    // Only size changes re-fit; the viewport itself is owned by the parent.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size.w, size.h, width, height]);


  const local = (e: { clientX: number; clientY: number }) => {
    const r = box.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  // The wheel needs a non-passive native listener: React's is passive, and Ctrl+wheel would
  // zoom the whole page instead of the image.
  const onWheel = useRef<(e: WheelEvent) => void>(() => undefined);
  const wheelSteps = useRef(new WheelSliceSteps());
  onWheel.current = (e: WheelEvent) => {
    e.preventDefault();
    if (!viewport || e.deltaY === 0) return;
    const delta = wheelDeltaPixels(e.deltaY, e.deltaMode);
    if (input) input.wheel(local(e), delta, e.ctrlKey || e.metaKey);
    else if (e.ctrlKey || e.metaKey) onViewport(viewport.zoomAt(local(e), wheelZoomFactor(delta)));
    else {
      const steps = wheelSteps.current.add(delta);
      if (steps !== 0) props.onWheelSlice(steps);
    }
  };
  useEffect(() => {
    const el = box.current!;
    const listener = (e: WheelEvent) => onWheel.current(e);
    el.addEventListener('wheel', listener, { passive: false });
    return () => el.removeEventListener('wheel', listener);
  }, []);

  /** A middle button pressed or released during a left drag: pan without ending the stroke. */
  const chordedMiddle = (d: NonNullable<typeof drag.current>, buttons: number, p: ScreenPoint, e: { shiftKey: boolean }) => {
    if (!input || d.button === 1 || (buttons & 4) === (d.buttons & 4)) return;
    if (buttons & 4) input.pointerDown({ ...p, button: 1, shiftKey: e.shiftKey });
    else input.pointerUp({ ...p, button: 1 });
    d.buttons = buttons;
  };

  return (
    <div
      ref={box}
      className="slice-stage"
      data-testid="slice-stage"
      data-zoom={viewport?.zoom}
      data-offset-x={viewport?.offsetX}
      data-offset-y={viewport?.offsetY}
      style={props.cursor ? { cursor: props.cursor } : undefined}
      onContextMenu={(e) => e.preventDefault()}
      onPointerDown={(e) => {
        const p = local(e);
        drag.current = { button: e.button, x: p.x, y: p.y, last: p, buttons: e.buttons };
        (e.target as Element).setPointerCapture?.(e.pointerId);
        if (e.button === 2) props.onWindowDrag('start', 0, 0);
        else if (input && viewport) {
          const now = performance.now();
          const prev = lastPress.current;
          const clickCount = prev && now - prev.t < DOUBLE_CLICK_MS && Math.hypot(p.x - prev.x, p.y - prev.y) < DOUBLE_CLICK_PX ? 2 : 1;
          lastPress.current = clickCount === 2 ? null : { t: now, ...p };
          input.pointerDown({ ...p, ...modifiers(e), button: e.button, clickCount });
        }
      }}
      onPointerMove={(e) => {
        const p = local(e);
        if (viewport) {
          const ip = viewport.screenToImage(p);
          props.onHover(ip.x >= 0 && ip.y >= 0 && ip.x < width && ip.y < height ? ip : null);
        }
        const d = drag.current;
        if (input && viewport && d?.button !== 2) {
          if (d) chordedMiddle(d, e.buttons, p, e);
          input.pointerMove({ ...p, ...modifiers(e), button: d?.button });
          if (d) d.last = p;
          return;
        }
        if (!d || !viewport) return;
        if (d.button === 2) props.onWindowDrag('move', p.x - d.x, p.y - d.y);
        else if (d.button === 1 || (d.button === 0 && props.panWithLeft)) onViewport(viewport.panBy(p.x - d.last.x, p.y - d.last.y));
        d.last = p;
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = null;
        const p = local(e);
        if (d?.button === 2) props.onWindowDrag('end', p.x - d.x, p.y - d.y);
        else if (input && d) {
          if (d.buttons & 4 && d.button !== 1) input.pointerUp({ ...p, button: 1 });
          input.pointerUp({ ...p, ...modifiers(e), button: d.button });
        }
      }}
      onPointerCancel={(e) => {
        const d = drag.current;
        drag.current = null;
        if (input && d && d.button !== 2) input.pointerUp({ ...local(e), button: d.button });
      }}
      onPointerLeave={() => props.onHover(null)}
    >
      {size.w > 0 && (
        <Stage width={size.w} height={size.h} listening={false}>
          <Layer imageSmoothingEnabled={true}>
            {viewport && (
              <KonvaImage ref={imageNode} image={canvas} x={viewport.offsetX} y={viewport.offsetY} scaleX={viewport.zoom} scaleY={viewport.zoom} width={width} height={height} />
            )}
          </Layer>
          {viewport && props.children}
        </Stage>
      )}
    </div>
  );
}

function modifiers(e: { shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }) {
  return { shiftKey: e.shiftKey, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey };
}
