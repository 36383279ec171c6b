import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/contracts/errors';
import type { Migration } from './migrations/migration';

export interface MigrateOptions {
  /** Called before any pending migration runs (the backup hook), with the versions involved. */
  beforeMigrate?: (from: number, to: number) => void;
  /**
   * Stop at this schema version instead of the newest (tests of one migration's data step start
   * from the version before it). Must be one of the known versions.
   */
  target?: number;
}

/**
 * Brings the database to the newest schema (or `options.target`) in one transaction keyed on
 * PRAGMA user_version, and checks foreign keys before committing. A database newer than this app
 * is refused untouched, as Signal Desktop does; a failing step rolls every step back.
 */
export function migrate(
  db: Database.Database,
  file: string,
  all: readonly Migration[],
  options: MigrateOptions = {},
): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const tooNew = tooNewError(file, from, all);
  if (tooNew) throw tooNew;
  const latest = all.length ? all[all.length - 1]!.version : 0;
  const target = options.target ?? latest;
  if (target !== 0 && !all.some((m) => m.version === target)) {
    throw new Error(`migrate: there is no schema version ${target} (known: ${all.map((m) => m.version).join(', ')})`);
  }
  if (target < from) throw new Error(`migrate: ${file} is at schema ${from}, past the requested ${target}; migrations only go forward`);
  const pending = all.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from };
  options.beforeMigrate?.(from, target);
  // Immediate, like every write (see OpenStudy.tx); the version is read again under the lock, in
  // case another program migrated the file since it was first read.
  db.transaction(() => {
    const now = db.pragma('user_version', { simple: true }) as number;
    if (now !== from) {
      throw new AppError('conflict', `${file} was migrated by another program while this one opened it (schema ${from} -> ${now}). Open it again; nothing was changed here.`);
    }
    for (const m of pending) {
      try {
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
      } catch (err) {
        throw new AppError('io', `${file}: migration ${m.version} (${m.name}) failed: ${(err as Error).message}. Nothing was changed.`);
      }
      db.pragma(`user_version = ${m.version}`);
    }
    const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (broken.length > 0) {
      const first = broken[0]!;
      throw new AppError(
        'io',
        `${file}: migrating to schema ${target} would leave ${broken.length} row(s) pointing at missing records ` +
          `(first: ${first.table} row ${first.rowid} -> ${first.parent}). Nothing was changed.`,
      );
    }
  }).immediate();
  return { from, to: target };
}

/** The refusal of a study whose schema is newer than every migration this app has, or null. */
export function tooNewError(file: string, version: number, all: readonly { version: number }[]): AppError | null {
  const latest = all.length ? all[all.length - 1]!.version : 0;
  if (version <= latest) return null;
  return new AppError(
    'study_too_new',
    `The study ${file} was written by a newer version of BME Workstation (schema ${version}; ` +
      `this app knows schemas up to ${latest}). Install the newer app to open it; the file was not changed.`,
  );
}
