import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a reference file written once by test/fixtures/metrics/make_fixtures.py (scikit-learn,
 * numpy, scipy). The tests never call python.
 */
export function loadMetricsFixture<T>(name: string): T {
  const file = join(__dirname, '..', '..', 'fixtures', 'metrics', name);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** A mask stored in a fixture as a string of '0'/'1' characters, row-major. */
export function maskFromBits(bits: string): Uint8Array {
  return Uint8Array.from(bits, (c) => (c === '1' ? 1 : 0));
}

/** A small deterministic generator (mulberry32) for the property tests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
