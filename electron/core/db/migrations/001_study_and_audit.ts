import type { Migration } from './migration';

/** The study's identity, and the append-only, hash-chained audit trail every change writes to. */
export const migration001: Migration = {
  version: 1,
  name: 'study and audit',
  up: `
    CREATE TABLE study (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      study_id TEXT NOT NULL,
      title TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by_app TEXT NOT NULL
    );

    CREATE TABLE audit (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id INTEGER,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT,
      before_hash TEXT,
      after_hash TEXT,
      details TEXT NOT NULL DEFAULT '{}',
      prev_hash TEXT NOT NULL,
      row_hash TEXT NOT NULL UNIQUE
    );
    CREATE INDEX audit_entity ON audit(entity, entity_id);

    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be changed'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be deleted'); END;
  `,
};
