import { describe, expect, it } from 'vitest';
import { fillHoles, labelComponents, removeSmallIslands, SliceMask } from '../../../renderer/src/editor';

describe('fill holes', () => {
  it('fills the inside of a closed ring', () => {
    const mask = SliceMask.fromAscii(['.......', '.#####.', '.#...#.', '.#.#.#.', '.#...#.', '.#####.', '.......']);
    expect(fillHoles(mask)).toBe(8);
    expect(mask.toAscii()).toEqual(['.......', '.#####.', '.#####.', '.#####.', '.#####.', '.#####.', '.......']);
  });

  it('leaves an open ring alone (its inside reaches the border)', () => {
    const rows = ['.......', '.##.##.', '.#...#.', '.#...#.', '.#####.', '.......'];
    const mask = SliceMask.fromAscii(rows);
    expect(fillHoles(mask)).toBe(0);
    expect(mask.toAscii()).toEqual(rows);
  });

  it('treats a diagonally closed ring as closed with 4-connected background, open with 8', () => {
    const rows = ['.......', '..###..', '.#...#.', '.#...#.', '.#...#.', '..###..', '.......'];
    const four = SliceMask.fromAscii(rows);
    expect(fillHoles(four)).toBe(9);
    const eight = SliceMask.fromAscii(rows);
    expect(fillHoles(eight, 8)).toBe(0);
  });
});

describe('remove small islands', () => {
  it('removes components below the threshold and keeps one of exactly the threshold', () => {
    const mask = SliceMask.fromAscii([
      '##......',
      '#.......',
      '....####',
      '....####',
      '........',
      '.#......',
    ]);
    // Components: 3 px (top left), 8 px (right), 1 px (bottom).
    expect(removeSmallIslands(mask, 8)).toBe(4);
    expect(mask.toAscii()).toEqual(['........', '........', '....####', '....####', '........', '........']);
  });

  it('joins diagonal neighbours with 8-connectivity, not with 4', () => {
    const rows = ['#...', '.#..', '....'];
    const eight = SliceMask.fromAscii(rows);
    expect(removeSmallIslands(eight, 2, 8)).toBe(0);
    const four = SliceMask.fromAscii(rows);
    expect(removeSmallIslands(four, 2, 4)).toBe(2);
  });

  it('labels components with sizes and border contact', () => {
    const mask = SliceMask.fromAscii(['#....', '.....', '..##.', '.....']);
    const { sizes, touchesBorder } = labelComponents(mask, 1, 8);
    expect(sizes.slice(1)).toEqual([1, 2]);
    expect(touchesBorder.slice(1)).toEqual([true, false]);
  });
});
