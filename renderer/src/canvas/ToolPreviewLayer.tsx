import { Circle, Group, Layer, Line } from 'react-konva';
import type { ImagePoint } from '../editor/geometry';
import type { ToolPreview } from '../editor/tools/tool';
import type { Viewport } from '../editor/viewport';

const ADD = '#ffd27a';
const SUBTRACT = '#7cc7ff';

/**
 * What a tool shows while it works, in image pixel coordinates: the brush or eraser outline
 * under the cursor, the lasso path, the polygon's points with its rubber band. Line widths are
 * in screen pixels, so the marks stay thin at any zoom. (The stroke's pixels themselves are
 * shown by the RoiLayer, from the stroke's working mask.)
 */
export function ToolPreviewLayer({ preview, viewport, showCursor }: { preview: ToolPreview | null; viewport: Viewport; showCursor: boolean }) {
  if (!preview) return <Layer listening={false} />;
  const px = 1 / viewport.zoom; // one screen pixel in image pixels
  return (
    <Layer listening={false}>
      <Group x={viewport.offsetX} y={viewport.offsetY} scaleX={viewport.zoom} scaleY={viewport.zoom}>
        {renderPreview(preview, px, showCursor)}
      </Group>
    </Layer>
  );
}

function renderPreview(p: ToolPreview, px: number, showCursor: boolean) {
  switch (p.kind) {
    case 'brushCursor':
      return showCursor ? <BrushOutline center={p.center} radius={p.radius} erase={p.mode === 'erase'} /> : null;
    case 'stroke': {
      const last = p.points[p.points.length - 1];
      return last ? <BrushOutline center={last} radius={p.radius} erase={p.mode === 'erase'} /> : null;
    }
    case 'lasso': {
      const color = p.mode === 'add' ? ADD : SUBTRACT;
      const first = p.points[0];
      const last = p.points[p.points.length - 1];
      return (
        <>
          <Line points={flat(p.points)} stroke={color} strokeWidth={1.5} strokeScaleEnabled={false} lineJoin="round" />
          {first && last && <Line points={[last.x, last.y, first.x, first.y]} stroke={color} strokeWidth={1} dash={[4 * px, 4 * px]} strokeScaleEnabled={false} opacity={0.7} />}
        </>
      );
    }
    case 'polygon': {
      const color = p.mode === 'add' ? ADD : SUBTRACT;
      const points = p.cursor ? [...p.points, p.cursor] : p.points;
      return (
        <>
          <Line points={flat(points)} stroke={color} strokeWidth={1.5} strokeScaleEnabled={false} lineJoin="round" />
          {p.points.map((q, i) => (
            <Circle
              key={i}
              x={q.x}
              y={q.y}
              radius={(i === 0 && p.closable ? 6 : 3) * px}
              fill={i === 0 && p.closable ? color : '#111'}
              stroke={color}
              strokeWidth={1.5}
              strokeScaleEnabled={false}
            />
          ))}
        </>
      );
    }
  }
}

function BrushOutline({ center, radius, erase }: { center: ImagePoint; radius: number; erase: boolean }) {
  // The disc paints pixels whose centres lie within `radius` of the centre: the outline is that circle.
  return (
    <>
      <Circle x={center.x} y={center.y} radius={radius} stroke="rgba(0,0,0,0.6)" strokeWidth={3} strokeScaleEnabled={false} />
      <Circle x={center.x} y={center.y} radius={radius} stroke={erase ? SUBTRACT : ADD} strokeWidth={1.25} strokeScaleEnabled={false} dash={erase ? [3, 3] : undefined} />
    </>
  );
}

function flat(points: readonly ImagePoint[]): number[] {
  const out: number[] = [];
  for (const q of points) out.push(q.x, q.y);
  return out;
}
