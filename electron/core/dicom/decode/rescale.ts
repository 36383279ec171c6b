import type { PixelDescription } from '../parse/dicom-header';
import type { DicomSlice } from '../parse/dicom-slice';
import { decodeStoredFrame, type StoredFrame } from './decode-frame';

type RescaleAttributes = Pick<PixelDescription, 'rescaleSlope' | 'rescaleIntercept' | 'bitsStored' | 'pixelRepresentation' | 'photometricInterpretation'>;

/** One frame of modality values (stored x slope + intercept), row-major, samples interleaved. */
export interface RescaledFrame extends Omit<StoredFrame, 'values'> {
  values: Float32Array;
}

/** Modality values of a stored frame: stored x RescaleSlope + RescaleIntercept (HU for CT; MR usually slope 1, intercept 0). */
export function rescaleStoredValues(frame: StoredFrame, image: Pick<RescaleAttributes, 'rescaleSlope' | 'rescaleIntercept'>): RescaledFrame {
  const { values, ...rest } = frame;
  const out = new Float32Array(values.length);
  const slope = image.rescaleSlope;
  const intercept = image.rescaleIntercept;
  if (slope === 1 && intercept === 0) out.set(values);
  else for (let i = 0; i < values.length; i++) out[i] = values[i] * slope + intercept;
  return { ...rest, values: out };
}

/** Decodes one frame to modality values (see decodeStoredFrame for errors). */
export async function decodeRescaledFrame(slice: DicomSlice, frameIndex = 0): Promise<RescaledFrame> {
  return rescaleStoredValues(await decodeStoredFrame(slice, frameIndex), slice.header);
}

/** [lowest, highest] modality value the stored bits can express (slope may be negative). */
export function modalityRange(image: RescaleAttributes): [number, number] {
  const span = 2 ** image.bitsStored;
  const lo = image.pixelRepresentation === 1 ? -span / 2 : 0;
  const hi = lo + span - 1;
  const a = lo * image.rescaleSlope + image.rescaleIntercept;
  const b = hi * image.rescaleSlope + image.rescaleIntercept;
  return [Math.min(a, b), Math.max(a, b)];
}

/**
 * Values for display and for the model, where larger always means brighter. For MONOCHROME2 these
 * are the modality values; for MONOCHROME1 (larger = darker) they are mirrored inside
 * modalityRange, so the same window presets and percentiles work for both.
 */
export function brightnessValues(frame: RescaledFrame, image: RescaleAttributes): Float32Array {
  if (image.photometricInterpretation !== 'MONOCHROME1') return frame.values;
  const [lo, hi] = modalityRange(image);
  const out = new Float32Array(frame.values.length);
  for (let i = 0; i < out.length; i++) out[i] = lo + hi - frame.values[i];
  return out;
}

/** A window from the header (centre, width in modality units) moved to brightness values. */
export function brightnessWindow(image: RescaleAttributes, center: number, width: number): { center: number; width: number } {
  if (image.photometricInterpretation !== 'MONOCHROME1') return { center, width };
  const [lo, hi] = modalityRange(image);
  return { center: lo + hi - center, width };
}
