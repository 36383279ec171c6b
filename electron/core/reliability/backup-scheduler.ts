import type Database from 'better-sqlite3';
import { listBackups, type BackupReason } from './backup-files';
import { fileFingerprint, studyFingerprint } from './backup-fingerprint';
import { DEFAULT_RETENTION, retentionFromEnv, type AgeRetention } from './backup-retention';
import { secondLocationOf } from './backup-second-location';
import { takeBackup, type BackupResult } from './backup-study';

/** When the app backs up an open study. */
export interface BackupPolicy {
  /** Take one when the study is opened, if it differs from its newest backup. */
  atOpen: boolean;
  /** Minutes between periodic backups; one is taken only if the study changed since the last. 0 = never. */
  intervalMinutes: number;
  /** Which backups to keep: by age (the default), or the newest N (an explicit count). */
  keep?: number | AgeRetention;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { atOpen: true, intervalMinutes: 10, keep: DEFAULT_RETENTION };

/**
 * The rolling backups of one open study: one at open, then one every `intervalMinutes` while
 * changes happen. Backups never overlap, never block a save for long (the copy runs in steps on
 * the event loop), and a failed backup is reported but never stops the app.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupResult | null> | null = null;
  private lastFingerprint: string | null = null;
  private stopped = false;
  /** The last backup written and the last failure, for status displays and tests. */
  lastBackup: BackupResult | null = null;
  lastError: Error | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly studyFile: string,
    private readonly policy: BackupPolicy = DEFAULT_BACKUP_POLICY,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  start(): void {
    // Opening a study that is as its newest backup left it takes none (and so deletes none): an
    // open that changed nothing must never rotate the backups away.
    if (this.policy.atOpen) {
      if (this.differsFromNewestBackup()) void this.backupNow('open');
      else this.lastFingerprint = this.fingerprintOrNull(); // backed up as it is: periodic ones wait for a change
    }
    if (this.policy.intervalMinutes > 0) {
      this.timer = setInterval(() => {
        if (this.changedSinceLastBackup()) void this.backupNow('periodic');
      }, this.policy.intervalMinutes * 60_000);
      // A pending backup must not keep a CLI or a test process alive.
      this.timer.unref();
    }
  }

  /** Takes a backup now unless one is running (then waits for that one; a manual one then takes its own). Never throws. */
  backupNow(reason: BackupReason = 'manual'): Promise<BackupResult | null> {
    // A backup asked for by a person holds the study as it is now: after the one running, a new one.
    if (this.running) return reason === 'manual' ? this.running.then(() => this.backupNow(reason)) : this.running;
    if (this.stopped) return Promise.resolve(null);
    const fingerprint = this.fingerprint();
    this.running = takeBackup(this.db, this.studyFile, reason, { keep: this.policy.keep ?? DEFAULT_RETENTION, secondLocation: secondLocationOf(this.db) })
      .then(
        (info) => {
          this.lastBackup = info;
          this.lastFingerprint = fingerprint;
          // The primary backup is there; a second copy that failed is reported, not fatal.
          if (info.secondCopy && !info.secondCopy.ok) this.onError(new Error(info.secondCopy.problem ?? 'the second copy failed'));
          return info;
        },
        (err: Error) => {
          if (!this.stopped) {
            this.lastError = err;
            this.onError(err);
          }
          return null;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Stops the timer; a backup in progress is abandoned when the connection closes (its temporary file is removed later). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private differsFromNewestBackup(): boolean {
    try {
      const newest = listBackups(this.studyFile)[0];
      return !newest || fileFingerprint(newest.file) !== studyFingerprint(this.db);
    } catch {
      return true;
    }
  }

  private fingerprintOrNull(): string | null {
    try {
      return this.fingerprint();
    } catch {
      return null;
    }
  }

  private changedSinceLastBackup(): boolean {
    try {
      return this.fingerprint() !== this.lastFingerprint;
    } catch {
      return false;
    }
  }

  /** Changes by this connection and commits by any other connection to the same file. */
  private fingerprint(): string {
    const changes = (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return `${changes}:${String(this.db.pragma('data_version', { simple: true }))}`;
  }
}

/**
 * The app's backup policy, with overrides for people who need another rhythm: BME_BACKUP_MINUTES
 * (0 turns periodic backups off), BME_BACKUP_BUDGET_MB (the disk budget of the kept backups) and
 * BME_BACKUPS_KEPT (keep the newest N instead of keeping by age).
 */
export function backupPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): BackupPolicy {
  const int = (v: string | undefined, fallback: number, min: number) => {
    const n = v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
    return Number.isSafeInteger(n) && n >= min ? n : fallback;
  };
  return {
    atOpen: true,
    intervalMinutes: int(env.BME_BACKUP_MINUTES, DEFAULT_BACKUP_POLICY.intervalMinutes, 0),
    keep: env.BME_BACKUPS_KEPT !== undefined ? int(env.BME_BACKUPS_KEPT, 10, 1) : retentionFromEnv(env),
  };
}
