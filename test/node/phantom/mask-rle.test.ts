import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import { countMaskRlePixels, decodeMaskRle, encodeMaskRle, MASK_RLE_ENCODING } from '../../../shared/geometry/mask-rle';

/** A deterministic pseudo-random mask with blobs and single pixels. */
function randomMask(width: number, height: number, seed: number, density: number): Uint8Array {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = next() < density ? 1 : 0;
  return mask;
}

describe('mask run-length encoding', () => {
  it('encodes the documented examples', () => {
    expect(encodeMaskRle(new Uint8Array(8), 4, 2)).toEqual([8]);
    expect(encodeMaskRle(new Uint8Array(8).fill(1), 4, 2)).toEqual([0, 8]);
    expect(encodeMaskRle(Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 0]), 4, 2)).toEqual([1, 2, 5]);
    expect(MASK_RLE_ENCODING).toMatch(/row-major/);
  });

  it('counts any non-zero byte as inside and decodes to 0/1', () => {
    const runs = encodeMaskRle(Uint8Array.from([255, 7, 0, 1]), 2, 2);
    expect(runs).toEqual([0, 2, 1, 1]);
    expect(Array.from(decodeMaskRle(runs, 2, 2))).toEqual([1, 1, 0, 1]);
  });

  it('round-trips masks of many sizes and densities, including set first and last pixels', () => {
    for (const [w, h] of [[1, 1], [3, 5], [64, 64], [192, 320], [7, 1]]) {
      for (const density of [0, 0.02, 0.5, 0.97, 1]) {
        const mask = randomMask(w, h, w * 31 + h + Math.round(density * 100), density);
        mask[0] = 1;
        mask[mask.length - 1] = density === 0 ? 0 : 1;
        const runs = encodeMaskRle(mask, w, h);
        expect(runs.reduce((a, b) => a + b, 0)).toBe(w * h);
        expect(runs.slice(1).every((r) => r > 0)).toBe(true);
        expect(Buffer.from(decodeMaskRle(runs, w, h)).equals(Buffer.from(mask))).toBe(true);
        expect(countMaskRlePixels(runs)).toBe(mask.reduce((a, b) => a + b, 0));
      }
    }
  });

  it('refuses runs that do not describe the image exactly', () => {
    expect(() => decodeMaskRle([7], 4, 2)).toThrow(/cover 7 pixels/);
    expect(() => decodeMaskRle([4, 5], 4, 2)).toThrow(AppError);
    expect(() => decodeMaskRle([2, 0, 6], 4, 2)).toThrow(/only the first may be 0/);
    expect(() => decodeMaskRle([-1, 9], 4, 2)).toThrow(AppError);
    expect(() => decodeMaskRle([1.5, 6.5], 4, 2)).toThrow(AppError);
    expect(() => decodeMaskRle([0], 0, 0)).toThrow(/not a positive whole number/);
  });

  it('refuses a mask whose length does not match its size', () => {
    expect(() => encodeMaskRle(new Uint8Array(7), 4, 2)).toThrow(/7 pixels but 4 x 2 = 8/);
  });
});
