import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import {
  countRunPixels,
  decodeMask,
  decodeRuns,
  EncodedMask,
  encodeMask,
  encodeRuns,
  maskFromCanonicalBytes,
  maskHash,
  maskPixelCount,
  maskToCanonicalBytes,
  MASK_ENCODING,
  MASK_ENCODING_DESCRIPTION,
  roiOrNull,
  wireMask,
} from '../../../shared/geometry/mask';
import { sliceReadHash } from '../../../shared/model/slice-read-hash';

/** A deterministic pseudo-random mask (xorshift32) so failures reproduce. */
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

/** An object as a client could send it, bypassing the constructor. */
const raw = (width: number, height: number, runs: unknown[]) => ({ encoding: MASK_ENCODING, width, height, runs });

describe('mask runs (rle-row-major-v1)', () => {
  it('encodes the documented examples', () => {
    expect(encodeRuns(new Uint8Array(8), 4, 2)).toEqual([8]);
    expect(encodeRuns(new Uint8Array(8).fill(1), 4, 2)).toEqual([0, 8]);
    expect(encodeRuns(Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 1]), 4, 2)).toEqual([1, 2, 4, 1]);
    expect(MASK_ENCODING).toBe('rle-row-major-v1');
    expect(MASK_ENCODING_DESCRIPTION).toMatch(/^rle-row-major-v1: row-major/);
  });

  it('counts any non-zero byte as set and decodes to 0/1', () => {
    const runs = encodeRuns(Uint8Array.from([255, 7, 0, 1]), 2, 2);
    expect(runs).toEqual([0, 2, 1, 1]);
    expect([...decodeRuns(runs, 2, 2)]).toEqual([1, 1, 0, 1]);
  });

  it('round-trips masks of many sizes and densities, including set first and last pixels', () => {
    for (const [w, h] of [[1, 1], [3, 5], [64, 64], [192, 320], [7, 1]] as const) {
      for (const density of [0, 0.02, 0.5, 0.97, 1]) {
        const pixels = randomMask(w, h, w * 31 + h + Math.round(density * 100), density);
        pixels[0] = 1;
        pixels[pixels.length - 1] = density === 0 ? 0 : 1;
        const mask = encodeMask(pixels, w, h);
        expect(mask.runs.reduce((a, b) => a + b, 0)).toBe(w * h);
        expect(mask.runs.slice(1).every((r) => r > 0)).toBe(true);
        expect(Buffer.from(decodeMask(mask)).equals(Buffer.from(pixels))).toBe(true);
        expect(maskPixelCount(mask)).toBe(pixels.reduce((a, b) => a + b, 0));
        expect(countRunPixels(mask.runs)).toBe(maskPixelCount(mask));
        expect(maskFromCanonicalBytes(maskToCanonicalBytes(mask))).toEqual(mask);
      }
    }
  });

  it('refuses pixels whose length does not match the size, and sizes that are not whole', () => {
    expect(() => encodeRuns(new Uint8Array(7), 4, 2)).toThrow(/7 pixels but 4 x 2 = 8/);
    expect(() => decodeRuns([0], 0, 0)).toThrow(/not a positive whole number/);
    expect(() => encodeMask(new Uint8Array(3), 1.5, 2)).toThrow(AppError);
  });
});

describe('the wire object EncodedMask', () => {
  it('is built by wireMask and encodeMask, and the schema accepts it unchanged', () => {
    const m = wireMask(4, 2, [1, 2, 4, 1]);
    expect(m).toEqual({ encoding: 'rle-row-major-v1', width: 4, height: 2, runs: [1, 2, 4, 1] });
    expect(encodeMask(Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 1]), 4, 2)).toEqual(m);
    expect(EncodedMask.parse(m)).toEqual(m);
    expect(EncodedMask.nullable().parse(null)).toBeNull();
  });

  it.each([
    ['runs that cover too few pixels', [1, 2, 4], ['runs'], /cover 7 pixels but the image has 4 x 2 = 8/],
    ['runs that cover too many pixels', [1, 2, 6], ['runs'], /cover 9 pixels/],
    ['no runs at all', [], ['runs'], /cover 0 pixels/],
    ['a zero run after the first', [2, 0, 6], ['runs', 1], /run 1 has length 0.*only the first may be 0/],
    ['a negative run', [-1, 9], ['runs', 0], /run 0 has length -1/],
    ['a fractional run', [1.5, 6.5], ['runs', 0], /run 0 has length 1.5; runs must be whole numbers/],
  ])('the refinement refuses %s, naming the field', (_what, runs, path, message) => {
    const parsed = EncodedMask.safeParse(raw(4, 2, runs));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toHaveLength(1);
    expect(parsed.error!.issues[0]!.path).toEqual(path);
    expect(parsed.error!.issues[0]!.message).toMatch(message);
    expect(() => wireMask(4, 2, runs as number[])).toThrow(message);
    expect(() => decodeMask(raw(4, 2, runs) as EncodedMask)).toThrow(message);
  });

  it('accepts a first run of 0 (the first pixel set)', () => {
    expect(EncodedMask.safeParse(raw(4, 2, [0, 8])).success).toBe(true);
    expect(EncodedMask.safeParse(raw(4, 2, [0, 1, 7])).success).toBe(true);
  });

  it('refuses another encoding, a size out of range and non-number runs', () => {
    expect(EncodedMask.safeParse({ ...raw(4, 2, [8]), encoding: 'png' }).success).toBe(false);
    expect(EncodedMask.safeParse(raw(0, 2, [])).success).toBe(false);
    expect(EncodedMask.safeParse(raw(5000, 1, [5000])).success).toBe(false);
    expect(EncodedMask.safeParse(raw(4, 2, ['8'])).success).toBe(false);
    expect(() => wireMask(5000, 1, [5000])).toThrow(/larger than 4096 pixels a side/);
    expect(() => wireMask(4096, 4096, Array.from({ length: 262_145 }, () => 64))).toThrow(/at most 262144/);
    expect(() => decodeMask({ ...raw(4, 2, [8]), encoding: 'png' } as unknown as EncodedMask)).toThrow(/Unknown mask encoding 'png'/);
  });
});

describe('an empty mask is no ROI', () => {
  it('roiOrNull keeps a mask with a set pixel and drops an empty one or none', () => {
    const roi = wireMask(4, 2, [1, 2, 5]);
    expect(roiOrNull(roi)).toBe(roi);
    expect(roiOrNull(wireMask(4, 2, [8]))).toBeNull();
    expect(roiOrNull(null)).toBeNull();
    expect(roiOrNull(undefined)).toBeNull();
  });

  it('the slice hash of an empty mask is the hash of no mask', () => {
    expect(sliceReadHash('absent', wireMask(4, 2, [8]))).toBe(sliceReadHash('absent', null));
    expect(sliceReadHash('present', wireMask(4, 2, [1, 2, 5]))).not.toBe(sliceReadHash('present', null));
  });
});

describe('canonical bytes and content hash (stored rows and audit hashes depend on them)', () => {
  it('are the varints of size and runs', () => {
    expect([...maskToCanonicalBytes(wireMask(4, 2, [1, 2, 4, 1]))]).toEqual([4, 2, 1, 2, 4, 1]);
    // 300 needs two varint bytes: 0xac 0x02.
    expect([...maskToCanonicalBytes(wireMask(300, 1, [300]))]).toEqual([0xac, 0x02, 1, 0xac, 0x02]);
    expect([...maskToCanonicalBytes(wireMask(300, 1, [100, 100, 100]))]).toEqual([172, 2, 1, 100, 100, 100]);
  });

  it('hash to the values the first version stored (literals: the format must not drift)', () => {
    // Computed with shared/geometry/mask-hash.ts's hashOfRuns before the mask module replaced it.
    expect(maskHash(wireMask(4, 2, [1, 2, 4, 1]))).toBe('sha256:b8aeea80be79f0110d3325cb247dca27677e2be0c9d3f28cbcf13a34f2369aef');
    expect(maskHash(wireMask(4, 2, [8]))).toBe('sha256:88416e2ebf35420131e16ecf8948847db2a4b8029b3e4376be6ddb55127726f6');
    expect(maskHash(wireMask(300, 1, [100, 100, 100]))).toBe('sha256:491cbe3bc759d48b33dfcddad917f595bf68dd94c3a2916783a48505ae7cc85b');
    const big = new Uint8Array(512 * 512);
    for (let r = 200; r < 260; r++) for (let c = 100; c < 300; c++) big[r * 512 + c] = 1;
    const m = encodeMask(big, 512, 512);
    expect(m.runs).toHaveLength(121);
    expect(maskHash(m)).toBe('sha256:fbfb8888374f144dc37bba6a5d4aeffc2b68be0f016e36bfcc499279416da0b8');
  });

  it('is SHA-256 of the canonical bytes, equal for equal masks and different for another size', () => {
    const m = wireMask(4, 2, [1, 2, 4, 1]);
    expect(maskHash(m)).toBe('sha256:' + createHash('sha256').update(maskToCanonicalBytes(m)).digest('hex'));
    expect(maskHash(wireMask(4, 8, [32]))).not.toBe(maskHash(wireMask(8, 4, [32])));
  });

  it('refuses damaged stored bytes as invalid_file', () => {
    const bad = (bytes: number[]) => {
      try {
        maskFromCanonicalBytes(Uint8Array.from(bytes));
      } catch (err) {
        return err as AppError;
      }
      throw new Error('accepted damaged bytes');
    };
    expect(bad([4, 2, 0x81]).message).toMatch(/incomplete varint/);
    expect(bad([4, 2, 7]).message).toMatch(/damaged: Mask runs cover 7 pixels/);
    expect(bad([4, 2, 2, 0, 6]).code).toBe('invalid_file');
  });
});
