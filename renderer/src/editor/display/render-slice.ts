import type { WindowLevel } from './windowing';

/** What rendering needs of one decoded slice. */
export interface GreySlice {
  width: number;
  height: number;
  stored: ArrayLike<number>;
  slope: number;
  intercept: number;
  /** MONOCHROME1: high values display dark. */
  invert: boolean;
}

/** Grey level 0-255 of one stored value under a window. */
function grey(stored: number, s: GreySlice, lo: number, scale: number): number {
  let v = (stored * s.slope + s.intercept - lo) * scale;
  v = v < 0 ? 0 : v > 255 ? 255 : v;
  return s.invert ? 255 - v : v;
}

/** RGBA pixels (ImageData layout) of a slice under a window: grey. */
export function renderGrey(s: GreySlice, w: WindowLevel, out = new Uint8ClampedArray(s.width * s.height * 4)): Uint8ClampedArray {
  const lo = w.center - w.width / 2;
  const scale = 255 / Math.max(w.width, 1e-6);
  const n = s.width * s.height;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const g = grey(s.stored[i]!, s, lo, scale);
    out[j] = g;
    out[j + 1] = g;
    out[j + 2] = g;
    out[j + 3] = 255;
  }
  return out;
}

/**
 * The paper's 'fake-color' image: previous slice in red, current in green, next in blue, each
 * under the same window. At the ends of the series the missing neighbour repeats the edge slice,
 * as the dataset builder does.
 */
export function renderFakeColor(prev: GreySlice, cur: GreySlice, next: GreySlice, w: WindowLevel, out = new Uint8ClampedArray(cur.width * cur.height * 4)): Uint8ClampedArray {
  const lo = w.center - w.width / 2;
  const scale = 255 / Math.max(w.width, 1e-6);
  const n = cur.width * cur.height;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[j] = grey(prev.stored[i]!, prev, lo, scale);
    out[j + 1] = grey(cur.stored[i]!, cur, lo, scale);
    out[j + 2] = grey(next.stored[i]!, next, lo, scale);
    out[j + 3] = 255;
  }
  return out;
}
