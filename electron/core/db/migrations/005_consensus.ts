import type { Migration } from './migration';

/**
 * Consensus: the ground-truth label and mask of each slice, with its provenance. A slice's
 * decisions are kept as a history: every revision is a new row, the newest is_current.
 */
export const migration005: Migration = {
  version: 5,
  name: 'consensus',
  up: `
    CREATE TABLE consensus (
      id INTEGER PRIMARY KEY,
      series_id INTEGER NOT NULL REFERENCES series(id),
      slice_index INTEGER NOT NULL,
      label TEXT NOT NULL CHECK (label IN ('present', 'absent')),
      -- canonicalMaskBytes of the consensus mask, NULL when absent
      mask_rle BLOB,
      mask_pixels INTEGER NOT NULL DEFAULT 0,
      content_hash TEXT NOT NULL,
      -- auto (concordant reads, by rule) | accept_reader1 | accept_reader2 | union | intersection | absent | edited
      method TEXT NOT NULL,
      -- for auto: primary | union | intersection; the threshold used
      rule TEXT,
      dice_threshold REAL,
      reason TEXT,
      -- JSON {"reader1": hash, "reader2": hash}: the reads this decision was made from
      source_hashes TEXT NOT NULL,
      decided_by INTEGER REFERENCES account(id),
      decided_at TEXT NOT NULL,
      is_current INTEGER NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX consensus_current ON consensus(series_id, slice_index) WHERE is_current = 1;
    CREATE INDEX consensus_slice ON consensus(series_id, slice_index, id);
  `,
};
