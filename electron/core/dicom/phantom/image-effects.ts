/**
 * What the scanner adds to the ideal image: a smooth receive-coil bias field (brightest near the
 * posterior spine coil), Rician noise of a magnitude image, interpolation from the acquired to the
 * displayed matrix, and quantisation to 12-bit stored values. Images are row-major Float32Array.
 */
import { normalTable65536, type Rng } from './prng';

/** Highest stored value (BitsStored 12). */
export const MAX_STORED_VALUE = 4095;

/**
 * A smooth multiplicative field for a series: sensitivity falls off away from the posterior
 * (right-hand) side where the spine coil lies, with a gentle ripple between coil elements.
 */
export function biasField(columns: number, rows: number, rng: Rng): Float32Array {
  const field = new Float32Array(columns * rows);
  const falloff = rng.uniform(0.45, 0.8) * columns;
  const floor = rng.uniform(0.62, 0.75);
  const rippleAmp = rng.uniform(0.03, 0.08);
  const ripplePeriod = rng.uniform(0.35, 0.6) * rows;
  const ripplePhase = rng.uniform(0, 2 * Math.PI);
  const tilt = rng.uniform(-0.08, 0.08);
  for (let r = 0; r < rows; r++) {
    const ripple = 1 + rippleAmp * Math.sin((2 * Math.PI * r) / ripplePeriod + ripplePhase) + tilt * (r / rows - 0.5);
    for (let c = 0; c < columns; c++) {
      const coil = floor + (1.25 - floor) * Math.exp(-(columns - 1 - c) / falloff);
      field[r * columns + c] = coil * ripple;
    }
  }
  return field;
}

/**
 * Multiplies by the bias field and makes the magnitude of a complex signal with Gaussian noise of
 * standard deviation `sigma` in both channels (Rician noise), in place.
 */
export function applyBiasAndNoise(image: Float32Array, bias: Float32Array, sigma: number, rng: Rng): void {
  const table = normalTable65536();
  let state = rng.nextUint32() | 1;
  for (let i = 0; i < image.length; i++) {
    // xorshift32: two 16-bit table indexes per step, far cheaper than Box-Muller per pixel.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const re = image[i] * bias[i] + sigma * table[state & 0xffff];
    const im = sigma * table[(state >>> 16) & 0xffff];
    image[i] = Math.sqrt(re * re + im * im);
  }
}

/**
 * Bilinear upsampling by `factor` of a coarse image whose point (i, j) lies at full-resolution
 * pixel ((i + 0.5) * factor - 0.5, ...), rounded and clamped to 12-bit stored values: the
 * zero-filled interpolation a scanner applies to display a coarser acquisition.
 */
export function upsampleToStored(coarse: Float32Array, coarseColumns: number, coarseRows: number, factor: number, columns: number, rows: number, out: Uint16Array): void {
  const xs = interpolationTable(coarseColumns, factor, columns);
  const ys = interpolationTable(coarseRows, factor, rows);
  for (let r = 0; r < rows; r++) {
    const row0 = ys.lower[r] * coarseColumns;
    const row1 = ys.upper[r] * coarseColumns;
    const wy = ys.weight[r];
    for (let c = 0; c < columns; c++) {
      const x0 = xs.lower[c];
      const x1 = xs.upper[c];
      const wx = xs.weight[c];
      const top = coarse[row0 + x0] + (coarse[row0 + x1] - coarse[row0 + x0]) * wx;
      const bottom = coarse[row1 + x0] + (coarse[row1 + x1] - coarse[row1 + x0]) * wx;
      const v = top + (bottom - top) * wy + 0.5; // >= 0.5: Rician magnitudes are never negative
      out[r * columns + c] = v >= MAX_STORED_VALUE ? MAX_STORED_VALUE : v | 0;
    }
  }
}

/** For each fine index along one axis: the two coarse neighbours and the weight of the upper one. */
function interpolationTable(coarseCount: number, factor: number, fineCount: number): { lower: Int32Array; upper: Int32Array; weight: Float32Array } {
  const lower = new Int32Array(fineCount);
  const upper = new Int32Array(fineCount);
  const weight = new Float32Array(fineCount);
  for (let i = 0; i < fineCount; i++) {
    const x = Math.max(0, Math.min(coarseCount - 1, (i + 0.5) / factor - 0.5));
    const x0 = Math.floor(x);
    lower[i] = x0;
    upper[i] = Math.min(coarseCount - 1, x0 + 1);
    weight[i] = x - x0;
  }
  return { lower, upper, weight };
}

/** Smooth texture in -1..1: bilinear value noise on a grid of `cell` pixels. */
export function valueNoise(columns: number, rows: number, cell: number, rng: Rng): Float32Array {
  const gw = Math.ceil(columns / cell) + 2;
  const gh = Math.ceil(rows / cell) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.uniform(-1, 1);
  const out = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    const gy = r / cell;
    const y0 = Math.floor(gy);
    const fy = gy - y0;
    const wy = fy * fy * (3 - 2 * fy);
    for (let c = 0; c < columns; c++) {
      const gx = c / cell;
      const x0 = Math.floor(gx);
      const fx = gx - x0;
      const wx = fx * fx * (3 - 2 * fx);
      const a = grid[y0 * gw + x0];
      const b = grid[y0 * gw + x0 + 1];
      const d = grid[(y0 + 1) * gw + x0];
      const e = grid[(y0 + 1) * gw + x0 + 1];
      out[r * columns + c] = (a + (b - a) * wx) * (1 - wy) + (d + (e - d) * wx) * wy;
    }
  }
  return out;
}
