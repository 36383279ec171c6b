import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { checkStudyFile, durableRename, pruneBackups, removeAbandonedTemporaries, temporaryPathFor, type BackupInfo } from './backup-files';
import type { AgeRetention } from './backup-retention';

/**
 * The second location of a study's backups: a folder the coordinator chose (another drive, a
 * network share) that every backup is also copied to and checked on, so that a failing disk does
 * not take the study and all its backups with it. The choice is a study setting (it travels with
 * the file and is audited); the app also remembers it per machine, to find the copies when the
 * study itself is gone.
 */
export const SECOND_LOCATION_KEY = 'backups.secondLocation';

/** The folder the study's backups are also copied to, or null (also when the study cannot say). */
export function secondLocationOf(db: Database.Database): string | null {
  try {
    const v = new SettingsRepository(db).get<string | null>(SECOND_LOCATION_KEY, null);
    return typeof v === 'string' && v.length > 0 ? v : null;
  } catch {
    return null; // a schema without settings yet (before a migration)
  }
}

/** A copy in the second location and what checking it found. */
export interface SecondCopy {
  /** Where the copy is (or was to be written). */
  file: string;
  ok: boolean;
  /** Why it is missing or not good, in words; null when ok. */
  problem: string | null;
}

function sha256(file: string): string {
  const h = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * Copies a finished backup to `folder` under the same name (temporary name, sync, rename), checks
 * the copy (same bytes as the original, SQLite's quick_check, the study record), then prunes the
 * folder with the same retention. Never throws: a share that is offline must not cost the primary
 * backup; the result says what went wrong and the next backup tries again.
 */
export function copyToSecondLocation(backup: BackupInfo, studyFile: string, folder: string, retention: number | AgeRetention): SecondCopy {
  const target = join(folder, basename(backup.file));
  const tmp = temporaryPathFor(target);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    removeAbandonedTemporaries(studyFile, folder);
    copyFileSync(backup.file, tmp);
    chmodSync(tmp, 0o600);
    durableRename(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never written.
    }
    return { file: target, ok: false, problem: `The backup could not be copied to the second location ${folder} (${(err as Error).message}). Check that the drive or share is connected and writable; the next backup tries again.` };
  }
  const problem =
    statSync(target).size !== backup.bytes || sha256(target) !== sha256(backup.file)
      ? 'the copy differs from the backup it was made from'
      : (() => {
          const check = checkStudyFile(target);
          return check.ok ? null : check.reason;
        })();
  if (problem) return { file: target, ok: false, problem: `The copy of the backup in the second location ${target} is not good (${problem}). Check that drive or share; the next backup tries again.` };
  try {
    pruneBackups(studyFile, retention, folder);
  } catch {
    // Pruned by the next copy.
  }
  return { file: target, ok: true, problem: null };
}

/** Whether a file and a folder are on the same disk (a second location there protects against little). */
export function onSameDisk(file: string, folder: string): boolean {
  try {
    return statSync(file).dev === statSync(folder).dev;
  } catch {
    return false;
  }
}
