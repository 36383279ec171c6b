import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { studyDataDir } from '../dicom/import/blob-store';
import { openSqlite } from '../db/sqlite';
import { selectBackups, type AgeRetention } from './backup-retention';

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

/** The count `bme backup --keep` used to default to; backups are now kept by age (backup-retention.ts). */
export const DEFAULT_BACKUPS_KEPT = 10;

const NAME = /^(.*)\.(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.(open|periodic|pre-migration|manual|pre-restore)\.bmestudy$/;

/** The folder that holds a study's rolling backups: `<study>.bme-data/backups`. */
export function backupDir(studyFile: string): string {
  return join(studyDataDir(studyFile), 'backups');
}

/** The stem shared by a study's backups: the study file's name without its extension. */
export function stemOf(studyFile: string): string {
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

/** Whether a file name is one a backup gets (`<stem>.<time>.<reason>.bmestudy`). */
export function isBackupName(file: string): boolean {
  return NAME.test(basename(file));
}

/** The study's backups, newest first. Temporary files of backups in progress are not listed. */
export function listBackups(studyFile: string): BackupInfo[] {
  return listBackupsIn(backupDir(studyFile), stemOf(studyFile));
}

/** The backups of the study named `stem` in `dir` (its backup folder or its second location), newest first. */
export function listBackupsIn(dir: string, stem: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m || m[1] !== stem) continue;
    const file = join(dir, name);
    let bytes: number;
    try {
      bytes = statSync(file).size;
    } catch {
      continue; // removed while listing
    }
    out.push({ file, takenAt: isoFromFileTimestamp(m[2]!), reason: m[3] as BackupReason, bytes });
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

/**
 * Deletes the backups that the retention does not keep: by age (AgeRetention), or, given a number
 * (`bme backup --keep N`), all but the newest N. `dir` is the folder to prune (default the study's
 * backup folder; the second location is pruned the same way). Returns the deleted files.
 */
export function pruneBackups(studyFile: string, retention: number | AgeRetention, dir = backupDir(studyFile)): string[] {
  const all = listBackupsIn(dir, stemOf(studyFile));
  const doomed = typeof retention === 'number' ? all.slice(Math.max(1, retention)) : selectBackups(all, retention).remove;
  const removed: string[] = [];
  for (const b of doomed) {
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
export function removeAbandonedTemporaries(studyFile: string, dir = backupDir(studyFile)): void {
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
