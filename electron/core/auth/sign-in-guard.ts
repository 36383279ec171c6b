import { AppError } from '../../../shared/contracts/errors';

/** Failed attempts allowed before an account name is locked for a while. */
const FREE_ATTEMPTS = 5;
/** The first lock lasts 30 s and doubles with each further failure, up to 15 minutes. */
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 15 * 60_000;

interface Attempts {
  failures: number;
  lockedUntil: number;
  inFlight: number;
}

/**
 * Limits password guesses per account name of a study, before any hashing: after 5 failures in a
 * row the name is locked for 30 s, then 60 s, ... up to 15 minutes; attempts still being checked
 * count against the limit, so parallel guesses cannot slip past it. The state is in memory: a
 * restart of the app forgets it (an attacker who can restart the app can also read the file).
 * Unknown names are limited the same way, so a lock says nothing about whether the name exists.
 * A lock also keeps the right person out until it ends: the price of a limit without a server.
 */
export class SignInGuard {
  private readonly attempts = new Map<string, Attempts>();

  constructor(private readonly now: () => number = Date.now) {}

  private key(file: string, username: string): string {
    return `${file}\n${username.trim().toLowerCase()}`;
  }

  /** Refuses now if the name is locked; otherwise reserves an attempt (end it with `settle`). */
  begin(file: string, username: string): void {
    const k = this.key(file, username);
    const a = this.attempts.get(k) ?? { failures: 0, lockedUntil: 0, inFlight: 0 };
    const wait = a.lockedUntil - this.now();
    // Locked; or so many attempts are being checked that they could exceed the limit together
    // (after a lock ends, one attempt at a time).
    const crowded = a.inFlight > 0 && a.failures + a.inFlight >= FREE_ATTEMPTS;
    if (wait > 0 || crowded) {
      const seconds = Math.max(1, Math.ceil(Math.max(wait, 1000) / 1000));
      throw new AppError(
        'rate_limited',
        `Too many failed sign-ins for ${JSON.stringify(username.slice(0, 40))} on this study: try again in ${seconds} s. If you forgot the password, ask the study's coordinator to set a new one.`,
        { retryAfterSeconds: seconds },
      );
    }
    a.inFlight++;
    this.attempts.set(k, a);
  }

  /**
   * Records how the reserved attempt ended ('unchecked': it never got to the password check, e.g.
   * the hashing queue was full, and does not count); returns true when this failure started a lock.
   */
  settle(file: string, username: string, outcome: 'ok' | 'failed' | 'unchecked'): boolean {
    const k = this.key(file, username);
    const a = this.attempts.get(k);
    if (!a) return false;
    a.inFlight = Math.max(0, a.inFlight - 1);
    if (outcome === 'unchecked') {
      if (a.inFlight === 0 && a.failures === 0) this.attempts.delete(k);
      return false;
    }
    if (outcome === 'ok') {
      this.attempts.delete(k);
      return false;
    }
    a.failures++;
    if (a.failures < FREE_ATTEMPTS) return false;
    a.lockedUntil = this.now() + Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** (a.failures - FREE_ATTEMPTS));
    return true;
  }

  /** Forgets a name's failures (its password was set anew by someone allowed to). */
  clear(file: string, username: string): void {
    this.attempts.delete(this.key(file, username));
  }
}
