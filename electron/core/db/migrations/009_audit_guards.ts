import type { Migration } from './migration';

/**
 * The audit trail's third guard: `INSERT OR REPLACE` (and `REPLACE INTO`) deleted the row it
 * collided with and wrote another in its place without firing the BEFORE DELETE trigger (SQLite
 * fires delete triggers of a REPLACE only with recursive_triggers on). A row may now only be added
 * after the newest one: an id already taken, an id inside the trail, or a hash already in it is
 * refused. The trigger's text is what `bme audit verify` compares the study's with
 * (expected-audit-triggers.ts), as it does for the two of schema 1.
 *
 * The keyed chain itself needs no schema: the host that holds the study's key begins it with an
 * 'audit.epoch' row the first time it opens the study (see audit-key/bind-audit-key.ts); a
 * migration never holds the key.
 */
export const migration009: Migration = {
  version: 9,
  name: 'audit guards',
  up: `
    CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
    WHEN (NEW.id > 0 AND NEW.id <= (SELECT coalesce(max(id), 0) FROM audit)) OR EXISTS (SELECT 1 FROM audit WHERE row_hash = NEW.row_hash)
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows can only be added after the newest one'); END;
  `,
};
