/**
 * The curved spine of one series and the mapping from image pixels to the spine frame (t, s)
 * described in anatomy-types.ts. Image-plane coordinates here: u = mm from the first column's
 * centre towards posterior (along the row direction), v = mm from the first row's centre towards
 * the feet (along the column direction).
 */
import type { SegmentAnatomy } from './anatomy-types';
import type { Rng } from './prng';

/** The posterior wall of the vertebral bodies as u(v), sampled every `step` mm of v from `vStart`. */
export interface SpineCurve {
  vStart: number;
  step: number;
  /** u of the wall at each sample (mm). */
  u: Float64Array;
  /** du/dv at each sample. */
  slope: Float64Array;
  /** Arc length from v = 0 (mm, negative above the top row). */
  arc: Float64Array;
}

const STEP = 0.25;

/** Shapes the curve: lordosis (C, L), kyphosis (T), the sacrum's backward sweep; the whole body fits the width. */
export function buildSpineCurve(anatomy: SegmentAnatomy, rng: Rng, widthMm: number, heightMm: number): SpineCurve {
  const level = (name: string) => anatomy.levels.find((l) => l.name === name);
  let a = 0;
  let v1 = 0;
  let v2 = heightMm;
  let sacrumTop = Infinity;
  let sacralBend = 0;
  if (anatomy.segment === 'cervical') {
    a = -rng.uniform(5, 10);
    v1 = level('C2')!.top;
    v2 = level('T1')!.bottom;
  } else if (anatomy.segment === 'thoracic') {
    a = rng.uniform(6, 12);
  } else {
    a = -rng.uniform(6, 11);
    v1 = level('L1')!.top;
    v2 = level('L5')!.bottom;
    sacrumTop = level('S1')!.top;
    sacralBend = rng.uniform(0.006, 0.01);
  }
  const margin = rng.uniform(6, 14);
  const u0 = widthMm - margin - anatomy.skin - Math.max(a, 0);
  const vStart = -80;
  const n = Math.ceil((heightMm + 160) / STEP) + 1;
  const u = new Float64Array(n);
  const slope = new Float64Array(n);
  const arc = new Float64Array(n);
  const span = v2 - v1;
  for (let i = 0; i < n; i++) {
    const v = vStart + i * STEP;
    const dv = v - sacrumTop;
    // A half sine between v1 and v2, continued by its tangents beyond them (no kink at the ends).
    const q = (v - v1) / span;
    const bow = q < 0 ? Math.PI * q : q > 1 ? -Math.PI * (q - 1) : Math.sin(Math.PI * q);
    const bowSlope = q < 0 ? 1 : q > 1 ? -1 : Math.cos(Math.PI * q);
    u[i] = u0 + a * bow + (dv > 0 ? sacralBend * dv * dv : 0);
    slope[i] = ((a * Math.PI) / span) * bowSlope + (dv > 0 ? 2 * sacralBend * dv : 0);
  }
  for (let i = 1; i < n; i++) {
    const m = 0.5 * (slope[i] + slope[i - 1]);
    arc[i] = arc[i - 1] + STEP * Math.sqrt(1 + m * m);
  }
  const zeroIndex = Math.round(-vStart / STEP);
  const offset = arc[zeroIndex];
  for (let i = 0; i < n; i++) arc[i] -= offset;
  return { vStart, step: STEP, u, slope, arc };
}

/** Pixel-wise spine-frame coordinates of an image, row-major like the pixel data. */
export interface SpineFrame {
  t: Float32Array;
  s: Float32Array;
}

function sample(values: Float64Array, curve: SpineCurve, v: number): number {
  const f = (v - curve.vStart) / curve.step;
  const i = Math.max(0, Math.min(values.length - 2, Math.floor(f)));
  const w = Math.max(0, Math.min(1, f - i));
  return values[i] * (1 - w) + values[i + 1] * w;
}

/**
 * Projects the centres of a grid of `columns` x `rows` points onto the curve (Newton steps from
 * the same row, enough for the gentle curvature of a spine) and returns their (t, s). Point (c, r)
 * is at u = origin + c * step, v = origin + r * step (mm).
 */
export function computeSpineFrame(curve: SpineCurve, columns: number, rows: number, step: number, origin = 0): SpineFrame {
  const t = new Float32Array(columns * rows);
  const s = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    const v = origin + r * step;
    for (let c = 0; c < columns; c++) {
      const u = origin + c * step;
      let v0 = v;
      let tangential = 0;
      let normal = 0;
      for (let iter = 0; iter < 3; iter++) {
        const cu = sample(curve.u, curve, v0);
        const m = sample(curve.slope, curve, v0);
        const len = Math.sqrt(1 + m * m);
        const du = u - cu;
        const dv = v - v0;
        tangential = (du * m + dv) / len;
        normal = (du - dv * m) / len;
        if (iter < 2) v0 += tangential / len;
      }
      const i = r * columns + c;
      t[i] = sample(curve.arc, curve, v0) + tangential;
      s[i] = normal;
    }
  }
  return { t, s };
}
