import { closeSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../../shared/contracts/errors';
import { backupDir, checkStudyFile, listBackups, type BackupInfo } from './backup-files';
import { moveAside } from './move-aside';

/** What a client gets in AppError.details when a study turned out to be damaged. */
export interface DamagedStudyDetails {
  /** The path the study was opened at. */
  file: string;
  /** Where the damaged file is now (renamed, never deleted); null when it could not be moved or was not a database. */
  movedTo: string | null;
  /** What SQLite said. */
  reason: string;
  /** Backups that pass checkStudyFile, newest first: any of them can be restored (`bme restore`). */
  backups: BackupInfo[];
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Whether a file starts with SQLite's 16-byte header string. */
export function hasSqliteHeader(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === SQLITE_MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The error for a study file SQLite cannot read (SQLITE_CORRUPT, SQLITE_NOTADB, a failed
 * quick_check), after dealing with the file. A damaged database is moved aside with a timestamp
 * so that nothing writes to it again and its path is free for a restore; a file that is not a
 * SQLite database at all (someone opened the wrong file) is left untouched. Neither is ever
 * deleted. The message says what happened and names the newest good backup and the command that
 * restores it; the details list every good backup for a client to offer.
 *
 * Call it only after the connection to `file` is closed.
 */
export function damagedStudyError(file: string, fullReason: string): AppError {
  // SQLite's quick_check lists every damaged page (hundreds of lines): the message keeps the first
  // line, the details keep it all.
  const firstLine = fullReason.split('\n')[0]!.trim();
  const reason = firstLine.length > 200 ? `${firstLine.slice(0, 200)}...` : fullReason.includes('\n') ? `${firstLine} ...` : firstLine;
  const backups = listBackups(file).filter((b) => checkStudyFile(b.file).ok);
  if (!hasSqliteHeader(file)) {
    const hint = backups.length ? ` ${offer(file, backups)}` : '';
    return new AppError('invalid_file', `${file} is not a readable study database (${reason}). It was left untouched.${hint}`, {
      file,
      movedTo: null,
      reason: fullReason,
      backups,
    } satisfies DamagedStudyDetails);
  }
  let movedTo: string | null = null;
  let where: string;
  try {
    movedTo = moveAside(file, 'damaged');
    where = `It was not deleted: it was moved aside to ${movedTo}.`;
  } catch (err) {
    where = `It could not be moved aside (${(err as Error).message}) and was left untouched.`;
  }
  const offerText = backups.length
    ? offer(file, backups)
    : `No backup of this study was found in ${backupDir(file)}; keep the damaged file, a specialist may recover part of it (sqlite3 .recover).`;
  return new AppError('invalid_file', `The study database ${file} is damaged (${reason}). ${where} ${offerText}`, {
    file,
    movedTo,
    reason: fullReason,
    backups,
  } satisfies DamagedStudyDetails);
}

function offer(file: string, backups: BackupInfo[]): string {
  const b = backups[0]!;
  return (
    `The newest good backup is ${b.file} (taken ${b.takenAt}; changes made after it are not in it). ` +
    `Restore it with: bme restore --db "${file}" --from "${b.file}"`
  );
}
