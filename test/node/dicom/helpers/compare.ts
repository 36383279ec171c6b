import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Values = ArrayLike<number>;

/** The first difference between two value arrays (length included), or null when identical. */
export function firstDifference(actual: Values, expected: Values): { index: number; actual: number; expected: number } | string | null {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) return { index: i, actual: actual[i], expected: expected[i] };
  }
  return null;
}

/** Largest and mean absolute difference between two arrays of the same length. */
export function absoluteError(a: Values, b: Values): { max: number; mean: number } {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max) max = d;
  }
  return { max, mean: sum / a.length };
}

/** A temp folder for one test file, removed by the returned cleanup. */
export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `bme-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
