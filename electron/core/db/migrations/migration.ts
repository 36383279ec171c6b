import type Database from 'better-sqlite3';

/**
 * One schema step. `version` is what PRAGMA user_version becomes once `up` has run.
 *
 * `up` is SQL, or a function of the database for steps that need code (a data migration that
 * re-keys rows, say). Either runs inside the one migration transaction that brings a study to the
 * newest schema, so a function must not begin or commit a transaction of its own, and cannot
 * change PRAGMA foreign_keys (SQLite ignores that inside a transaction): a step that rebuilds a
 * referenced table uses `PRAGMA defer_foreign_keys = ON`; foreign keys are checked after the last
 * step, before the commit.
 */
export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}
