import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyDiff, diffMasks, maskContentHash, sha256Hex, SliceMask } from '../../../renderer/src/editor';
import { maskToCanonicalBytes, wireMask } from '../../../shared/geometry/mask';
import { maskOverlap, rleMaskOverlap } from '../../../shared/metrics';

/** Deterministic pseudo-random generator (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomMask(width: number, height: number, density: number, seed: number): SliceMask {
  const r = rng(seed);
  const mask = new SliceMask(width, height);
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = r() < density ? 1 : 0;
  return mask;
}

describe('SliceMask basics', () => {
  it('counts pixels, finds the bounding box and compares', () => {
    const mask = SliceMask.fromAscii(['........', '..##....', '..###...', '........']);
    expect(mask.pixelCount()).toBe(5);
    expect(mask.boundingBox()).toEqual({ x0: 2, y0: 1, x1: 5, y1: 3 });
    expect(new SliceMask(8, 4).boundingBox()).toBeNull();
    expect(mask.equals(mask.clone())).toBe(true);
    const other = mask.clone();
    other.set(0, 0, 1);
    expect(mask.equals(other)).toBe(false);
    expect(mask.isAddedToBy(other)).toBe(true);
    expect(other.isAddedToBy(mask)).toBe(false);
  });

  it('copies and merges another slice of the same size, and refuses another size', () => {
    const a = SliceMask.fromAscii(['#...', '....']);
    const b = SliceMask.fromAscii(['....', '...#']);
    const c = a.clone();
    c.unionWith(b);
    expect(c.toAscii()).toEqual(['#...', '...#']);
    c.copyFrom(b);
    expect(c.equals(b)).toBe(true);
    expect(() => c.copyFrom(new SliceMask(3, 2))).toThrow(/different sizes/);
  });

  it('stores only 0 and 1 even when given other bytes', () => {
    const mask = new SliceMask(2, 1, Uint8Array.from([0, 255]));
    expect([...mask.data]).toEqual([0, 1]);
  });
});

describe('the wire form of a slice mask (shared/geometry/mask.ts)', () => {
  it('encodes the documented example, empty, full and lesion-first masks', () => {
    expect(SliceMask.fromAscii(['.##.', '...#']).toWire()).toEqual(wireMask(4, 2, [1, 2, 4, 1]));
    expect(new SliceMask(3, 2).toWire().runs).toEqual([6]);
    expect(SliceMask.fromAscii(['###', '###']).toWire().runs).toEqual([0, 6]);
    expect(SliceMask.fromAscii(['#..']).toWire().runs).toEqual([0, 1, 2]);
  });

  it('round-trips random masks', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const mask = randomMask(17, 9, seed / 25, seed);
      expect(SliceMask.fromWire(mask.toWire()).equals(mask)).toBe(true);
    }
  });

  it('is the run format the shared metrics read (Dice straight from stored masks)', () => {
    const a = randomMask(24, 16, 0.3, 41);
    const b = randomMask(24, 16, 0.3, 42);
    expect(rleMaskOverlap(a.toWire().runs, b.toWire().runs)).toEqual(maskOverlap(a.data, b.data));
  });

  it('rejects runs that overflow or fall short of the slice, or contain empty runs', () => {
    const raw = (runs: number[]) => ({ ...wireMask(2, 2, [4]), runs });
    expect(() => SliceMask.fromWire(raw([1, 2]))).toThrow(/cover 3 pixels/);
    expect(() => SliceMask.fromWire(raw([1, 4]))).toThrow(/cover 5 pixels/);
    expect(() => SliceMask.fromWire(raw([1, 0, 1]))).toThrow(/only the first may be 0/);
  });
});

describe('content hash', () => {
  it('matches Node crypto SHA-256 at the padding edge cases', () => {
    const r = rng(7);
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(r() * 256));
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('is SHA-256 of the canonical varint bytes of size and runs', () => {
    const mask = SliceMask.fromAscii(['.##.', '...#']);
    expect([...maskToCanonicalBytes(mask.toWire())]).toEqual([4, 2, 1, 2, 4, 1]);
    // 300 needs two varint bytes: 0xac 0x02.
    expect([...maskToCanonicalBytes(new SliceMask(300, 1).toWire())]).toEqual([0xac, 0x02, 1, 0xac, 0x02]);
    const expected = createHash('sha256').update(Uint8Array.from([4, 2, 1, 2, 4, 1])).digest('hex');
    expect(maskContentHash(mask)).toBe(`sha256:${expected}`);
  });

  it('is equal for equal masks and differs for one pixel or another size', () => {
    const a = randomMask(32, 32, 0.2, 3);
    const b = a.clone();
    expect(maskContentHash(a)).toBe(maskContentHash(b));
    b.data[100] ^= 1;
    expect(maskContentHash(a)).not.toBe(maskContentHash(b));
    expect(maskContentHash(new SliceMask(4, 8))).not.toBe(maskContentHash(new SliceMask(8, 4)));
  });
});

describe('mask diff (XOR in the changed rectangle)', () => {
  it('is null for equal masks', () => {
    const a = randomMask(8, 8, 0.3, 11);
    expect(diffMasks(a, a.clone())).toBeNull();
  });

  it('takes before to after and back again', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const before = randomMask(20, 15, 0.3, seed);
      const after = before.clone();
      const r = rng(seed + 100);
      for (let k = 0; k < 12; k++) after.data[Math.floor(r() * after.data.length)] ^= 1;
      const diff = diffMasks(before, after);
      if (!diff) continue;
      const m = before.clone();
      applyDiff(m, diff);
      expect(m.equals(after)).toBe(true);
      applyDiff(m, diff);
      expect(m.equals(before)).toBe(true);
    }
  });

  it('records the rectangle and count of flipped pixels', () => {
    const before = SliceMask.fromAscii(['......', '.##...', '......', '......']);
    const after = SliceMask.fromAscii(['......', '.#....', '......', '....#.']);
    const diff = diffMasks(before, after)!;
    expect(diff.rect).toEqual({ x0: 2, y0: 1, x1: 5, y1: 4 });
    expect(diff.changedPixels).toBe(2);
  });
});
