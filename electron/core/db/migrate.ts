import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/contracts/errors';
import type { Migration } from './migrations/migration';

export interface MigrateOptions {
  /** Called before any pending migration runs (the backup hook), with the versions involved. */
  beforeMigrate?: (from: number, to: number) => void;
}

/**
 * Brings the database to the newest schema in one transaction keyed on PRAGMA user_version.
 * A database newer than this app is refused untouched, as Signal Desktop does.
 */
export function migrate(
  db: Database.Database,
  file: string,
  all: readonly Migration[],
  options: MigrateOptions = {},
): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = all.length ? all[all.length - 1]!.version : 0;
  if (from > latest) {
    throw new AppError(
      'study_too_new',
      `The study ${file} was written by a newer version of BME Workstation (schema ${from}; ` +
        `this app knows schemas up to ${latest}). Install the newer app to open it; the file was not changed.`,
    );
  }
  const pending = all.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  options.beforeMigrate?.(from, latest);
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return { from, to: latest };
}
