import { describe, expect, it } from 'vitest';
import { DOM_DELTA_LINE, DOM_DELTA_PAGE, PIXELS_PER_SLICE, WheelSliceSteps, wheelDeltaPixels } from '../../../renderer/src/editor/wheel-slices';

describe('the wheel through a stack', () => {
  it('a mouse notch (100 px, or 3 lines) is one slice; a big notch is several', () => {
    const w = new WheelSliceSteps();
    expect(w.add(100)).toBe(1);
    expect(w.add(wheelDeltaPixels(3, DOM_DELTA_LINE))).toBe(1);
    expect(w.add(-100)).toBe(-1);
    expect(w.add(250)).toBe(2);
    expect(w.add(wheelDeltaPixels(1, DOM_DELTA_PAGE))).toBe(1);
  });

  it("sums a trackpad's small deltas instead of moving one slice per event", () => {
    const w = new WheelSliceSteps();
    const steps: number[] = [];
    for (let i = 0; i < 30; i++) steps.push(w.add(8)); // 240 px of travel in 30 events
    expect(steps.reduce((a, b) => a + b, 0)).toBe(Math.trunc((30 * 8) / PIXELS_PER_SLICE));
    expect(steps.filter((s) => s !== 0)).toEqual([1, 1]);
  });

  it('a change of direction starts again, and reset forgets partial travel', () => {
    const w = new WheelSliceSteps();
    expect(w.add(90)).toBe(0);
    expect(w.add(-20)).toBe(0); // not 70 px forward: 20 px back
    expect(w.add(-80)).toBe(-1);
    expect(w.add(60)).toBe(0);
    w.reset();
    expect(w.add(60)).toBe(0);
    expect(w.add(40)).toBe(1);
  });
});
