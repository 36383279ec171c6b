import type Konva from 'konva';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Group, Image as KonvaImage, Layer, Shape } from 'react-konva';
import type { SliceMask } from '../editor/mask/sliceMask';
import type { Viewport } from '../editor/viewport';
import { maskOutlineSegments } from './mask-outline';

/** The lesion colour of the reader's own ROIs: warm, unlike anything on a grey STIR slice. */
export const ROI_RGB: readonly [number, number, number] = [255, 112, 48];
export const ROI_CSS = `rgb(${ROI_RGB.join(', ')})`;

export interface RoiLayerProps {
  /** The mask to show (the slice's committed mask, or a stroke's working copy). */
  mask: SliceMask;
  /** Changes whenever the mask's pixels change (the mask object is updated in place). */
  version: unknown;
  viewport: Viewport;
  /** Fill opacity, 0..1. */
  opacity: number;
  outlineOnly: boolean;
  visible: boolean;
}

/**
 * A slice's ROI over the image, in image pixel coordinates: the pixels filled (nearest
 * neighbour, so every image pixel is a visible square when zoomed) with a crisp outline along
 * the pixel edges, or the outline alone.
 */
export function RoiLayer({ mask, version, viewport, opacity, outlineOnly, visible }: RoiLayerProps) {
  const layer = useRef<Konva.Layer>(null);
  const canvas = useMemo(() => document.createElement('canvas'), []);
  const segments = useMemo(() => maskOutlineSegments(mask), [mask, version]);

  useLayoutEffect(() => {
    if (canvas.width !== mask.width || canvas.height !== mask.height) {
      canvas.width = mask.width;
      canvas.height = mask.height;
    }
    const image = new ImageData(mask.width, mask.height);
    const px = image.data;
    const [r, g, b] = ROI_RGB;
    for (let i = 0, j = 0; i < mask.data.length; i++, j += 4) {
      if (!mask.data[i]) continue;
      px[j] = r;
      px[j + 1] = g;
      px[j + 2] = b;
      px[j + 3] = 255;
    }
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    // Drawn now, in the same frame as the slice under it (see SliceStage).
    layer.current?.draw();
  }, [canvas, mask, version]);

  return (
    <Layer ref={layer} listening={false} imageSmoothingEnabled={false} visible={visible}>
      <Group x={viewport.offsetX} y={viewport.offsetY} scaleX={viewport.zoom} scaleY={viewport.zoom}>
        {!outlineOnly && <KonvaImage image={canvas} width={mask.width} height={mask.height} opacity={opacity} />}
        <Shape
          stroke={ROI_CSS}
          strokeWidth={outlineOnly ? 1.6 : 1}
          strokeScaleEnabled={false}
          opacity={outlineOnly ? Math.max(0.85, opacity) : 0.95}
          sceneFunc={(ctx, shape) => {
            ctx.beginPath();
            for (let k = 0; k < segments.length; k += 4) {
              ctx.moveTo(segments[k]!, segments[k + 1]!);
              ctx.lineTo(segments[k + 2]!, segments[k + 3]!);
            }
            ctx.strokeShape(shape);
          }}
        />
      </Group>
    </Layer>
  );
}
