import type { PixelDescription } from './dicom-header';

/** Bytes of one uncompressed frame: rows x columns x samples x bytes per sample. */
export function frameByteLength(image: Pick<PixelDescription, 'rows' | 'columns' | 'samplesPerPixel' | 'bitsAllocated'>): number {
  return image.rows * image.columns * image.samplesPerPixel * (image.bitsAllocated / 8);
}

/** Samples of one frame: rows x columns x samples per pixel. */
export function frameSampleCount(image: Pick<PixelDescription, 'rows' | 'columns' | 'samplesPerPixel'>): number {
  return image.rows * image.columns * image.samplesPerPixel;
}
