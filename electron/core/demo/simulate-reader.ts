import { Rng } from '../dicom/phantom/prng';

/** How a simulated reader departs from the truth. */
export interface ReaderProfile {
  /** Chance to miss a lesion smaller than `smallLesionPixels` on a slice. */
  missSmall: number;
  smallLesionPixels: number;
  /** Chance to miss any other lesion on a slice. */
  missLarge: number;
  /** Typical outline bias in pixels: positive draws larger (dilation), negative smaller (erosion). */
  outlineBias: number;
  /** Spread of the bias from lesion to lesion, pixels. */
  outlineJitter: number;
  /** Chance of a false-positive blob on a slice without lesions. */
  falsePositive: number;
}

export const READER_PROFILES: Record<'reader1' | 'reader2' | 'comparison', ReaderProfile> = {
  // The experienced rheumatologist who outlines the ground truth in the paper.
  reader1: { missSmall: 0.15, smallLesionPixels: 60, missLarge: 0.02, outlineBias: 0, outlineJitter: 1, falsePositive: 0.01 },
  // The radiologist: draws a little larger, misses a few more small lesions.
  reader2: { missSmall: 0.3, smallLesionPixels: 60, missLarge: 0.04, outlineBias: 1, outlineJitter: 1, falsePositive: 0.02 },
  // The blinded comparison radiologist with less experience.
  comparison: { missSmall: 0.4, smallLesionPixels: 60, missLarge: 0.08, outlineBias: -1, outlineJitter: 1.5, falsePositive: 0.04 },
};

/** 4-connected components of a binary mask, as lists of pixel indices. */
function components(mask: Uint8Array, width: number, height: number): number[][] {
  const seen = new Uint8Array(mask.length);
  const out: number[][] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const stack = [start];
    const pixels: number[] = [];
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      pixels.push(p);
      const x = p % width;
      const y = (p - x) / width;
      for (const q of [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p + width : -1]) {
        if (q >= 0 && mask[q] && !seen[q]) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    out.push(pixels);
  }
  return out;
}

/** Grows (steps > 0) or shrinks (steps < 0) a mask by whole pixels, 4-connected. */
function morph(mask: Uint8Array, width: number, height: number, steps: number): Uint8Array {
  let cur = mask;
  for (let s = 0; s < Math.abs(steps); s++) {
    const next = new Uint8Array(cur.length);
    const grow = steps > 0;
    for (let p = 0; p < cur.length; p++) {
      const x = p % width;
      const y = (p - x) / width;
      const n = [x > 0 ? cur[p - 1] : 0, x < width - 1 ? cur[p + 1] : 0, y > 0 ? cur[p - width] : 0, y < height - 1 ? cur[p + width] : 0];
      next[p] = grow ? (cur[p] || n.some(Boolean) ? 1 : 0) : cur[p] && n.every(Boolean) ? 1 : 0;
    }
    cur = next;
  }
  return cur;
}

/**
 * A plausible reader's mask of one slice from its true lesion mask: some lesions missed (small ones
 * more often), outlines drawn a little larger or smaller, and now and then a false-positive blob.
 * Deterministic for a given `rng` state.
 */
export function simulateReaderMask(truth: Uint8Array, width: number, height: number, profile: ReaderProfile, rng: Rng): Uint8Array {
  const out = new Uint8Array(truth.length);
  const lesions = components(truth, width, height);
  for (const lesion of lesions) {
    const miss = lesion.length < profile.smallLesionPixels ? profile.missSmall : profile.missLarge;
    if (rng.chance(miss)) continue;
    const single = new Uint8Array(truth.length);
    for (const p of lesion) single[p] = 1;
    const steps = Math.round(profile.outlineBias + profile.outlineJitter * rng.normal());
    const drawn = morph(single, width, height, Math.max(-2, Math.min(3, steps)));
    // Erosion can remove a thin lesion entirely; a reader who saw it still marks its core.
    if (!drawn.some(Boolean)) for (const p of lesion) out[p] = 1;
    for (let p = 0; p < out.length; p++) if (drawn[p]) out[p] = 1;
  }
  if (lesions.length === 0 && rng.chance(profile.falsePositive)) {
    const r = rng.int(3, 6);
    const cx = rng.int(Math.floor(width * 0.25), Math.floor(width * 0.6));
    const cy = rng.int(Math.floor(height * 0.15), Math.floor(height * 0.85));
    for (let y = cy - r; y <= cy + r; y++) {
      for (let x = cx - r; x <= cx + r; x++) {
        if (x >= 0 && y >= 0 && x < width && y < height && (x - cx) ** 2 + (y - cy) ** 2 <= r * r) out[y * width + x] = 1;
      }
    }
  }
  return out;
}
