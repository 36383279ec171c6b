import type { Page } from 'playwright-core';

/**
 * The RGBA of one Konva layer's canvas at the centre of an image pixel. The reader view's layers
 * in order: 0 the image, 1 the reader's ROI, 2 the model's suggestion (only when the series has
 * suggestions), then the tool preview.
 */
export async function layerPixel(page: Page, layer: number, col: number, row: number): Promise<number[]> {
  return page.evaluate(
    ([k, c, r]) => {
      const stage = document.querySelector<HTMLElement>('[data-testid=slice-stage]')!;
      const canvas = stage.querySelectorAll('canvas')[k!]!;
      const dpr = canvas.width / canvas.clientWidth;
      const zoom = Number(stage.dataset.zoom);
      const x = (Number(stage.dataset.offsetX) + (c! + 0.5) * zoom) * dpr;
      const y = (Number(stage.dataset.offsetY) + (r! + 0.5) * zoom) * dpr;
      return Array.from(canvas.getContext('2d')!.getImageData(Math.floor(x), Math.floor(y), 1, 1).data);
    },
    [layer, col, row],
  );
}

export const SUGGESTION_LAYER = 2;
export const ROI_LAYER = 1;
