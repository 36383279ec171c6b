import type { Migration } from './migration';

/** Evaluations of models (the paper's tables) and the model's suggestions for readers. */
export const migration007: Migration = {
  version: 7,
  name: 'evaluations and suggestions',
  up: `
    CREATE TABLE evaluation (
      id INTEGER PRIMARY KEY,
      model_id INTEGER NOT NULL REFERENCES model(id),
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES account(id),
      -- JSON EvaluationReport
      report TEXT NOT NULL
    );

    -- A model's predicted mask of a slice. Never ground truth: a reader accepts it into their own
    -- read (a normal save, audited as theirs) or ignores it.
    CREATE TABLE suggestion (
      id INTEGER PRIMARY KEY,
      model_id INTEGER NOT NULL REFERENCES model(id),
      series_id INTEGER NOT NULL REFERENCES series(id),
      slice_index INTEGER NOT NULL,
      -- canonicalMaskBytes at the series' size, NULL when the model sees no BME
      mask_rle BLOB,
      max_probability REAL NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (model_id, series_id, slice_index)
    );
  `,
};
