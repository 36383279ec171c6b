import type Konva from 'konva';
import { useLayoutEffect, useMemo, useRef } from 'react';

/**
 * The offscreen canvas a Konva Image shows, kept filled with `rgba` (width x height, ImageData
 * layout). A layout effect and a synchronous layer draw put a new slice on the canvas before the
 * browser paints the frame that follows the key press, not one frame later (a passive effect runs
 * after paint). Give `imageNode` to the KonvaImage as its ref and `canvas` as its image.
 */
export function useImageCanvas(rgba: Uint8ClampedArray | null, width: number, height: number) {
  const imageNode = useRef<Konva.Image>(null);
  const canvas = useMemo(() => document.createElement('canvas'), []);
  useLayoutEffect(() => {
    if (!rgba || !width || !height) return;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    canvas.getContext('2d')!.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
    imageNode.current?.getLayer()?.draw();
  }, [rgba, width, height, canvas]);
  return { canvas, imageNode };
}
