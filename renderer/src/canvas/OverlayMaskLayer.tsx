import type Konva from 'konva';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Circle, Group, Image as KonvaImage, Layer, Line, Shape } from 'react-konva';
import type { ImagePoint } from '../editor/geometry';
import type { Viewport } from '../editor/viewport';
import { overlayOutlineSegments } from './OverlayOutline';

/** A mask shaded in one colour: row-major 0/1 bytes, image size. */
export interface OverlayFill {
  data: Uint8Array;
  rgb: readonly [number, number, number];
  /** 0..1 */
  alpha: number;
}

/** A mask drawn as its pixel-edge outline, `width` in screen pixels at any zoom. */
export interface OverlayOutline {
  data: Uint8Array;
  css: string;
  width: number;
  dash?: number[];
}

export interface OverlayMaskLayerProps {
  /** Image size in pixels. */
  width: number;
  height: number;
  viewport: Viewport;
  /** Painted in order, each over the ones before ('over' compositing). */
  fills: readonly OverlayFill[];
  outlines: readonly OverlayOutline[];
  /** Changes whenever a mask's pixels change (masks may be updated in place while drawing). */
  version: unknown;
  /** An editing tool's outline under the cursor (brush or eraser), image pixels. */
  brush?: { center: ImagePoint; radius: number; erase: boolean } | null;
  /** A lasso or polygon in progress, image pixels. */
  path?: { points: readonly ImagePoint[]; css: string } | null;
  visible?: boolean;
}

/**
 * Masks over the image in image pixel coordinates: shaded pixels (nearest neighbour, so every
 * image pixel is a visible square when zoomed) and crisp outlines along the pixel edges. The
 * adjudication views use it for each reader's ROI, their union and intersection, and the
 * consensus being edited.
 */
export function OverlayMaskLayer({ width, height, viewport, fills, outlines, version, brush, path, visible = true }: OverlayMaskLayerProps) {
  const layer = useRef<Konva.Layer>(null);
  const canvas = useMemo(() => document.createElement('canvas'), []);
  // Outlines only change with the masks, not with the viewport.
  const segments = useMemo(() => outlines.map((o) => overlayOutlineSegments(o.data, width, height)), [outlines, width, height, version]);

  useLayoutEffect(() => {
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const image = new ImageData(width, height);
    const px = image.data;
    for (const f of fills) {
      const [r, g, b] = f.rgb;
      const a = f.alpha;
      for (let i = 0, j = 0; i < f.data.length; i++, j += 4) {
        if (!f.data[i]) continue;
        // 'Over' compositing of straight-alpha colours into the ImageData.
        const below = px[j + 3]! / 255;
        const out = a + below * (1 - a);
        px[j] = (r * a + px[j]! * below * (1 - a)) / out;
        px[j + 1] = (g * a + px[j + 1]! * below * (1 - a)) / out;
        px[j + 2] = (b * a + px[j + 2]! * below * (1 - a)) / out;
        px[j + 3] = out * 255;
      }
    }
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    layer.current?.batchDraw();
  }, [canvas, fills, width, height, version]);

  const onePx = 1 / viewport.zoom;
  return (
    <Layer ref={layer} listening={false} imageSmoothingEnabled={false} visible={visible}>
      <Group x={viewport.offsetX} y={viewport.offsetY} scaleX={viewport.zoom} scaleY={viewport.zoom}>
        {fills.length > 0 && <KonvaImage image={canvas} width={width} height={height} />}
        {outlines.map((o, k) => (
          <Shape
            key={k}
            stroke={o.css}
            strokeWidth={o.width}
            strokeScaleEnabled={false}
            dash={o.dash}
            sceneFunc={(ctx, shape) => {
              const s = segments[k];
              if (!s) return;
              ctx.beginPath();
              for (let i = 0; i < s.length; i += 4) {
                ctx.moveTo(s[i]!, s[i + 1]!);
                ctx.lineTo(s[i + 2]!, s[i + 3]!);
              }
              ctx.strokeShape(shape);
            }}
          />
        ))}
        {path && path.points.length > 1 && (
          <Line points={path.points.flatMap((p) => [p.x, p.y])} stroke={path.css} strokeWidth={1.5} strokeScaleEnabled={false} lineJoin="round" />
        )}
        {brush && (
          <>
            <Circle x={brush.center.x} y={brush.center.y} radius={brush.radius} stroke="rgba(0,0,0,0.6)" strokeWidth={3} strokeScaleEnabled={false} />
            <Circle
              x={brush.center.x}
              y={brush.center.y}
              radius={brush.radius}
              stroke={brush.erase ? '#7cc7ff' : '#ffd27a'}
              strokeWidth={1.25}
              strokeScaleEnabled={false}
              dash={brush.erase ? [3 * onePx, 3 * onePx] : undefined}
            />
          </>
        )}
      </Group>
    </Layer>
  );
}
