import { renderFakeColor, renderGrey, type GreySlice } from './render-slice';
import type { WindowLevel } from './windowing';

interface Entry {
  key: string;
  rgba: Uint8ClampedArray;
}

// Keyed by the decoded slice object itself: a slice that is no longer held is dropped with it.
const grey = new WeakMap<GreySlice, Entry>();
const fake = new WeakMap<GreySlice, Entry & { prev: GreySlice; next: GreySlice }>();

const wlKey = (w: WindowLevel) => `${w.center}|${w.width}`;

/**
 * renderGrey, remembered per slice for the current window: scrolling back and forth through a
 * loaded series redraws pixels already rendered instead of windowing them again, and the
 * neighbour strip shares the main view's work.
 */
export function renderGreyCached(s: GreySlice, w: WindowLevel): Uint8ClampedArray {
  const key = wlKey(w);
  const hit = grey.get(s);
  if (hit && hit.key === key) return hit.rgba;
  const rgba = renderGrey(s, w);
  grey.set(s, { key, rgba });
  return rgba;
}

/** renderFakeColor, remembered per (previous, current, next) and window. */
export function renderFakeColorCached(prev: GreySlice, cur: GreySlice, next: GreySlice, w: WindowLevel): Uint8ClampedArray {
  const key = wlKey(w);
  const hit = fake.get(cur);
  if (hit && hit.key === key && hit.prev === prev && hit.next === next) return hit.rgba;
  const rgba = renderFakeColor(prev, cur, next, w);
  fake.set(cur, { key, rgba, prev, next });
  return rgba;
}
