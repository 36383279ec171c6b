import type { Migration } from './migration';

/** Local accounts (scrypt password hashes) and the study's settings. */
export const migration003: Migration = {
  version: 3,
  name: 'accounts and settings',
  up: `
    CREATE TABLE account (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('reader', 'coordinator', 'admin')),
      -- scrypt$N$r$p$salt$hash (base64)
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL
    );

    CREATE TABLE study_setting (
      key TEXT PRIMARY KEY,
      -- JSON value
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by INTEGER REFERENCES account(id)
    );
  `,
};
