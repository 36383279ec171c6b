import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { studyDataDir } from '../dicom/import/blob-store';
import { openSqlite } from '../db/sqlite';

/** Why a backup was taken; part of its file name. */
export type BackupReason = 'open' | 'periodic' | 'pre-migration' | 'manual' | 'pre-restore';

/** One backup file of a study, as found on disk. */
export interface BackupInfo {
  /** Absolute path of the backup (a complete SQLite study file). */
  file: string;
  /** When it was taken (ISO 8601, UTC), from its name. */
  takenAt: string;
  reason: BackupReason;
  /** Size in bytes. */
  bytes: number;
}

/** How many backups a study keeps by default; older ones are deleted as new ones arrive. */
export const DEFAULT_BACKUPS_KEPT = 10;

const NAME = /^(.*)\.(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.(open|periodic|pre-migration|manual|pre-restore)\.bmestudy$/;

/** The folder that holds a study's rolling backups: `<study>.bme-data/backups`. */
export function backupDir(studyFile: string): string {
  return join(studyDataDir(studyFile), 'backups');
}

/** The stem shared by a study's backups: the study file's name without its extension. */
function stemOf(studyFile: string): string {
  return basename(studyFile).replace(/\.bmestudy$/i, '');
}

/** File-name-safe form of a time: 2026-11-28T13-10-02-295Z (sorts like the time it names). */
export function fileTimestamp(at: Date = new Date()): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

function isoFromFileTimestamp(stamp: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp)!;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
}

/** Where a new backup goes (the name is unique to the millisecond; a clash gets a later stamp). */
export function newBackupPath(studyFile: string, reason: BackupReason, at: Date = new Date()): string {
  const dir = backupDir(studyFile);
  let t = at.getTime();
  for (;;) {
    const path = join(dir, `${stemOf(studyFile)}.${fileTimestamp(new Date(t))}.${reason}.bmestudy`);
    if (!existsSync(path)) return path;
    t++;
  }
}

/** The study's backups, newest first. Temporary files of backups in progress are not listed. */
export function listBackups(studyFile: string): BackupInfo[] {
  const dir = backupDir(studyFile);
  if (!existsSync(dir)) return [];
  const stem = stemOf(studyFile);
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m || m[1] !== stem) continue;
    const file = join(dir, name);
    out.push({ file, takenAt: isoFromFileTimestamp(m[2]!), reason: m[3] as BackupReason, bytes: statSync(file).size });
  }
  return out.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : b.file.localeCompare(a.file)));
}

/**
 * Whether a file is a complete, undamaged study: SQLite opens it read-only, `PRAGMA quick_check`
 * says ok, and it has the study record. Returns the reason when it is not.
 */
export function checkStudyFile(file: string): { ok: true } | { ok: false; reason: string } {
  let db: Database.Database | null = null;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { ok: false, reason: `SQLite's quick_check reports: ${String(check)}` };
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'study'").get();
    if (!table || !db.prepare('SELECT 1 FROM study WHERE id = 1').get()) return { ok: false, reason: 'it has no study record' };
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  } finally {
    db?.close();
  }
}

/** The newest backup that passes checkStudyFile, or null. */
export function newestGoodBackup(studyFile: string): BackupInfo | null {
  for (const b of listBackups(studyFile)) if (checkStudyFile(b.file).ok) return b;
  return null;
}

/** Keeps the newest `keep` backups of a study and deletes the rest. Returns the deleted files. */
export function pruneBackups(studyFile: string, keep: number): string[] {
  const removed: string[] = [];
  for (const b of listBackups(studyFile).slice(Math.max(1, keep))) {
    try {
      unlinkSync(b.file);
      removed.push(b.file);
    } catch {
      // A backup that cannot be removed now is removed by a later prune.
    }
  }
  return removed;
}

/** A temporary name for a backup being written: it carries this process's id. */
export function temporaryPathFor(target: string): string {
  return `${target}.${process.pid}.tmp`;
}

/**
 * Deletes the temporary files of backups whose process is gone (killed half-way): they were
 * never renamed into place, so nothing refers to them.
 */
export function removeAbandonedTemporaries(studyFile: string): void {
  const dir = backupDir(studyFile);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const m = /\.(\d+)\.tmp(-journal|-wal|-shm)?$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processIsAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** fsync a file, then rename it into place and fsync its folder, so the new name survives a power cut. */
export function durableRename(from: string, to: string): void {
  const fd = openSync(from, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(from, to);
  syncFolder(dirname(to));
}

/** fsync a folder (where the platform allows it), making renames and creations in it durable. */
export function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open folders for fsync; NTFS journals renames itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
