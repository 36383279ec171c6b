import type Database from 'better-sqlite3';
import type { EvaluationReport } from '../../../../shared/model/evaluation';
import type { InstanceId } from './imaging-repository';

export interface SuggestionRow {
  id: number;
  modelId: number;
  seriesId: number;
  /** The image (instance row) predicted. */
  instanceId: InstanceId;
  /** Its position in the series now (derived). */
  sliceIndex: number;
  mask: Uint8Array | null;
  maxProbability: number;
  createdAt: string;
}

/** Evaluation reports and model suggestions. */
export class EvaluationRepository {
  constructor(private readonly db: Database.Database) {}

  insert(modelId: number, createdBy: number | null, report: Omit<EvaluationReport, 'id'>): number {
    return Number(
      this.db.prepare('INSERT INTO evaluation (model_id, created_at, created_by, report) VALUES (?, ?, ?, ?)').run(modelId, report.computedAt, createdBy, JSON.stringify(report)).lastInsertRowid,
    );
  }

  get(id: number): EvaluationReport | null {
    const r = this.db.prepare('SELECT id, report FROM evaluation WHERE id = ?').get(id) as { id: number; report: string } | undefined;
    return r ? { ...(JSON.parse(r.report) as Omit<EvaluationReport, 'id'>), id: r.id } : null;
  }

  forModel(modelId: number): EvaluationReport[] {
    return (this.db.prepare('SELECT id FROM evaluation WHERE model_id = ? ORDER BY id DESC').all(modelId) as { id: number }[]).map((r) => this.get(r.id)!);
  }

  replaceSuggestions(modelId: number, seriesId: number, rows: { instanceId: InstanceId; mask: Uint8Array | null; maxProbability: number }[], now: string): void {
    this.db.prepare('DELETE FROM suggestion WHERE model_id = ? AND series_id = ?').run(modelId, seriesId);
    const stmt = this.db.prepare('INSERT INTO suggestion (model_id, series_id, instance_id, mask_rle, max_probability, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of rows) stmt.run(modelId, seriesId, r.instanceId, r.mask, r.maxProbability, now);
  }

  /** The newest model's suggestions for a series. */
  suggestions(seriesId: number): SuggestionRow[] {
    const latest = this.db.prepare('SELECT max(model_id) AS m FROM suggestion WHERE series_id = ?').get(seriesId) as { m: number | null };
    if (latest.m === null) return [];
    return this.db
      .prepare(
        `SELECT s.id, s.model_id AS modelId, s.series_id AS seriesId, s.instance_id AS instanceId, i.slice_index AS sliceIndex, s.mask_rle AS mask,
                s.max_probability AS maxProbability, s.created_at AS createdAt
         FROM suggestion s JOIN instance i ON i.id = s.instance_id WHERE s.series_id = ? AND s.model_id = ? ORDER BY i.slice_index, i.id`,
      )
      .all(seriesId, latest.m) as SuggestionRow[];
  }
}
