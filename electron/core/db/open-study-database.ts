import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import { AppError } from '../../../shared/contracts/errors';
import { takeBackupSync } from '../reliability/backup-study';
import { damagedStudyError } from '../reliability/damaged-study';
import { isBackupName } from '../reliability/backup-files';
import { durabilityPragmas } from './durability';
import { migrate, tooNewError, type MigrateOptions } from './migrate';
import { migrations } from './migrations';
import { openSqlite } from './sqlite';

export interface OpenOptions extends MigrateOptions {
  /** Create the file when missing (new study); otherwise a missing file is an error. */
  create?: boolean;
  /** Whose disk-flush settings to use (durabilityPragmas); the running platform unless a test says. */
  platform?: NodeJS.Platform;
}

/**
 * Opens a study's SQLite file: WAL, synchronous=FULL and foreign keys, each read back and checked,
 * then migrations. Every failure is an AppError naming the file.
 */
export function openStudyDatabase(file: string, options: OpenOptions = {}): Database.Database {
  if (!options.create && !existsSync(file)) {
    throw new AppError('not_found', `There is no study file at ${file}. Check the path, or create a new study.`);
  }
  // Looked at read-only first: a file that is refused must be exactly as it was.
  if (!options.create) inspectBeforeOpening(file);
  let db: Database.Database;
  try {
    // A new study is created empty and for its owner only (0600): it holds names and IDs. SQLite
    // gives its -wal and -shm files the same mode.
    if (options.create && !existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
    db = openSqlite(file, { fileMustExist: !options.create });
  } catch (err) {
    throw new AppError('io', `Could not open ${file}: ${(err as Error).message}.`);
  }
  try {
    configure(db, file, options.platform ?? process.platform);
    if (!options.create) checkNotDamaged(db);
    // Never migrate someone else's database into a study: an existing file must already be one.
    if (!options.create && !hasStudyRow(db)) {
      throw new AppError('invalid_file', `${file} is a SQLite database but not a BME Workstation study (it has no study record). It was left untouched.`);
    }
    const opened = db;
    migrate(db, file, migrations, {
      ...options,
      // A copy of the study as it was, before any migration touches it (never for a new file).
      beforeMigrate: (from, to) => {
        if (from > 0) takeBackupSync(opened, file, 'pre-migration');
        options.beforeMigrate?.(from, to);
      },
    });
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; message: string };
    if (e.code === 'SQLITE_NOTADB' || e.code?.startsWith('SQLITE_CORRUPT')) {
      // Moved aside if it is a damaged database (never deleted), with the newest good backup offered.
      throw damagedStudyError(file, e.message);
    }
    if (e.code === 'SQLITE_READONLY' || e.code === 'SQLITE_CANTOPEN' || e.code === 'SQLITE_IOERR') {
      throw new AppError('io', `Could not write to ${file} (${e.message}). Check that the folder is writable.`);
    }
    throw err;
  }
}

/**
 * Refuses, without writing a byte, a file that must not be opened as a study: a backup (opening it
 * would turn it into a live WAL database and let it drift from what it preserves), a database that
 * is not a study, one written by a newer app. Damage is left to the caller's handling (which moves
 * a damaged study aside and says so). A WAL-mode file gets -wal and -shm files even from a
 * read-only connection: those this look created are removed again when the file is refused.
 */
function inspectBeforeOpening(file: string): void {
  if (isBackupName(file)) {
    throw new AppError(
      'invalid_file',
      `${file} is a backup of a study, not a study to work in: opening it would change it. To go back to it, restore it over its study ` +
        `(bme restore --db STUDY --from "${file}"), or copy it to a new name ending in .bmestudy and open the copy. It was left untouched.`,
    );
  }
  const sideFiles = ['-wal', '-shm'].filter((suffix) => !existsSync(file + suffix));
  let probe: Database.Database | null = null;
  let refusal: AppError | null = null;
  try {
    probe = openSqlite(file, { readonly: true, fileMustExist: true });
    checkNotDamaged(probe);
    if (!hasStudyRow(probe)) {
      const what = statSync(file).size === 0 ? 'is empty (0 bytes)' : 'is a SQLite database but';
      refusal = new AppError('invalid_file', `${file} ${what} not a BME Workstation study (it has no study record). It was left untouched.`);
    } else {
      refusal = tooNewError(file, probe.pragma('user_version', { simple: true }) as number, migrations);
    }
  } catch {
    // Not readable as a database, or damaged: the read-write open below reports it in its words.
  } finally {
    probe?.close();
  }
  if (refusal) {
    for (const suffix of sideFiles) removeIfEmptyOrShm(file + suffix);
    throw refusal;
  }
}

/** Removes a -wal the probe created (it is empty) or its -shm (an index of that empty WAL). */
function removeIfEmptyOrShm(path: string): void {
  try {
    if (path.endsWith('-shm') || statSync(path).size === 0) unlinkSync(path);
  } catch {
    // Not there: nothing was created.
  }
}

function configure(db: Database.Database, file: string, platform: NodeJS.Platform): void {
  db.pragma('busy_timeout = 5000');
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  const wanted: [string, number][] = [...durabilityPragmas(platform), ['foreign_keys', 1]];
  for (const [name, value] of wanted) db.pragma(`${name} = ${value}`);
  const got = wanted.map(([name]) => db.pragma(name, { simple: true }));
  if (String(mode).toLowerCase() !== 'wal' || wanted.some(([, value], i) => got[i] !== value)) {
    const settings = wanted.map(([name], i) => `${name}=${String(got[i])}`).join(', ');
    throw new AppError(
      'io',
      `${file}: SQLite refused the required settings (journal_mode=${String(mode)}, ${settings}; ` +
        `wanted wal, ${wanted.map(([, v]) => v).join(', ')}). Is the study on a network or read-only drive?`,
    );
  }
}

/** A cheap whole-file check at open, so damage is found here rather than in the middle of a save. */
function checkNotDamaged(db: Database.Database): void {
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw Object.assign(new Error(`SQLite's quick_check reports: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
}

function hasStudyRow(db: Database.Database): boolean {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'study'").get();
  return !!table && !!db.prepare('SELECT 1 FROM study WHERE id = 1').get();
}
