import type Database from 'better-sqlite3';

/** The study's settings: one JSON value per key. */
export class SettingsRepository {
  constructor(private readonly db: Database.Database) {}

  get<T>(key: string, fallback: T): T {
    const r = this.db.prepare('SELECT value FROM study_setting WHERE key = ?').get(key) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as T) : fallback;
  }

  set(key: string, value: unknown, by: number | null, now: string): void {
    this.db
      .prepare(
        `INSERT INTO study_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(key, JSON.stringify(value), now, by);
  }
}
