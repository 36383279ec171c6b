/**
 * The paper's 'fake-color' samples, as pure array code shared by dataset building and prediction:
 * for slice i, R = slice i-1, G = slice i, B = slice i+1 (the edge slices repeat themselves),
 * intensities normalised per series and resized to size x size.
 */

/** Values at the given percentiles (0-100) of all slices of a series. */
export function seriesPercentiles(slices: ArrayLike<number>[], low: number, high: number): [number, number] {
  const total = slices.reduce((n, s) => n + s.length, 0);
  const step = Math.max(1, Math.floor(total / 400_000));
  const sample: number[] = [];
  let k = 0;
  for (const s of slices) for (let i = 0; i < s.length; i++, k++) if (k % step === 0) sample.push(s[i]!);
  const sorted = Float64Array.from(sample).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round((q / 100) * (sorted.length - 1))))]!;
  const lo = at(low);
  return [lo, Math.max(at(high), lo + 1e-6)];
}

/** Bilinear resize of one channel (width x height, row-major) to outWidth x outHeight, pixel centres aligned. */
export function resizeBilinearTo(src: ArrayLike<number>, width: number, height: number, outWidth: number, outHeight: number, out = new Float32Array(outWidth * outHeight)): Float32Array {
  const sx = width / outWidth;
  const sy = height / outHeight;
  for (let y = 0; y < outHeight; y++) {
    const fy = Math.min(height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < outWidth; x++) {
      const fx = Math.min(width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(width - 1, x0 + 1);
      const wx = fx - x0;
      const top = src[y0 * width + x0]! * (1 - wx) + src[y0 * width + x1]! * wx;
      const bottom = src[y1 * width + x0]! * (1 - wx) + src[y1 * width + x1]! * wx;
      out[y * outWidth + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}

/** Bilinear resize of one channel to the square size x size the model takes. */
export function resizeBilinear(src: ArrayLike<number>, width: number, height: number, size: number, out = new Float32Array(size * size)): Float32Array {
  return resizeBilinearTo(src, width, height, size, size, out);
}

/** A mask resized the way its image is: bilinear, then 0.5 threshold, so thin lesions keep their place. */
export function resizeMask(mask: ArrayLike<number>, width: number, height: number, size: number): Uint8Array {
  const f = resizeBilinear(mask, width, height, size);
  const out = new Uint8Array(size * size);
  for (let i = 0; i < out.length; i++) out[i] = f[i]! >= 0.5 ? 1 : 0;
  return out;
}

/**
 * Fake-colour images of every slice of a series as uint8 (0-255 after normalisation), interleaved
 * RGB per pixel, size x size x 3 each. `slices` are modality values, width x height each.
 */
export function fakeColorSeries(slices: ArrayLike<number>[], width: number, height: number, size: number, low: number, high: number): Uint8Array[] {
  const [lo, hi] = seriesPercentiles(slices, low, high);
  const scale = 255 / (hi - lo);
  const resized = slices.map((s) => resizeBilinear(s, width, height, size));
  const grey = resized.map((r) => {
    const g = new Uint8Array(r.length);
    for (let i = 0; i < r.length; i++) g[i] = Math.max(0, Math.min(255, Math.round((r[i]! - lo) * scale)));
    return g;
  });
  return grey.map((cur, i) => {
    const prev = grey[Math.max(0, i - 1)]!;
    const next = grey[Math.min(grey.length - 1, i + 1)]!;
    const out = new Uint8Array(size * size * 3);
    for (let p = 0, j = 0; p < cur.length; p++, j += 3) {
      out[j] = prev[p]!;
      out[j + 1] = cur[p]!;
      out[j + 2] = next[p]!;
    }
    return out;
  });
}

/** Bilinear resize of a square size x size map back to a width x height slice (predictions to native pixels). */
export function resizeSquareTo(src: ArrayLike<number>, size: number, width: number, height: number): Float32Array {
  return resizeBilinearTo(src, size, size, width, height);
}
