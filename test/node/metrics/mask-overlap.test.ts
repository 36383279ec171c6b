import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import { maskOverlap, rleMaskOverlap } from '../../../shared/metrics';
import { loadMetricsFixture, maskFromBits, seededRandom } from './load-fixture';

interface MaskFixture {
  cases: {
    a: string;
    b: string;
    rleA: number[];
    rleB: number[];
    intersection: number;
    union: number;
    dice: number | null;
    iou: number | null;
  }[];
}

const fixture = loadMetricsFixture<MaskFixture>('mask-overlap.json');

/** Plain run-length encoding for the property test: alternating runs, first run background. */
function encode(mask: Uint8Array): number[] {
  const runs: number[] = [];
  let current = 0;
  let length = 0;
  for (const v of mask) {
    const bit = v === 0 ? 0 : 1;
    if (bit === current) length++;
    else {
      runs.push(length);
      current = bit;
      length = 1;
    }
  }
  runs.push(length);
  return runs;
}

describe('Dice and IoU of binary masks', () => {
  it('a hand-computed 4 x 4 example: |A| 4, |B| 6, overlap 3 -> Dice 0.6, IoU 3/7', () => {
    // prettier-ignore
    const a = Uint8Array.from([
      0, 1, 1, 0,
      0, 1, 1, 0,
      0, 0, 0, 0,
      0, 0, 0, 0,
    ]);
    // prettier-ignore
    const b = Uint8Array.from([
      0, 0, 255, 255,
      255, 255, 255, 255,
      0, 0, 0, 0,
      0, 0, 0, 0,
    ]);
    const result = maskOverlap(a, b);
    expect(result).toMatchObject({ areaA: 4, areaB: 6, intersection: 3, union: 7 });
    expect(result.dice).toBeCloseTo(0.6, 12);
    expect(result.iou).toBeCloseTo(3 / 7, 12);
  });

  it.each(fixture.cases.map((c, i) => [i, c] as const))('numpy fixture %i, raw and run-length', (_, c) => {
    for (const result of [maskOverlap(maskFromBits(c.a), maskFromBits(c.b)), rleMaskOverlap(c.rleA, c.rleB)]) {
      expect(result.intersection).toBe(c.intersection);
      expect(result.union).toBe(c.union);
      if (c.dice === null) expect(result.dice).toBeNull();
      else expect(result.dice).toBeCloseTo(c.dice, 12);
      if (c.iou === null) expect(result.iou).toBeNull();
      else expect(result.iou).toBeCloseTo(c.iou, 12);
    }
  });

  it('two empty masks: Dice and IoU null with a reason; one empty mask: 0', () => {
    const empty = new Uint8Array(9);
    const both = maskOverlap(empty, empty);
    expect(both.dice).toBeNull();
    expect(both.iou).toBeNull();
    expect(both.undefinedReason?.code).toBe('both_empty');
    const one = maskOverlap(empty, Uint8Array.from([0, 1, 0, 0, 0, 0, 0, 0, 0]));
    expect(one.dice).toBe(0);
    expect(one.iou).toBe(0);
    expect(rleMaskOverlap([9], [9]).dice).toBeNull();
  });

  it('identical non-empty masks: Dice and IoU 1; swapping A and B changes nothing', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 30; trial++) {
      const a = Uint8Array.from({ length: 64 }, () => (random() < 0.3 ? 1 : 0));
      const b = Uint8Array.from({ length: 64 }, () => (random() < 0.3 ? 1 : 0));
      if (a.some((v) => v)) expect(maskOverlap(a, a).dice).toBe(1);
      const ab = maskOverlap(a, b);
      const ba = maskOverlap(b, a);
      expect(ba.dice).toBe(ab.dice);
      expect(ba.iou).toBe(ab.iou);
      if (ab.iou !== null) expect(ab.dice).toBeCloseTo((2 * ab.iou) / (1 + ab.iou), 12);
      expect(rleMaskOverlap(encode(a), encode(b))).toEqual(ab);
    }
  });

  it('run-length masks with zero-length runs and a foreground start', () => {
    // A: 1 1 0 0 1 (runs 0, 2, 2, 1); B: 0 1 1 0 1 written with a spare zero-length pair.
    const result = rleMaskOverlap([0, 2, 2, 1], [1, 2, 0, 0, 1, 1]);
    expect(result).toMatchObject({ areaA: 3, areaB: 3, intersection: 2, union: 4 });
  });

  it('refuses masks of different sizes and bad runs', () => {
    expect(() => maskOverlap(new Uint8Array(4), new Uint8Array(5))).toThrow(AppError);
    expect(() => rleMaskOverlap([4], [2, 3])).toThrow(/same grid/);
    expect(() => rleMaskOverlap([2, -1], [1])).toThrow(/whole numbers/);
  });
});
