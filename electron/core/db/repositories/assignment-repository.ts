import type Database from 'better-sqlite3';

export type ReaderSlot = 'reader1' | 'reader2' | 'comparison';

export interface AssignmentRow {
  id: number;
  seriesId: number;
  accountId: number;
  readerSlot: ReaderSlot;
  assignedAt: string;
  lockedAt: string | null;
  lastSlice: number;
}

const SELECT = `SELECT id, series_id AS seriesId, account_id AS accountId, reader_slot AS readerSlot, assigned_at AS assignedAt,
  locked_at AS lockedAt, last_slice AS lastSlice FROM assignment`;

/** Who reads which series. */
export class AssignmentRepository {
  constructor(private readonly db: Database.Database) {}

  seriesOfAccount(accountId: number): number[] {
    return (this.db.prepare('SELECT series_id AS s FROM assignment WHERE account_id = ?').all(accountId) as { s: number }[]).map((r) => r.s);
  }

  forAccount(accountId: number): AssignmentRow[] {
    return this.db.prepare(`${SELECT} WHERE account_id = ? ORDER BY series_id`).all(accountId) as AssignmentRow[];
  }

  forSeries(seriesId: number): AssignmentRow[] {
    return this.db.prepare(`${SELECT} WHERE series_id = ? ORDER BY reader_slot, id`).all(seriesId) as AssignmentRow[];
  }

  all(): AssignmentRow[] {
    return this.db.prepare(`${SELECT} ORDER BY series_id, reader_slot, id`).all() as AssignmentRow[];
  }

  get(seriesId: number, accountId: number): AssignmentRow | null {
    return (this.db.prepare(`${SELECT} WHERE series_id = ? AND account_id = ?`).get(seriesId, accountId) as AssignmentRow | undefined) ?? null;
  }

  byId(id: number): AssignmentRow | null {
    return (this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as AssignmentRow | undefined) ?? null;
  }

  slotHolder(seriesId: number, slot: ReaderSlot): AssignmentRow | null {
    return (this.db.prepare(`${SELECT} WHERE series_id = ? AND reader_slot = ?`).get(seriesId, slot) as AssignmentRow | undefined) ?? null;
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

  setLastSlice(id: number, slice: number): void {
    this.db.prepare('UPDATE assignment SET last_slice = ? WHERE id = ?').run(slice, id);
  }
}
