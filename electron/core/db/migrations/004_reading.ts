import type { Migration } from './migration';

/**
 * Reading: who reads which series (reader 1, reader 2, comparison readers), and every reader's
 * per-slice label and mask. A slice without a slice_read row is unread.
 */
export const migration004: Migration = {
  version: 4,
  name: 'reading',
  up: `
    CREATE TABLE assignment (
      id INTEGER PRIMARY KEY,
      series_id INTEGER NOT NULL REFERENCES series(id),
      account_id INTEGER NOT NULL REFERENCES account(id),
      -- reader1 | reader2 | comparison
      reader_slot TEXT NOT NULL CHECK (reader_slot IN ('reader1', 'reader2', 'comparison')),
      assigned_at TEXT NOT NULL,
      assigned_by INTEGER REFERENCES account(id),
      -- set when the reader locks the finished read; NULL while it is open
      locked_at TEXT,
      -- where the reader was last (0-based slice index), to resume there
      last_slice INTEGER NOT NULL DEFAULT 0,
      UNIQUE (series_id, account_id)
    );
    CREATE UNIQUE INDEX assignment_slot ON assignment(series_id, reader_slot) WHERE reader_slot IN ('reader1', 'reader2');
    CREATE INDEX assignment_account ON assignment(account_id);

    CREATE TABLE slice_read (
      assignment_id INTEGER NOT NULL REFERENCES assignment(id),
      slice_index INTEGER NOT NULL,
      label TEXT NOT NULL CHECK (label IN ('present', 'absent')),
      -- run lengths of the mask (shared/geometry/mask-rle.ts), NULL when the mask is empty
      mask_rle BLOB,
      mask_pixels INTEGER NOT NULL DEFAULT 0,
      -- JSON [x0, y0, x1, y1] (inclusive, image pixels) of the mask, NULL when empty
      bbox TEXT,
      -- SHA-256 of label + mask: the audit's before/after hashes
      content_hash TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      revision INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (assignment_id, slice_index)
    );
  `,
};
