import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { studyDataDir } from './dicom/import/blob-store';
import { openStudyDatabase, type OpenOptions } from './db/open-study-database';
import { AccountRepository } from './db/repositories/account-repository';
import { AssignmentRepository } from './db/repositories/assignment-repository';
import { AuditRepository } from './db/repositories/audit-repository';
import { ConsensusRepository } from './db/repositories/consensus-repository';
import { DatasetRepository } from './db/repositories/dataset-repository';
import { EvaluationRepository } from './db/repositories/evaluation-repository';
import { ImagingRepository } from './db/repositories/imaging-repository';
import { ModelRepository } from './db/repositories/model-repository';
import { ReadRepository } from './db/repositories/read-repository';
import { SettingsRepository } from './db/repositories/settings-repository';
import { StudyRepository } from './db/repositories/study-repository';
import { BackupScheduler, type BackupPolicy } from './reliability/backup-scheduler';
import { translatingStorageFailures } from './reliability/storage-errors';
import { resolveAuditSigning } from './audit-key/bind-audit-key';
import { StudyKeyStore } from './audit-key/study-key-store';

/** A study file opened by the core: its one writer connection and its repositories. */
export class OpenStudy {
  readonly audit: AuditRepository;
  readonly study: StudyRepository;
  readonly imaging: ImagingRepository;
  readonly accounts: AccountRepository;
  readonly settings: SettingsRepository;
  readonly assignments: AssignmentRepository;
  readonly reads: ReadRepository;
  readonly consensus: ConsensusRepository;
  readonly datasets: DatasetRepository;
  readonly models: ModelRepository;
  readonly evaluations: EvaluationRepository;
  users = 0;
  /** The rolling backups of this study, when the registry takes them (the app does; the CLI does not). */
  backups: BackupScheduler | null = null;

  /**
   * `keys`: this account's audit keys (null: rows are hashed unkeyed, for tools that must not
   * touch a key). `migrated`: the schema step this open ran, whose rows the key countersigns.
   */
  constructor(
    readonly file: string,
    readonly db: Database.Database,
    keys: StudyKeyStore | null = null,
    migrated: { from: number; to: number } | null = null,
  ) {
    this.audit = new AuditRepository(db, () => (keys ? resolveAuditSigning(db, file, keys, { migrated }) : { kind: 'unkeyed' }));
    this.study = new StudyRepository(db);
    this.imaging = new ImagingRepository(db);
    this.accounts = new AccountRepository(db);
    this.settings = new SettingsRepository(db);
    this.assignments = new AssignmentRepository(db);
    this.reads = new ReadRepository(db);
    this.consensus = new ConsensusRepository(db);
    this.datasets = new DatasetRepository(db);
    this.models = new ModelRepository(db);
    this.evaluations = new EvaluationRepository(db);
  }

  /**
   * Runs `fn` in one transaction: a change and its audit rows commit together or not at all.
   *
   * It begins IMMEDIATE, taking the write lock before `fn` reads anything. A deferred transaction
   * that reads first and then writes fails at once with SQLITE_BUSY_SNAPSHOT when another process
   * (`bme import`, a second app) committed in between; busy_timeout never retries that, while it
   * does wait for the lock an immediate transaction asks for up front.
   */
  tx<T>(fn: () => T): T {
    // A disk-full or I/O failure rolls the transaction back whole and comes out as an 'io' AppError.
    try {
      return translatingStorageFailures(this.file, () => this.db.transaction(fn).immediate());
    } finally {
      // The committed head (or, after a rollback, the unchanged one) is anchored with the key.
      this.audit.afterCommit();
    }
  }

  /**
   * Decides the audit signing now (see resolveAuditSigning): a study without a key epoch begins
   * one, rows its migrations just wrote are countersigned. A study still being created (no study
   * record yet) is bound by its first audited change instead.
   */
  bindAuditKey(): void {
    this.tx(() => this.audit.currentSigning());
  }
}

/**
 * The folder beside a study for its copies of the images, datasets, models and backups: created
 * here, before any of them, so that it is the owner's alone (0700) whoever writes into it first.
 * An existing folder keeps its mode; a read-only place is left to the writes that need it.
 */
function ensurePrivateDataDir(studyFile: string): void {
  try {
    mkdirSync(studyDataDir(studyFile), { recursive: true, mode: 0o700 });
  } catch {
    // Reported by the first write that needs the folder.
  }
}

/**
 * The studies open on this core, one connection per file however many sessions use it: SQLite
 * sees a single writer, and sessions see each other's changes at once.
 */
export class StudyRegistry {
  private readonly open = new Map<string, OpenStudy>();

  /** `backups`: take rolling backups of every study this registry opens (see BackupScheduler). */
  /** `keys`: where this account's audit keys are (default: studyKeyDir(); null: none, unkeyed rows). */
  constructor(private readonly options: { backups?: BackupPolicy; onBackupError?: (err: Error) => void; keys?: StudyKeyStore | null } = {}) {}

  private keyStore(): StudyKeyStore | null {
    if (this.options.keys === undefined) this.options.keys = new StudyKeyStore();
    return this.options.keys;
  }

  acquire(file: string, options: OpenOptions = {}): OpenStudy {
    const key = resolve(file);
    let s = this.open.get(key);
    if (!s) {
      let migrated: { from: number; to: number } | null = null;
      const db = openStudyDatabase(key, {
        ...options,
        beforeMigrate: (from, to) => {
          migrated = { from, to };
          options.beforeMigrate?.(from, to);
        },
      });
      s = new OpenStudy(key, db, this.keyStore(), migrated);
      try {
        s.bindAuditKey();
      } catch {
        // The write lock is held elsewhere (another program writing) or the disk refused: the
        // first audited change binds it instead, and reports what stops it in its own words.
        s.audit.rebind();
      }
      this.open.set(key, s);
      ensurePrivateDataDir(key);
      const policy = this.options.backups;
      if (policy) {
        // A study created just now has nothing worth a backup yet; the periodic ones follow.
        s.backups = new BackupScheduler(s.db, key, { ...policy, atOpen: policy.atOpen && !options.create }, this.options.onBackupError);
        s.backups.start();
      }
    }
    s.users++;
    return s;
  }

  /** The files of the studies open now. */
  files(): string[] {
    return [...this.open.keys()];
  }

  get(file: string): OpenStudy | undefined {
    return this.open.get(resolve(file));
  }

  release(file: string): void {
    const key = resolve(file);
    const s = this.open.get(key);
    if (!s) return;
    s.users--;
    if (s.users <= 0) {
      s.backups?.stop();
      s.db.close();
      this.open.delete(key);
    }
  }

  closeAll(): void {
    for (const s of this.open.values()) {
      s.backups?.stop();
      s.db.close();
    }
    this.open.clear();
  }
}
