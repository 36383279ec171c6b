import type { ErrorPayload } from './define';

/**
 * The outcome of one contract call, as the router returns it and every transport carries it:
 * the result, or the refusal as a plain `{ code, message, details }` object.
 */
export type Outcome<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorPayload };
