/** Small shape helpers for the phantom's renderer. Distances in mm; negative inside. */

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export function mix(a: number, b: number, w: number): number {
  return a + (b - a) * w;
}

export function smoothstep(edge0: number, edge1: number, x: number): number {
  const w = clamp01((x - edge0) / (edge1 - edge0));
  return w * w * (3 - 2 * w);
}

/** Fraction of a pixel `pixelMm` wide covered by a shape at signed distance `sd` (partial volume). */
export function coverage(sd: number, pixelMm: number): number {
  return clamp01(0.5 - sd / pixelMm);
}

/** Signed distance to a box of half sizes (bx, by) with corners rounded by r, centred at 0. */
export function sdRoundBox(px: number, py: number, bx: number, by: number, r: number): number {
  const qx = Math.abs(px) - bx + r;
  const qy = Math.abs(py) - by + r;
  const ox = qx > 0 ? qx : 0;
  const oy = qy > 0 ? qy : 0;
  const inside = Math.min(Math.max(qx, qy), 0);
  return Math.sqrt(ox * ox + oy * oy) + inside - r;
}

/** Approximate signed distance to an ellipse with radii (rx, ry) centred at 0 (exact on the axes). */
export function sdEllipse(px: number, py: number, rx: number, ry: number): number {
  const k = Math.sqrt((px * px) / (rx * rx) + (py * py) / (ry * ry));
  return (k - 1) * Math.min(rx, ry);
}

/**
 * How much of a body `halfWidth` wide left-right a sagittal slice at `x` cuts, as a factor of its
 * midline depth: a superellipse, square-ish like a vertebral body seen from above.
 */
export function lateralProfile(x: number, halfWidth: number): number {
  const a = Math.abs(x) / halfWidth;
  if (a >= 1) return 0;
  return Math.cbrt(1 - a * a * a);
}

/** Chord factor of a round tube (sac, cord, vessel) of half width `halfWidth` cut at `x`. */
export function roundProfile(x: number, halfWidth: number): number {
  const a = x / halfWidth;
  return a * a >= 1 ? 0 : Math.sqrt(1 - a * a);
}
