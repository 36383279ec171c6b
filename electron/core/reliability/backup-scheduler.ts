import type Database from 'better-sqlite3';
import { DEFAULT_BACKUPS_KEPT, type BackupInfo, type BackupReason } from './backup-files';
import { takeBackup } from './backup-study';

/** When the app backs up an open study. */
export interface BackupPolicy {
  /** Take one when the study is opened. */
  atOpen: boolean;
  /** Minutes between periodic backups; one is taken only if the study changed since the last. 0 = never. */
  intervalMinutes: number;
  /** Backups kept per study, newest first. */
  keep: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { atOpen: true, intervalMinutes: 10, keep: DEFAULT_BACKUPS_KEPT };

/**
 * The rolling backups of one open study: one at open, then one every `intervalMinutes` while
 * changes happen. Backups never overlap, never block a save for long (the copy runs in steps on
 * the event loop), and a failed backup is reported but never stops the app.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupInfo | null> | null = null;
  private lastFingerprint: string | null = null;
  private stopped = false;
  /** The last backup written and the last failure, for status displays and tests. */
  lastBackup: BackupInfo | null = null;
  lastError: Error | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly studyFile: string,
    private readonly policy: BackupPolicy = DEFAULT_BACKUP_POLICY,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  start(): void {
    if (this.policy.atOpen) void this.backupNow('open');
    if (this.policy.intervalMinutes > 0) {
      this.timer = setInterval(() => {
        if (this.changedSinceLastBackup()) void this.backupNow('periodic');
      }, this.policy.intervalMinutes * 60_000);
      // A pending backup must not keep a CLI or a test process alive.
      this.timer.unref();
    }
  }

  /** Takes a backup now unless one is running (then waits for that one). Never throws. */
  backupNow(reason: BackupReason = 'manual'): Promise<BackupInfo | null> {
    if (this.running) return this.running;
    if (this.stopped) return Promise.resolve(null);
    const fingerprint = this.fingerprint();
    this.running = takeBackup(this.db, this.studyFile, reason, { keep: this.policy.keep })
      .then(
        (info) => {
          this.lastBackup = info;
          this.lastFingerprint = fingerprint;
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
 * The app's backup policy, with two overrides for people who need another rhythm:
 * BME_BACKUP_MINUTES (0 turns periodic backups off) and BME_BACKUPS_KEPT.
 */
export function backupPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): BackupPolicy {
  const int = (v: string | undefined, fallback: number, min: number) => {
    const n = v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
    return Number.isSafeInteger(n) && n >= min ? n : fallback;
  };
  return {
    atOpen: true,
    intervalMinutes: int(env.BME_BACKUP_MINUTES, DEFAULT_BACKUP_POLICY.intervalMinutes, 0),
    keep: int(env.BME_BACKUPS_KEPT, DEFAULT_BACKUP_POLICY.keep, 1),
  };
}
