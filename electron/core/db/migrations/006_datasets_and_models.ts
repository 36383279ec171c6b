import type { Migration } from './migration';

/**
 * Dataset snapshots (what a model was trained on, by the consensus rows it came from), the model
 * registry, and the per-fold, per-epoch metrics of every training run.
 */
export const migration006: Migration = {
  version: 6,
  name: 'datasets and models',
  up: `
    CREATE TABLE dataset_snapshot (
      -- SHA-256 of the consensus rows and settings: the same inputs give the same id
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES account(id),
      -- JSON DatasetSettings
      settings TEXT NOT NULL,
      -- JSON DatasetSplit (patients by pseudonym)
      split TEXT NOT NULL,
      -- JSON DatasetSummary without id/settings/split
      summary TEXT NOT NULL,
      -- JSON array of the consensus row ids used, in sample order of series
      consensus_ids TEXT NOT NULL
    );

    CREATE TABLE model (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      dataset_id TEXT NOT NULL REFERENCES dataset_snapshot(id),
      -- the model this one was fine-tuned from
      parent_model_id INTEGER REFERENCES model(id),
      -- JSON: filters, size, epochs, batch size, learning rate, loss, augmentation, positive weight
      hyperparameters TEXT NOT NULL,
      -- JSON EngineInfo of the run
      engine TEXT,
      -- queued | training | done | cancelled | failed
      status TEXT NOT NULL,
      -- where the fold models and checkpoints live, relative to the study's data folder
      files_dir TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by INTEGER REFERENCES account(id),
      finished_at TEXT,
      error TEXT
    );

    CREATE TABLE training_epoch (
      model_id INTEGER NOT NULL REFERENCES model(id),
      fold INTEGER NOT NULL,
      epoch INTEGER NOT NULL,
      train_loss REAL NOT NULL,
      val_loss REAL,
      val_dice REAL,
      sensitivity REAL,
      specificity REAL,
      auc REAL,
      seconds REAL NOT NULL,
      PRIMARY KEY (model_id, fold, epoch)
    );
  `,
};
