/**
 * The wheel through a stack of slices, as OHIF and Cornerstone do it: deltas are summed and one
 * slice is taken per `PIXELS_PER_SLICE` of travel, so a trackpad's stream of small deltas scrolls
 * at the speed of the fingers instead of one slice per event, and a mouse notch (about 100 px in
 * Chromium and Firefox, or 3 lines) is still one slice.
 */

/** Pixel-mode travel per slice. */
export const PIXELS_PER_SLICE = 100;
/** WheelEvent.deltaMode values. */
export const DOM_DELTA_PIXEL = 0;
export const DOM_DELTA_LINE = 1;
export const DOM_DELTA_PAGE = 2;
/** A line (Firefox's mouse wheel: 3 lines a notch) and a page, in pixels. */
const LINE_PX = PIXELS_PER_SLICE / 3;
const PAGE_PX = PIXELS_PER_SLICE;

/** A wheel delta in CSS pixels, whatever the event's deltaMode. */
export function wheelDeltaPixels(deltaY: number, deltaMode: number = DOM_DELTA_PIXEL): number {
  if (deltaMode === DOM_DELTA_LINE) return deltaY * LINE_PX;
  if (deltaMode === DOM_DELTA_PAGE) return deltaY * PAGE_PX;
  return deltaY;
}

/** Sums wheel travel into whole slice steps; a change of direction starts again from zero. */
export class WheelSliceSteps {
  private travel = 0;

  /** The whole slices (signed) that this delta (CSS pixels) completes. */
  add(deltaPx: number): number {
    if (deltaPx === 0) return 0;
    if (Math.sign(deltaPx) !== Math.sign(this.travel)) this.travel = 0;
    this.travel += deltaPx;
    const steps = Math.trunc(this.travel / PIXELS_PER_SLICE) || 0; // never -0
    this.travel -= steps * PIXELS_PER_SLICE;
    return steps;
  }

  /** Forgets partial travel (another slice was chosen by other means). */
  reset(): void {
    this.travel = 0;
  }
}
