import type Konva from 'konva';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Group, Image as KonvaImage, Layer, Shape } from 'react-konva';
import type { SliceMask } from '../editor/mask/sliceMask';
import type { Viewport } from '../editor/viewport';
import { maskOutlineSegments } from './mask-outline';

/**
 * The model's suggestion colour: a cool cyan, the opposite of the reader's warm orange ROI
 * (RoiLayer), so a suggestion is never mistaken for the reader's own drawing.
 */
export const SUGGESTION_RGB: readonly [number, number, number] = [64, 224, 255];
export const SUGGESTION_CSS = `rgb(${SUGGESTION_RGB.join(', ')})`;

/** Diagonal hatching: every HATCH_PERIOD-th image pixel diagonal inside the mask is tinted. */
const HATCH_PERIOD = 4;
/** Dash pattern of the outline, screen (CSS) pixels. */
const DASH = [7, 5];

/**
 * A model suggestion over the image, in image pixel coordinates: hatched (not filled) with a
 * dashed outline, both cyan; a human ROI is filled orange with a solid outline. Draws nothing
 * without a mask.
 */
export function SuggestionLayer({ mask, viewport, visible = true }: { mask: SliceMask | null; viewport: Viewport; visible?: boolean }) {
  const layer = useRef<Konva.Layer>(null);
  const canvas = useMemo(() => document.createElement('canvas'), []);
  const lines = useMemo(() => (mask ? chainOutline(maskOutlineSegments(mask)) : []), [mask]);

  useLayoutEffect(() => {
    if (!mask) return;
    if (canvas.width !== mask.width || canvas.height !== mask.height) {
      canvas.width = mask.width;
      canvas.height = mask.height;
    }
    const image = new ImageData(mask.width, mask.height);
    const px = image.data;
    const [r, g, b] = SUGGESTION_RGB;
    for (let row = 0, i = 0; row < mask.height; row++) {
      for (let col = 0; col < mask.width; col++, i++) {
        if (!mask.data[i]) continue;
        const j = i * 4;
        const stripe = (col + row) % HATCH_PERIOD === 0;
        px[j] = r;
        px[j + 1] = g;
        px[j + 2] = b;
        // A faint wash everywhere inside, and the stripes stronger: readable on grey STIR.
        px[j + 3] = stripe ? 190 : 34;
      }
    }
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    layer.current?.batchDraw();
  }, [canvas, mask]);

  if (!mask) return null;
  const trace = (ctx: Konva.Context) => {
    ctx.beginPath();
    for (const line of lines) {
      ctx.moveTo(line[0]!, line[1]!);
      for (let k = 2; k < line.length; k += 2) ctx.lineTo(line[k]!, line[k + 1]!);
    }
  };
  return (
    <Layer ref={layer} listening={false} imageSmoothingEnabled={false} visible={visible}>
      <Group x={viewport.offsetX} y={viewport.offsetY} scaleX={viewport.zoom} scaleY={viewport.zoom}>
        <KonvaImage image={canvas} width={mask.width} height={mask.height} />
        {/* A dark line under the dashes keeps them visible on bright tissue. */}
        <Shape stroke="rgba(0, 0, 0, 0.55)" strokeWidth={3.2} strokeScaleEnabled={false} sceneFunc={(ctx, shape) => (trace(ctx), ctx.strokeShape(shape))} />
        <Shape stroke={SUGGESTION_CSS} strokeWidth={1.8} dash={DASH} strokeScaleEnabled={false} sceneFunc={(ctx, shape) => (trace(ctx), ctx.strokeShape(shape))} />
      </Group>
    </Layer>
  );
}

/**
 * Joins the outline's edge segments ([x0, y0, x1, y1, ...], pixel-corner coordinates) into
 * polylines, so a dash pattern runs along the outline instead of restarting at every edge.
 */
export function chainOutline(segments: Float32Array): number[][] {
  const n = segments.length / 4;
  const key = (x: number, y: number) => `${x},${y}`;
  const at = new Map<string, number[]>();
  for (let k = 0; k < n; k++) {
    for (const end of [0, 2]) {
      const id = key(segments[4 * k + end]!, segments[4 * k + end + 1]!);
      const list = at.get(id);
      if (list) list.push(k);
      else at.set(id, [k]);
    }
  }
  const used = new Uint8Array(n);
  const lines: number[][] = [];
  for (let start = 0; start < n; start++) {
    if (used[start]) continue;
    used[start] = 1;
    const line = [segments[4 * start]!, segments[4 * start + 1]!, segments[4 * start + 2]!, segments[4 * start + 3]!];
    for (;;) {
      const x = line[line.length - 2]!;
      const y = line[line.length - 1]!;
      const next = at.get(key(x, y))?.find((k) => !used[k]);
      if (next === undefined) break;
      used[next] = 1;
      const sameStart = segments[4 * next] === x && segments[4 * next + 1] === y;
      line.push(sameStart ? segments[4 * next + 2]! : segments[4 * next]!, sameStart ? segments[4 * next + 3]! : segments[4 * next + 1]!);
    }
    lines.push(line);
  }
  return lines;
}
