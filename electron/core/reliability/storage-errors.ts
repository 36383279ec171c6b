import { AppError } from '../../../shared/contracts/errors';

/** The kinds of storage failure a person can act on. */
export type StorageFailureKind = 'full' | 'read_only' | 'io' | 'busy';

/**
 * Classifies an error thrown by SQLite (better-sqlite3's SqliteError carries the extended result
 * code, e.g. SQLITE_IOERR_WRITE) or by the file system; null for anything else.
 */
export function storageFailureKind(err: unknown): StorageFailureKind | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code === 'EIO') return 'io';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  return null;
}

/**
 * The AppError a person sees when a write to a study fails in the storage layer: what happened,
 * to which file, that nothing already saved is lost (SQLite rolled the change back whole), and
 * what to do. Returns null when `err` is not a storage failure (it is then passed on unchanged).
 */
export function storageFailure(err: unknown, file: string | null): AppError | null {
  const kind = storageFailureKind(err);
  if (!kind) return null;
  const where = file ?? 'the study file';
  const sqlite = (err as Error).message;
  const kept = 'This change was not saved; everything saved before it is intact.';
  switch (kind) {
    case 'full':
      return new AppError('io', `The disk holding ${where} is full (${sqlite}). ${kept} Free some space on that disk, then save again.`, { storage: kind });
    case 'read_only':
      return new AppError('io', `${where} cannot be written: the file or its folder is read-only (${sqlite}). ${kept} Make the folder writable (or copy the study to a writable one), then save again.`, {
        storage: kind,
      });
    case 'io':
      return new AppError('io', `The disk refused a write to ${where} (${sqlite}). ${kept} Check the drive (unplugged, network share gone, failing disk), then save again.`, {
        storage: kind,
      });
    case 'busy':
      return new AppError('io', `${where} is locked by another program that is writing to it (${sqlite}). ${kept} Wait for it to finish (an import from the command line?), then save again.`, {
        storage: kind,
      });
  }
}

/** Runs `fn`; a storage failure it throws comes out as storageFailure's AppError. */
export function translatingStorageFailures<T>(file: string | null, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw storageFailure(err, file) ?? err;
  }
}
