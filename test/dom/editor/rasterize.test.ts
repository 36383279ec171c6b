import { describe, expect, it } from 'vitest';
import { eraseDisc, fillPolygon, paintDisc, paintPolyline, paintSegment, SliceMask } from '../../../renderer/src/editor';

describe('brush discs and segments', () => {
  it('a radius-1 dab on a pixel centre covers the pixel and its 4 neighbours', () => {
    const mask = new SliceMask(7, 7);
    expect(paintDisc(mask, { x: 3.5, y: 3.5 }, 1)).toBe(5);
    expect(mask.toAscii()).toEqual(['.......', '.......', '...#...', '..###..', '...#...', '.......', '.......']);
  });

  it('a radius-2 dab covers the 13 pixels within distance 2', () => {
    const mask = new SliceMask(7, 7);
    paintDisc(mask, { x: 3.5, y: 3.5 }, 2);
    expect(mask.toAscii()).toEqual(['.......', '...#...', '..###..', '.#####.', '..###..', '...#...', '.......']);
  });

  it('a horizontal segment of radius 1 covers a capsule', () => {
    const mask = new SliceMask(9, 5);
    paintSegment(mask, { x: 2.5, y: 2.5 }, { x: 6.5, y: 2.5 }, 1, 1);
    expect(mask.toAscii()).toEqual(['.........', '..#####..', '.#######.', '..#####..', '.........']);
  });

  it('covers exactly the union of discs along a sampled segment (random segments)', () => {
    let seed = 5;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 12; trial++) {
      const a = { x: rand() * 24 - 2, y: rand() * 24 - 2 };
      const b = { x: rand() * 24 - 2, y: rand() * 24 - 2 };
      const radius = [1, 2, 3, 5][trial % 4]!;
      const mask = new SliceMask(20, 20);
      paintSegment(mask, a, b, radius, 1);
      const oracle = new SliceMask(20, 20);
      for (let row = 0; row < 20; row++) {
        for (let col = 0; col < 20; col++) {
          // Brute force: distance from the pixel centre to the segment by dense sampling.
          let best = Infinity;
          for (let k = 0; k <= 600; k++) {
            const t = k / 600;
            best = Math.min(best, Math.hypot(a.x + t * (b.x - a.x) - col - 0.5, a.y + t * (b.y - a.y) - row - 0.5));
          }
          // Skip centres within sampling error of the edge: either answer is right there.
          if (Math.abs(best - radius) < 0.05) oracle.set(col, row, mask.get(col, row));
          else if (best <= radius) oracle.set(col, row, 1);
        }
      }
      expect(mask.toAscii()).toEqual(oracle.toAscii());
    }
  });

  it('erases a disc and ignores the part of a stroke outside the image', () => {
    const mask = new SliceMask(5, 5);
    mask.data.fill(1);
    expect(eraseDisc(mask, { x: 0, y: 0 }, 1)).toBe(1);
    expect(mask.get(0, 0)).toBe(0);
    const blank = new SliceMask(5, 5);
    expect(paintPolyline(blank, [{ x: -10, y: -10 }, { x: -3, y: -3 }], 2, 1)).toBe(0);
    expect(paintPolyline(blank, [{ x: -10, y: 2.5 }, { x: 20, y: 2.5 }], 0.5, 1)).toBe(5);
  });
});

describe('polygon scanline fill', () => {
  it('fills the pixels whose centres lie inside a square', () => {
    const mask = new SliceMask(8, 8);
    const n = fillPolygon(mask, [{ x: 2, y: 2 }, { x: 6, y: 2 }, { x: 6, y: 6 }, { x: 2, y: 6 }]);
    expect(n).toBe(16);
    expect(mask.toAscii()).toEqual([
      '........', '........', '..####..', '..####..', '..####..', '..####..', '........', '........',
    ]);
  });

  it('fills a triangle: centres with col + row < 7 (28 pixels)', () => {
    const mask = new SliceMask(8, 8);
    fillPolygon(mask, [{ x: 0, y: 0 }, { x: 8, y: 0 }, { x: 0, y: 8 }]);
    expect(mask.pixelCount()).toBe(28);
    for (let row = 0; row < 8; row++) for (let col = 0; col < 8; col++) expect(mask.get(col, row)).toBe(col + row < 7 ? 1 : 0);
  });

  it('distinguishes nonzero from evenodd on an outline traced twice', () => {
    const square = [{ x: 2, y: 2 }, { x: 6, y: 2 }, { x: 6, y: 6 }, { x: 2, y: 6 }];
    const twice = [...square, ...square];
    const nonzero = new SliceMask(8, 8);
    const evenodd = new SliceMask(8, 8);
    expect(fillPolygon(nonzero, twice, 'nonzero')).toBe(16);
    expect(fillPolygon(evenodd, twice, 'evenodd')).toBe(0);
  });

  it('fills a hole-in-the-middle ring by evenodd only (outer and inner square, same direction)', () => {
    const outer = [{ x: 0, y: 0 }, { x: 8, y: 0 }, { x: 8, y: 8 }, { x: 0, y: 8 }, { x: 0, y: 0 }];
    const inner = [{ x: 2, y: 2 }, { x: 6, y: 2 }, { x: 6, y: 6 }, { x: 2, y: 6 }, { x: 2, y: 2 }];
    const evenodd = new SliceMask(8, 8);
    fillPolygon(evenodd, [...outer, ...inner], 'evenodd');
    expect(evenodd.pixelCount()).toBe(64 - 16);
    const nonzero = new SliceMask(8, 8);
    fillPolygon(nonzero, [...outer, ...inner], 'nonzero');
    expect(nonzero.pixelCount()).toBe(64);
  });

  it('gives two polygons sharing an edge no common pixel', () => {
    const left = new SliceMask(8, 8);
    const right = new SliceMask(8, 8);
    fillPolygon(left, [{ x: 0, y: 0 }, { x: 4.5, y: 0 }, { x: 3.5, y: 8 }, { x: 0, y: 8 }]);
    fillPolygon(right, [{ x: 4.5, y: 0 }, { x: 8, y: 0 }, { x: 8, y: 8 }, { x: 3.5, y: 8 }]);
    for (let i = 0; i < 64; i++) expect(left.data[i]! + right.data[i]!).toBe(1);
  });

  it('clears with value 0 and ignores degenerate input', () => {
    const mask = new SliceMask(8, 8);
    mask.data.fill(1);
    expect(fillPolygon(mask, [{ x: 2, y: 2 }, { x: 6, y: 2 }, { x: 6, y: 6 }, { x: 2, y: 6 }], 'nonzero', 0)).toBe(16);
    expect(mask.pixelCount()).toBe(48);
    expect(fillPolygon(mask, [{ x: 0, y: 0 }, { x: 5, y: 5 }])).toBe(0);
  });
});
