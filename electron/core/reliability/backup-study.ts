import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { AppError } from '../../../shared/contracts/errors';
import {
  backupDir,
  durableRename,
  listBackups,
  newBackupPath,
  pruneBackups,
  removeAbandonedTemporaries,
  temporaryPathFor,
  type BackupInfo,
  type BackupReason,
} from './backup-files';
import { openSqlite } from '../db/sqlite';
import { DEFAULT_RETENTION, type AgeRetention } from './backup-retention';
import { copyToSecondLocation, type SecondCopy } from './backup-second-location';
import { storageFailureKind } from './storage-errors';

/** A backup written, and its copy in the second location when the study has one. */
export interface BackupResult extends BackupInfo {
  secondCopy: SecondCopy | null;
}

export interface BackupOptions {
  /** Which backups to keep: by age (default DEFAULT_RETENTION), or a count of the newest (`bme backup --keep N`). */
  keep?: number | AgeRetention;
  /** Also copy the backup to this folder and check the copy there (see backup-second-location.ts). */
  secondLocation?: string | null;
  /**
   * Pages copied per step of SQLite's online backup (default 100); between steps the event loop
   * runs, so the app stays responsive while a large study is copied.
   */
  pagesPerStep?: number;
  /** Called after every step with the pages copied so far and the total. */
  onProgress?: (copied: number, total: number) => void;
}

/**
 * Takes a backup of an open study with SQLite's online backup API: a consistent copy of the
 * database as this connection sees it, including what is still in the WAL. The copy is written to
 * a temporary name, synced and renamed, so a backup killed half-way leaves only a temporary file
 * (removed by the next backup) and every earlier backup untouched. Then the backups the
 * retention does not keep are deleted, and the new one is copied to the second location.
 *
 * @throws AppError('io') naming the study and the backup folder when the copy cannot be written
 */
export async function takeBackup(db: Database.Database, studyFile: string, reason: BackupReason, options: BackupOptions = {}): Promise<BackupResult> {
  const { target, tmp } = prepare(studyFile, reason);
  let info: BackupInfo;
  try {
    await onlineBackup(db, tmp, options);
    info = finish(studyFile, reason, tmp, target, options.keep);
  } catch (err) {
    throw failed(studyFile, tmp, err, backupDir(studyFile));
  }
  return withSecondCopy(info, studyFile, options);
}

function withSecondCopy(info: BackupInfo, studyFile: string, options: BackupOptions): BackupResult {
  const folder = options.secondLocation ?? null;
  return { ...info, secondCopy: folder ? copyToSecondLocation(info, studyFile, folder, options.keep ?? DEFAULT_RETENTION) : null };
}

/**
 * A one-off backup to a path of the caller's choosing (`bme backup --out`): the same online copy,
 * temporary name, sync and rename, outside the rolling set. Refuses to replace an existing file.
 */
export async function backupTo(db: Database.Database, studyFile: string, target: string, options: Omit<BackupOptions, 'keep'> = {}): Promise<{ file: string; bytes: number }> {
  if (existsSync(target)) throw new AppError('conflict', `${target} already exists; choose another path for the backup of ${studyFile}.`);
  const tmp = temporaryPathFor(target);
  try {
    createPrivate(tmp);
    await onlineBackup(db, tmp, options);
    asRollbackJournal(tmp);
    durableRename(tmp, target);
    return { file: target, bytes: statSync(target).size };
  } catch (err) {
    throw failed(studyFile, tmp, err, target);
  }
}

async function onlineBackup(db: Database.Database, tmp: string, options: Omit<BackupOptions, 'keep'>): Promise<void> {
  const rate = Math.max(1, options.pagesPerStep ?? 100);
  await db.backup(tmp, {
    progress: ({ totalPages, remainingPages }) => {
      options.onProgress?.(totalPages - remainingPages, totalPages);
      return rate;
    },
  });
}

/**
 * The synchronous twin of takeBackup, for the one place that cannot wait: the hook that runs just
 * before a migration inside a synchronous open. better-sqlite3 exposes the backup API only as a
 * promise, so this uses `VACUUM INTO`, SQLite's other way to write a transactionally consistent
 * copy of a live database; the temporary name, sync, rename and pruning are the same.
 */
export function takeBackupSync(db: Database.Database, studyFile: string, reason: BackupReason, options: Pick<BackupOptions, 'keep' | 'secondLocation'> = {}): BackupResult {
  const { target, tmp } = prepare(studyFile, reason);
  let info: BackupInfo;
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    info = finish(studyFile, reason, tmp, target, options.keep);
  } catch (err) {
    throw failed(studyFile, tmp, err, backupDir(studyFile));
  }
  return withSecondCopy(info, studyFile, options);
}

/**
 * Creates an empty file only its owner can read (0600): the backup writes into it and keeps the
 * mode (SQLite's online backup and VACUUM INTO both accept an empty target), so that a backup of
 * a study with names and IDs in it is never readable by other accounts of the machine.
 */
function createPrivate(file: string): void {
  closeSync(openSync(file, 'w', 0o600));
  chmodSync(file, 0o600); // an existing file keeps its mode through open(); a leftover temporary must not
}

function prepare(studyFile: string, reason: BackupReason): { target: string; tmp: string } {
  try {
    mkdirSync(backupDir(studyFile), { recursive: true, mode: 0o700 });
    removeAbandonedTemporaries(studyFile);
  } catch (err) {
    throw new AppError('io', `Could not make the backup folder ${backupDir(studyFile)} for ${studyFile} (${(err as Error).message}). Check that the folder is writable and the disk has space.`);
  }
  const target = newBackupPath(studyFile, reason);
  const tmp = temporaryPathFor(target);
  removeQuietly(tmp);
  try {
    createPrivate(tmp);
  } catch (err) {
    throw failed(studyFile, tmp, err, backupDir(studyFile));
  }
  return { target, tmp };
}

function finish(studyFile: string, reason: BackupReason, tmp: string, target: string, keep: number | AgeRetention = DEFAULT_RETENTION): BackupInfo {
  asRollbackJournal(tmp);
  durableRename(tmp, target);
  pruneBackups(studyFile, keep);
  return { file: target, takenAt: takenAtOf(target), reason, bytes: statSync(target).size };
}

/**
 * The copy inherits WAL mode; as a plain rollback-journal file it can be checked read-only
 * without SQLite creating -wal and -shm files beside it. Opening it as a study sets WAL again.
 */
function asRollbackJournal(file: string): void {
  const copy = openSqlite(file, { nativeBinding: process.env.BME_SQLITE_BINDING || undefined });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

function takenAtOf(target: string): string {
  const m = /\.(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.[a-z-]+\.bmestudy$/.exec(target)!;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
}

function failed(studyFile: string, tmp: string, err: unknown, where: string): AppError {
  removeQuietly(tmp);
  removeQuietly(`${tmp}-journal`);
  if (err instanceof AppError) return err;
  if (storageFailureKind(err) === 'full') return diskFullForBackup(studyFile, where, err);
  return new AppError(
    'io',
    `Could not write a backup of ${studyFile} to ${where} (${(err as Error).message}). ` +
      'The study itself is unchanged; check that the disk has space and the folder is writable.',
  );
}

function removeQuietly(file: string): void {
  try {
    if (existsSync(file)) unlinkSync(file);
  } catch {
    // Left for removeAbandonedTemporaries.
  }
}

/**
 * The words for a backup that did not fit: which disk, that the study is unaffected, how old the
 * newest backup is (the person needs to know what they would fall back to), and what to do.
 */
export function diskFullForBackup(studyFile: string, where: string, err: unknown): AppError {
  let newest = '';
  try {
    const b = listBackups(studyFile)[0];
    newest = b ? ` The newest backup is from ${b.takenAt} (${b.file}).` : ' There is no earlier backup of it.';
  } catch {
    // The folder cannot be listed either: say nothing about it.
  }
  return new AppError(
    'io',
    `The disk holding the backups of ${studyFile} (${where}) is full, so a new backup was not written (${(err as Error).message}). ` +
      `The study itself is unchanged.${newest} Free some space on that disk, or set a smaller backup budget (BME_BACKUP_BUDGET_MB); the next backup tries again.`,
    { storage: 'full' },
  );
}
