/** Stable error codes shared by every host and client. */
export type ErrorCode =
  | 'bad_request' // parameters failed validation
  | 'unknown_method'
  | 'unauthenticated' // nobody is signed in
  | 'forbidden' // signed in, but this person may not do this
  | 'no_study' // no study is open in this session
  | 'not_found'
  | 'conflict'
  | 'study_too_new' // the database was written by a newer app version
  | 'io' // the file system refused (disk full, read-only, missing)
  | 'invalid_file' // a file exists but is not what it should be
  | 'cancelled'
  | 'rate_limited' // too many attempts (sign-in); details.retryAfterSeconds when known
  | 'internal';

/**
 * An error meant for a person: `message` says what happened, to which file or record, and what to
 * do. Services throw it; the router turns it into a plain `{code, message}` object on the wire.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A client-side error rebuilt from the wire payload; `method` is the call that was refused. */
export class RemoteError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly method?: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}
