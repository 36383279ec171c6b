import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../../shared/contracts/errors';
import { openStudyDatabase } from '../db/open-study-database';
import { checkStudyFile, durableRename } from './backup-files';
import { moveAside } from './move-aside';
import { openSqlite } from '../db/sqlite';
import { insertAuditRow } from '../db/repositories/audit-repository';
import { resolveAuditSigning } from '../audit-key/bind-audit-key';
import { StudyKeyStore } from '../audit-key/study-key-store';

export interface RestoreResult {
  /** The study file, now holding the backup's content. */
  file: string;
  /** The backup it came from (unchanged). */
  from: string;
  /** Where the study file that was there before went (never deleted); null if there was none. */
  keptAside: string | null;
  /** The schema version after opening (a backup older than the app is migrated). */
  schemaVersion: number;
}

/**
 * Puts a backup in place of a study file. The backup must pass checkStudyFile; the current file
 * (damaged or not) is moved aside with its WAL, never deleted; the copy is written to a temporary
 * name, synced and renamed; then it is opened as a study once, which migrates it if it is older.
 * Refused while another program has the study open.
 */
export function restoreBackup(studyFile: string, backupFile: string): RestoreResult {
  const file = resolve(studyFile);
  const from = resolve(backupFile);
  if (file === from) throw new AppError('bad_request', `The backup ${from} is the study file itself; name a backup file.`);
  if (!existsSync(from)) throw new AppError('not_found', `There is no backup at ${from}. List the backups with 'bme backup --db ${file} --list'.`);
  const check = checkStudyFile(from);
  if (!check.ok) throw new AppError('invalid_file', `${from} is not a usable backup (${check.reason}). Choose another backup; nothing was changed.`);

  let keptAside: string | null = null;
  if (existsSync(file)) {
    refuseIfOpenElsewhere(file);
    keptAside = moveAside(file, 'before-restore');
  } else {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }
  const tmp = `${file}.restore-${process.pid}.tmp`;
  try {
    copyFileSync(from, tmp);
    durableRename(tmp, file);
  } catch (err) {
    throw new AppError(
      'io',
      `Could not write ${file} from the backup (${(err as Error).message}).` +
        (keptAside ? ` The previous file is kept at ${keptAside}.` : '') +
        ' Check that the disk has space and the folder is writable.',
    );
  }
  const db = openStudyDatabase(file);
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  try {
    rebaseAuditAnchor(db, file, from);
  } finally {
    db.close();
  }
  return { file, from, keptAside, schemaVersion };
}

/**
 * A WAL database that any other connection has open holds a shared lock on it, so an exclusive
 * lock taken without waiting tells whether the study is in use (by the app, a CLI import ...).
 */
function refuseIfOpenElsewhere(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = openSqlite(file, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new AppError('conflict', `${file} is open in another program (the workstation or a bme command). Close the study there, then restore; nothing was changed.`);
    }
    // A damaged file cannot be locked as a database: it is exactly what a restore replaces.
  } finally {
    db?.close();
  }
}

/**
 * A restore moves the study back on purpose: its audit trail now ends before the row this machine
 * anchored. Where the key is here, the restore is recorded in the trail (signed) and the anchor
 * moved to it, so the restored study opens for work and verifies; without the key it stays
 * read-only until the key is imported.
 */
function rebaseAuditAnchor(db: Database.Database, file: string, from: string): void {
  const store = new StudyKeyStore();
  db.transaction(() => {
    const signing = resolveAuditSigning(db, file, store, { ignoreAnchor: true });
    if (signing?.kind !== 'keyed') return;
    const before = store.anchor(signing.studyId, file);
    const row = insertAuditRow(
      db,
      { actorId: null, action: 'study.restore', entity: 'study', entityId: '1', details: { backup: from.split(/[\\/]/).pop(), anchoredBefore: before ? { id: before.headId, rowHash: before.headHash } : null } },
      new Date().toISOString(),
      signing.key.key,
    );
    return () => store.writeAnchor(signing.studyId, file, signing.key, { id: row.id, rowHash: row.rowHash }, true);
  }).immediate()?.();
}
