import type Database from 'better-sqlite3';
import type { DatasetSummary } from '../../../../shared/model/dataset';

/** Dataset snapshots. */
export class DatasetRepository {
  constructor(private readonly db: Database.Database) {}

  insert(s: DatasetSummary, createdBy: number | null, consensusIds: number[]): void {
    const { id, createdAt, settings, split, ...summary } = s;
    this.db
      .prepare('INSERT OR IGNORE INTO dataset_snapshot (id, created_at, created_by, settings, split, summary, consensus_ids) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, createdAt, createdBy, JSON.stringify(settings), JSON.stringify(split), JSON.stringify(summary), JSON.stringify(consensusIds));
  }

  get(id: string): DatasetSummary | null {
    const r = this.db.prepare('SELECT id, created_at AS createdAt, settings, split, summary FROM dataset_snapshot WHERE id = ?').get(id) as
      | { id: string; createdAt: string; settings: string; split: string; summary: string }
      | undefined;
    return r ? { id: r.id, createdAt: r.createdAt, settings: JSON.parse(r.settings), split: JSON.parse(r.split), ...JSON.parse(r.summary) } : null;
  }

  all(): DatasetSummary[] {
    return (this.db.prepare('SELECT id FROM dataset_snapshot ORDER BY created_at DESC').all() as { id: string }[]).map((r) => this.get(r.id)!);
  }

  consensusIds(id: string): number[] {
    const r = this.db.prepare('SELECT consensus_ids AS ids FROM dataset_snapshot WHERE id = ?').get(id) as { ids: string } | undefined;
    return r ? (JSON.parse(r.ids) as number[]) : [];
  }
}
