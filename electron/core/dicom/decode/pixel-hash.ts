import { createHash } from 'node:crypto';
import type { StoredArray } from './stored-values';

/**
 * SHA-256 (hex) of stored values written as little-endian signed 32-bit integers, in the order
 * given (row-major, samples interleaved): the `pixelSha256` of `bme inspect`, comparable across
 * transfer syntaxes and with any tool that can dump the same integers.
 */
export function storedValuesSha256(values: StoredArray): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeInt32LE(values[i] | 0, i * 4);
  return createHash('sha256').update(bytes).digest('hex');
}
