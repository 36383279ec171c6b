import type Database from 'better-sqlite3';
import { openSqlite } from '../db/sqlite';

/**
 * A cheap fingerprint of a study's content: its schema (user_version) and, for every table, its row
 * count and largest rowid, with the audit trail's length and newest row. Every change a person
 * makes appends an audit row, so two files with the same fingerprint hold the same work; what
 * changes without an audit row (a run's status, say) is caught by the next periodic backup.
 */
export function studyFingerprint(db: Database.Database): string {
  const parts: unknown[] = [db.pragma('user_version', { simple: true })];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const withRowid = db.prepare(`SELECT count(*) AS n, max(rowid) AS m FROM ${quoted}`);
    parts.push(name, withRowid.get());
  }
  const audit = tables.some((t) => t.name === 'audit') ? db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT 1').raw().get() : null;
  parts.push(audit);
  return JSON.stringify(parts, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
}

/** The fingerprint of a study file on disk (a backup), or null when it cannot be read. */
export function fileFingerprint(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    return studyFingerprint(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
