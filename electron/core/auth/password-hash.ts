import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../../shared/contracts/errors';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current minimum for scrypt: N=2^17, r=8, p=1, which takes 128 MiB per hash. */
export const PRODUCTION_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 131072, r: 8, p: 1 });

const KEY_LENGTH = 32;

/**
 * The parameters new hashes get. BME_TEST_SCRYPT_N lowers N for test fixtures (a power of two
 * from 1024), so that a test suite creating hundreds of accounts does not spend minutes and
 * gigabytes on hashing; every hash names its own parameters, so such hashes still verify, and a
 * sign-in under the production parameters rehashes them.
 */
export function currentScrypt(): ScryptParams {
  const raw = process.env.BME_TEST_SCRYPT_N;
  const n = raw ? Number(raw) : NaN;
  if (Number.isSafeInteger(n) && n >= 1024 && n <= PRODUCTION_SCRYPT.N && (n & (n - 1)) === 0) return { ...PRODUCTION_SCRYPT, N: n };
  return { ...PRODUCTION_SCRYPT };
}

/**
 * At most MAX_RUNNING derivations at once and MAX_WAITING waiting: each takes 128*N*r bytes
 * (128 MiB in production), so a burst of guesses must queue, and beyond the queue be refused
 * before any memory is taken, instead of running in parallel until the process runs out.
 */
const MAX_RUNNING = 2;
const MAX_WAITING = 16;
let running = 0;
const waiting: (() => void)[] = [];
const stats = { completed: 0, maxRunning: 0, refused: 0 };

/** Hashing counters, for tests and status displays. */
export function hashingStats(): Readonly<typeof stats> {
  return { ...stats };
}

async function withHashingSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_WAITING) {
      stats.refused++;
      throw new AppError('rate_limited', 'Too many sign-ins are being checked at once on this workstation. Wait a few seconds, then try again.');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  stats.maxRunning = Math.max(stats.maxRunning, running);
  try {
    return await fn();
  } finally {
    running--;
    stats.completed++;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return withHashingSlot(
    () => new Promise<Buffer>((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)))),
  );
}

/** An scrypt hash of a password, self-describing: scrypt$N$r$p$salt$hash (base64). */
export async function hashPassword(password: string, params: ScryptParams = currentScrypt()): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): (ScryptParams & { salt: Buffer; expected: Buffer }) | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // A hash that asks for more than 256 MiB (someone edited the file) is refused, not computed.
  if (![N, r, p].every((v) => Number.isSafeInteger(v) && v > 0) || 128 * N * r > 256 * 1024 * 1024 || p > 16) return null;
  return { N, r, p, salt: Buffer.from(parts[4]!, 'base64'), expected: Buffer.from(parts[5]!, 'base64') };
}

/** Checks a password against a stored hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const key = await derive(password, h.salt, h);
  return key.length === h.expected.length && timingSafeEqual(key, h.expected);
}

/** Whether a stored hash is weaker than what new hashes get (then sign-in replaces it). */
export function needsRehash(stored: string, params: ScryptParams = currentScrypt()): boolean {
  const h = parse(stored);
  return !h || h.N < params.N || h.r < params.r || h.p < params.p;
}
