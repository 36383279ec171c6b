import type Konva from 'konva';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Image as KonvaImage, Layer, Stage } from 'react-konva';
import type { ImagePoint } from '../editor/geometry';
import { Viewport, wheelZoomFactor } from '../editor/viewport';

export interface SliceStageProps {
  /** RGBA pixels of the image to show (ImageData layout), image size width x height. */
  rgba: Uint8ClampedArray | null;
  width: number;
  height: number;
  viewport: Viewport | null;
  onViewport(v: Viewport): void;
  /** Wheel without Ctrl: +1 / -1 slice. */
  onWheelSlice(step: number): void;
  /** Right-drag: window/level change by the drag in screen pixels since the press. */
  onWindowDrag(phase: 'start' | 'move' | 'end', dx: number, dy: number): void;
  /** Pointer position in image coordinates (null when it leaves the image). */
  onHover(p: ImagePoint | null): void;
  /** Left-drag pans unless a drawing tool takes the pointer (later: reader tools). */
  panWithLeft: boolean;
  /** Extra Konva layers drawn over the image, in image coordinates (ROIs, previews). */
  children?: ReactNode;
}

/**
 * The slice on a Konva stage, placed by the editor's Viewport (image pixel coordinates to screen).
 * Mouse: wheel = slice, Ctrl+wheel = zoom at the cursor, left-drag = pan, middle-drag = pan,
 * right-drag = window/level.
 */
export function SliceStage(props: SliceStageProps) {
  const { rgba, width, height, viewport, onViewport } = props;
  const box = useRef<HTMLDivElement>(null);
  const imageNode = useRef<Konva.Image>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const canvas = useMemo(() => document.createElement('canvas'), []);
  const drag = useRef<{ button: number; x: number; y: number; last: { x: number; y: number } } | null>(null);

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

  useEffect(() => {
    if (!rgba || !width || !height) return;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    canvas.getContext('2d')!.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
    imageNode.current?.getLayer()?.batchDraw();
  }, [rgba, width, height, canvas]);

  const local = (e: { clientX: number; clientY: number }) => {
    const r = box.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  return (
    <div
      ref={box}
      className="slice-stage"
      data-testid="slice-stage"
      onContextMenu={(e) => e.preventDefault()}
      onWheel={(e) => {
        if (!viewport) return;
        if (e.ctrlKey || e.metaKey) onViewport(viewport.zoomAt(local(e), wheelZoomFactor(e.deltaY)));
        else props.onWheelSlice(e.deltaY > 0 ? 1 : -1);
      }}
      onPointerDown={(e) => {
        const p = local(e);
        drag.current = { button: e.button, x: p.x, y: p.y, last: p };
        (e.target as Element).setPointerCapture?.(e.pointerId);
        if (e.button === 2) props.onWindowDrag('start', 0, 0);
      }}
      onPointerMove={(e) => {
        const p = local(e);
        if (viewport) {
          const ip = viewport.screenToImage(p);
          props.onHover(ip.x >= 0 && ip.y >= 0 && ip.x < width && ip.y < height ? ip : null);
        }
        const d = drag.current;
        if (!d || !viewport) return;
        if (d.button === 2) props.onWindowDrag('move', p.x - d.x, p.y - d.y);
        else if (d.button === 1 || (d.button === 0 && props.panWithLeft)) onViewport(viewport.panBy(p.x - d.last.x, p.y - d.last.y));
        d.last = p;
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = null;
        if (d?.button === 2) {
          const p = local(e);
          props.onWindowDrag('end', p.x - d.x, p.y - d.y);
        }
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
