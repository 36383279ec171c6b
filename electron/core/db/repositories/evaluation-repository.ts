import type Database from 'better-sqlite3';
import type { EvaluationReport } from '../../../../shared/model/evaluation';

export interface SuggestionRow {
  id: number;
  modelId: number;
  seriesId: number;
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

  replaceSuggestions(modelId: number, seriesId: number, rows: { sliceIndex: number; mask: Uint8Array | null; maxProbability: number }[], now: string): void {
    this.db.prepare('DELETE FROM suggestion WHERE model_id = ? AND series_id = ?').run(modelId, seriesId);
    const stmt = this.db.prepare('INSERT INTO suggestion (model_id, series_id, slice_index, mask_rle, max_probability, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of rows) stmt.run(modelId, seriesId, r.sliceIndex, r.mask, r.maxProbability, now);
  }

  /** The newest model's suggestions for a series. */
  suggestions(seriesId: number): SuggestionRow[] {
    const latest = this.db.prepare('SELECT max(model_id) AS m FROM suggestion WHERE series_id = ?').get(seriesId) as { m: number | null };
    if (latest.m === null) return [];
    return this.db
      .prepare(
        `SELECT id, model_id AS modelId, series_id AS seriesId, slice_index AS sliceIndex, mask_rle AS mask, max_probability AS maxProbability, created_at AS createdAt
         FROM suggestion WHERE series_id = ? AND model_id = ? ORDER BY slice_index`,
      )
      .all(seriesId, latest.m) as SuggestionRow[];
  }
}
