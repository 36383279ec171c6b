/**
 * Renders every slice of one sagittal series. The image is computed on the acquisition grid (half
 * the displayed matrix, like a scanner that interpolates a coarser acquisition for display), gets
 * bias and noise there, and is interpolated to the displayed matrix. The truth mask is computed
 * on the displayed matrix from the same lesion weights, so it is exact at every displayed pixel.
 */
import type { SegmentAnatomy } from './anatomy-types';
import { applyBiasAndNoise, biasField, upsampleToStored, valueNoise } from './image-effects';
import { placeLesionOnSlice, type PlannedLesion, type SliceLesion } from './lesions';
import type { Rng } from './prng';
import { shadeSoftTissue } from './shade-soft-tissue';
import { lesionWeightAt, shadeSpine } from './shade-spine';
import { buildSeriesShading, buildSliceShading, tIndex } from './shading-context';
import { computeSpineFrame, type SpineCurve } from './spine-frame';

export interface SeriesRaster {
  columns: number;
  rows: number;
  /** Square displayed pixels, mm. */
  pixelMm: number;
  /** Lateral position of each slice relative to the series centre, mm, patient left positive. */
  sliceX: readonly number[];
}

export interface RenderedSlice {
  pixels: Uint16Array;
  mask: Uint8Array;
  /** Mask pixels per lesion id. */
  lesionPixels: Map<number, number>;
}

/** A lesion weight at or above this inside marrow is lesion in the truth mask. */
export const MASK_THRESHOLD = 0.5;

/** Displayed pixels per acquired pixel, in each direction. */
const ACQUISITION_FACTOR = 2;

export function renderSeries(anatomy: SegmentAnatomy, curve: SpineCurve, raster: SeriesRaster, lesions: readonly PlannedLesion[], rng: Rng): RenderedSlice[] {
  const { columns, rows, pixelMm } = raster;
  const f = ACQUISITION_FACTOR;
  const coarseColumns = Math.ceil(columns / f);
  const coarseRows = Math.ceil(rows / f);
  const coarsePixelMm = pixelMm * f;
  const coarseFrame = computeSpineFrame(curve, coarseColumns, coarseRows, coarsePixelMm, (f - 1) * 0.5 * pixelMm);
  const series = buildSeriesShading(anatomy, coarsePixelMm, rows * pixelMm);
  const bias = biasField(coarseColumns, coarseRows, rng);
  const sigma = rng.uniform(22, 34);
  const textureCell = Math.max(2, Math.round(2.5 / coarsePixelMm));
  // Displayed-grid frame only where lesions can be: the bodies of levels that carry one.
  const fineFrame = lesions.length > 0 ? computeSpineFrame(curve, columns, rows, pixelMm) : null;
  const candidates = new Map<number, Int32Array>();
  if (fineFrame) {
    for (const levelIndex of new Set(lesions.map((l) => l.levelIndex))) {
      const level = anatomy.levels[levelIndex];
      const list: number[] = [];
      for (let i = 0; i < columns * rows; i++) {
        const t = fineFrame.t[i];
        const s = fineFrame.s[i];
        if (t > level.top - 3 && t < level.bottom + 3 && s > -level.depth - 3 && s < 3 && series.levelAtT[tIndex(series, t)] === levelIndex) list.push(i);
      }
      candidates.set(levelIndex, Int32Array.from(list));
    }
  }
  const coarseT = Int32Array.from(coarseFrame.t, (t) => tIndex(series, t));
  const out: RenderedSlice[] = [];
  const coarse = new Float32Array(coarseColumns * coarseRows);
  for (let k = 0; k < raster.sliceX.length; k++) {
    const xSlice = raster.sliceX[k];
    const sliceLesions = lesions.map((l) => placeLesionOnSlice(anatomy, l, k, xSlice)).filter((l): l is SliceLesion => l !== null);
    const ctx = buildSliceShading(series, xSlice, sliceLesions);
    const texture = valueNoise(coarseColumns, coarseRows, textureCell, rng);
    for (let i = 0; i < coarse.length; i++) {
      const ti = coarseT[i];
      const t = coarseFrame.t[i];
      const s = coarseFrame.s[i];
      // Outside the skin there is only air (and the noise added below).
      if (s > series.skinAtT[ti] + coarsePixelMm) {
        coarse[i] = 0;
        continue;
      }
      coarse[i] = shadeSpine(ctx, ti, t, s, texture[i], shadeSoftTissue(ctx, ti, t, s, texture[i]));
    }
    applyBiasAndNoise(coarse, bias, sigma, rng);
    const pixels = new Uint16Array(columns * rows);
    upsampleToStored(coarse, coarseColumns, coarseRows, f, columns, rows, pixels);
    const mask = new Uint8Array(columns * rows);
    const lesionPixels = new Map<number, number>();
    if (fineFrame && sliceLesions.length > 0) {
      const fine = { ...ctx, pixelMm };
      for (const levelIndex of new Set(sliceLesions.map((l) => l.levelIndex))) {
        for (const i of candidates.get(levelIndex) ?? []) {
          const id = lesionWeightAt(fine, levelIndex, fineFrame.t[i], fineFrame.s[i], MASK_THRESHOLD);
          if (id === 0) continue;
          mask[i] = 1;
          lesionPixels.set(id, (lesionPixels.get(id) ?? 0) + 1);
        }
      }
    }
    out.push({ pixels, mask, lesionPixels });
  }
  return out;
}
