/**
 * Window and level in modality units (stored * slope + intercept), as radiologists set them:
 * `center` is the level, `width` the window. Values below center - width/2 are black, above
 * center + width/2 white.
 */
export interface WindowLevel {
  center: number;
  width: number;
}

export interface WindowPreset {
  id: string;
  label: string;
  /** Shortcut key (1-9). */
  key: string;
  /** Computes the window from the series' robust intensity range. */
  from(range: RobustRange): WindowLevel;
}

/** Percentiles of a series' modality values, for automatic windows. */
export interface RobustRange {
  p1: number;
  p50: number;
  p99: number;
  p995: number;
  min: number;
  max: number;
}

/** Modality value of a stored value. */
export const modality = (stored: number, slope: number, intercept: number) => stored * slope + intercept;

/**
 * Robust percentiles of modality values over a set of slices (a series): a histogram-free exact
 * computation on a sample of at most `maxSamples` values, deterministic (every k-th value).
 */
export function robustRange(slices: { stored: ArrayLike<number>; slope: number; intercept: number }[], maxSamples = 200_000): RobustRange {
  const total = slices.reduce((n, s) => n + s.stored.length, 0);
  if (total === 0) return { p1: 0, p50: 0, p99: 1, p995: 1, min: 0, max: 1 };
  const step = Math.max(1, Math.floor(total / maxSamples));
  const sample: number[] = [];
  let k = 0;
  for (const s of slices) {
    for (let i = 0; i < s.stored.length; i++, k++) {
      if (k % step === 0) sample.push(s.stored[i]! * s.slope + s.intercept);
    }
  }
  const sorted = Float64Array.from(sample).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
  return { p1: at(0.01), p50: at(0.5), p99: at(0.99), p995: at(0.995), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * The automatic STIR window: from the 1st to the 99.5th percentile of the series. STIR suppresses
 * fat, so most of the image is dark and the few bright structures (fluid, edema, CSF) set the top;
 * clipping the top 0.5% keeps a handful of very bright voxels from washing the marrow out.
 */
export function autoStirWindow(r: RobustRange): WindowLevel {
  const lo = r.p1;
  const hi = Math.max(r.p995, lo + 1);
  return { center: (lo + hi) / 2, width: hi - lo };
}

export const WINDOW_PRESETS: WindowPreset[] = [
  { id: 'auto', label: 'Auto STIR', key: '1', from: autoStirWindow },
  {
    id: 'edema',
    label: 'Edema (bright)',
    key: '2',
    // Narrower and higher: marrow dark, edema and fluid spread over the upper grey levels.
    from: (r) => {
      const lo = r.p50;
      const hi = Math.max(r.p995, lo + 1);
      return { center: (lo + hi) / 2, width: hi - lo };
    },
  },
  {
    id: 'full',
    label: 'Full range',
    key: '3',
    from: (r) => ({ center: (r.min + r.max) / 2, width: Math.max(1, r.max - r.min) }),
  },
];

/** Window/level after a right-drag of (dx, dy) screen pixels: right widens, down raises the level. */
export function dragWindow(start: WindowLevel, dx: number, dy: number, range: RobustRange): WindowLevel {
  const sensitivity = Math.max(1e-6, (range.p995 - range.p1) / 400);
  return { center: start.center + dy * sensitivity, width: Math.max(sensitivity, start.width + dx * sensitivity) };
}
