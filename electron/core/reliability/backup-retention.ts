import type { BackupInfo } from './backup-files';

/**
 * Which backups to keep, by age: the newest few, then the newest of each of the last `hourly`
 * hours, `daily` days and `weekly` ISO weeks that have one (the scheme of restic and borg), all
 * within a disk budget. A burst of backups (someone opening and closing the study over and over)
 * can then replace only backups of the current hour, never yesterday's or last week's.
 */
export interface AgeRetention {
  /** The newest backups kept whatever their age. */
  latest: number;
  hourly: number;
  daily: number;
  weekly: number;
  /** Total bytes the kept backups may take; the oldest go first, the newest is always kept. */
  budgetBytes: number;
}

export const DEFAULT_RETENTION: Readonly<AgeRetention> = Object.freeze({ latest: 3, hourly: 24, daily: 7, weekly: 4, budgetBytes: 4 * 1024 ** 3 });

/** ISO 8601 week of a UTC time, as '2026-W48' (weeks start on Monday; week 1 holds January 4th). */
export function isoWeek(iso: string): string {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Splits a study's backups (newest first, as listBackups returns them) into those to keep and
 * those to delete. The newest backup taken before a migration and before a restore are kept too:
 * they hold the study as it was before a step that cannot be undone.
 */
export function selectBackups(backups: readonly BackupInfo[], r: AgeRetention = DEFAULT_RETENTION): { keep: BackupInfo[]; remove: BackupInfo[] } {
  const kept = new Set<BackupInfo>(backups.slice(0, Math.max(1, r.latest)));
  const bucketed = (count: number, bucket: (b: BackupInfo) => string) => {
    const seen = new Set<string>();
    for (const b of backups) {
      if (seen.size >= count) break;
      const key = bucket(b);
      if (seen.has(key)) continue;
      seen.add(key);
      kept.add(b);
    }
  };
  bucketed(r.hourly, (b) => b.takenAt.slice(0, 13));
  bucketed(r.daily, (b) => b.takenAt.slice(0, 10));
  bucketed(r.weekly, (b) => isoWeek(b.takenAt));
  for (const reason of ['pre-migration', 'pre-restore'] as const) {
    const newest = backups.find((b) => b.reason === reason);
    if (newest) kept.add(newest);
  }
  // The budget: walk from the newest and stop keeping once it would be exceeded (the newest always stays).
  const keep: BackupInfo[] = [];
  let bytes = 0;
  for (const b of backups) {
    if (!kept.has(b)) continue;
    if (keep.length > 0 && bytes + b.bytes > r.budgetBytes) {
      kept.delete(b);
      continue;
    }
    keep.push(b);
    bytes += b.bytes;
  }
  return { keep, remove: backups.filter((b) => !kept.has(b)) };
}

/** The retention of the app, with BME_BACKUP_BUDGET_MB to change the disk budget. */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): AgeRetention {
  const mb = Number(env.BME_BACKUP_BUDGET_MB);
  return Number.isSafeInteger(mb) && mb > 0 ? { ...DEFAULT_RETENTION, budgetBytes: mb * 1024 * 1024 } : { ...DEFAULT_RETENTION };
}
