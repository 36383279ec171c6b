import { AppError } from '../contracts/errors';

/**
 * Input checks shared by the metrics. They throw `AppError('bad_request')`: a failed check is a
 * caller's mistake (mismatched arrays, a negative count), never a property of the data that a
 * statistic should quietly absorb.
 */

/** Throws unless `value` is a finite integer >= 0. `what` names the value in the message. */
export function requireCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new AppError('bad_request', `${what} must be a whole number of at least 0, got ${value}.`);
  }
}

/** Throws unless both sequences have the same length. */
export function requireSameLength(
  a: { length: number },
  b: { length: number },
  whatA: string,
  whatB: string,
): void {
  if (a.length !== b.length) {
    throw new AppError(
      'bad_request',
      `${whatA} has ${a.length} entries but ${whatB} has ${b.length}; pair them one to one.`,
    );
  }
}

/** Throws unless `value` is a finite number (not NaN, not +-Infinity). */
export function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) {
    throw new AppError('bad_request', `${what} must be a finite number, got ${value}.`);
  }
}
