/**
 * Deterministic pseudo-random numbers for the phantom: the same seed gives the same numbers on
 * every machine and Node version (integer arithmetic only; no Math.random).
 */

/** A 32-bit hash of a label (FNV-1a then a murmur3 finaliser), to derive independent seeds. */
export function hash32(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for synthetic images (not for cryptography). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent generator for a named sub-task, so adding draws in one part leaves others unchanged. */
  static derive(...parts: (string | number)[]): Rng {
    return new Rng(hash32(parts.join('/')));
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

const NORMAL_TABLE_SIZE = 1 << 16;
let normalTable: Float32Array | null = null;

/**
 * 65,536 standard normal samples drawn once from a fixed seed. Image noise indexes this table
 * with a fast integer generator: per-pixel Box-Muller would dominate the generation time.
 */
export function normalTable65536(): Float32Array {
  if (!normalTable) {
    const rng = new Rng(0x5eed1e55);
    normalTable = new Float32Array(NORMAL_TABLE_SIZE);
    for (let i = 0; i < NORMAL_TABLE_SIZE; i++) normalTable[i] = rng.normal();
  }
  return normalTable;
}
