import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { EngineReport, EpochMetrics, Hyperparameters, ModelSummary } from '../../../../shared/model/training';

interface Raw {
  id: number;
  name: string;
  datasetId: string;
  parentModelId: number | null;
  hyperparameters: string;
  engine: string | null;
  status: ModelSummary['status'];
  filesDir: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
}

const SELECT = `SELECT id, name, dataset_id AS datasetId, parent_model_id AS parentModelId, hyperparameters, engine, status, files_dir AS filesDir,
  created_at AS createdAt, finished_at AS finishedAt, error FROM model`;

/** The model registry and the metrics of every epoch of every fold. */
export class ModelRepository {
  constructor(private readonly db: Database.Database) {}

  insert(m: { name: string; datasetId: string; parentModelId: number | null; hyperparameters: Hyperparameters; createdAt: string; createdBy: number | null }): number {
    const id = Number(
      this.db
        .prepare(`INSERT INTO model (name, dataset_id, parent_model_id, hyperparameters, status, files_dir, created_at, created_by) VALUES (?, ?, ?, ?, 'queued', '', ?, ?)`)
        .run(m.name, m.datasetId, m.parentModelId, JSON.stringify(m.hyperparameters), m.createdAt, m.createdBy).lastInsertRowid,
    );
    // A suffix of its own: a study restored from a backup must not find another model's files here.
    this.db.prepare('UPDATE model SET files_dir = ? WHERE id = ?').run(`models/${id}-${randomBytes(4).toString('hex')}`, id);
    return id;
  }

  setStatus(id: number, status: ModelSummary['status'], finishedAt: string | null = null, error: string | null = null): void {
    this.db.prepare('UPDATE model SET status = ?, finished_at = ?, error = ? WHERE id = ?').run(status, finishedAt, error, id);
  }

  setEngine(id: number, engine: EngineReport): void {
    this.db.prepare('UPDATE model SET engine = ? WHERE id = ?').run(JSON.stringify(engine), id);
  }

  addEpoch(id: number, e: EpochMetrics): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO training_epoch (model_id, fold, epoch, train_loss, val_loss, val_dice, sensitivity, specificity, auc, seconds)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, e.fold, e.epoch, e.trainLoss, e.valLoss, e.valDice, e.sensitivity, e.specificity, e.auc, e.seconds);
  }

  epochs(id: number): EpochMetrics[] {
    return this.db
      .prepare(
        `SELECT fold, epoch, train_loss AS trainLoss, val_loss AS valLoss, val_dice AS valDice, sensitivity, specificity, auc, seconds
         FROM training_epoch WHERE model_id = ? ORDER BY fold, epoch`,
      )
      .all(id) as EpochMetrics[];
  }

  filesDir(id: number): string | null {
    return (this.db.prepare('SELECT files_dir AS d FROM model WHERE id = ?').get(id) as { d: string } | undefined)?.d ?? null;
  }

  get(id: number): ModelSummary | null {
    const r = this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Raw | undefined;
    if (!r) return null;
    const hyper = JSON.parse(r.hyperparameters) as Hyperparameters;
    const epochs = this.epochs(id);
    const folds = [...new Set(epochs.map((e) => e.fold))];
    return {
      id: r.id,
      name: r.name,
      datasetId: r.datasetId,
      parentModelId: r.parentModelId,
      hyperparameters: hyper,
      engine: r.engine ? (JSON.parse(r.engine) as EngineReport) : null,
      status: r.status,
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
      error: r.error,
      epochs,
      foldsDone: folds.filter((f) => epochs.some((e) => e.fold === f && e.epoch === hyper.epochs - 1)),
    };
  }

  all(): ModelSummary[] {
    return (this.db.prepare('SELECT id FROM model ORDER BY id DESC').all() as { id: number }[]).map((r) => this.get(r.id)!);
  }

  /** Runs that were training when the app stopped: they can resume from their checkpoint. */
  interrupted(): number[] {
    return (this.db.prepare("SELECT id FROM model WHERE status IN ('queued', 'training')").all() as { id: number }[]).map((r) => r.id);
  }
}
