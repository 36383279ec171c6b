import type Database from 'better-sqlite3';
import type { InstanceId } from './imaging-repository';

export type ReaderSlot = 'reader1' | 'reader2' | 'comparison';

export interface AssignmentRow {
  id: number;
  seriesId: number;
  accountId: number;
  readerSlot: ReaderSlot;
  assignedAt: string;
  lockedAt: string | null;
  /** The image the reader was last on (instance row id), null before they opened the series. */
  lastInstanceId: InstanceId | null;
  /** Its position in the series now (0 when there is none). */
  lastSlice: number;
}

const SELECT = `SELECT a.id, a.series_id AS seriesId, a.account_id AS accountId, a.reader_slot AS readerSlot, a.assigned_at AS assignedAt,
  a.locked_at AS lockedAt, a.last_instance_id AS lastInstanceId, coalesce(i.slice_index, 0) AS lastSlice
  FROM assignment a LEFT JOIN instance i ON i.id = a.last_instance_id`;

/** Who reads which series. */
export class AssignmentRepository {
  constructor(private readonly db: Database.Database) {}

  seriesOfAccount(accountId: number): number[] {
    return (this.db.prepare('SELECT series_id AS s FROM assignment WHERE account_id = ?').all(accountId) as { s: number }[]).map((r) => r.s);
  }

  forAccount(accountId: number): AssignmentRow[] {
    return this.db.prepare(`${SELECT} WHERE a.account_id = ? ORDER BY a.series_id`).all(accountId) as AssignmentRow[];
  }

  forSeries(seriesId: number): AssignmentRow[] {
    return this.db.prepare(`${SELECT} WHERE a.series_id = ? ORDER BY a.reader_slot, a.id`).all(seriesId) as AssignmentRow[];
  }

  all(): AssignmentRow[] {
    return this.db.prepare(`${SELECT} ORDER BY a.series_id, a.reader_slot, a.id`).all() as AssignmentRow[];
  }

  get(seriesId: number, accountId: number): AssignmentRow | null {
    return (this.db.prepare(`${SELECT} WHERE a.series_id = ? AND a.account_id = ?`).get(seriesId, accountId) as AssignmentRow | undefined) ?? null;
  }

  byId(id: number): AssignmentRow | null {
    return (this.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AssignmentRow | undefined) ?? null;
  }

  slotHolder(seriesId: number, slot: ReaderSlot): AssignmentRow | null {
    return (this.db.prepare(`${SELECT} WHERE a.series_id = ? AND a.reader_slot = ?`).get(seriesId, slot) as AssignmentRow | undefined) ?? null;
  }

  insert(seriesId: number, accountId: number, slot: ReaderSlot, by: number | null, now: string): number {
    return Number(
      this.db
        .prepare('INSERT INTO assignment (series_id, account_id, reader_slot, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)')
        .run(seriesId, accountId, slot, now, by).lastInsertRowid,
    );
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM assignment WHERE id = ?').run(id);
  }

  setLocked(id: number, lockedAt: string | null): void {
    this.db.prepare('UPDATE assignment SET locked_at = ? WHERE id = ?').run(lockedAt, id);
  }

  /** Where the reader resumes: the image (instance row id) they were on. */
  setLastImage(id: number, instanceId: InstanceId): void {
    this.db.prepare('UPDATE assignment SET last_instance_id = ? WHERE id = ?').run(instanceId, id);
  }
}
