import { z } from 'zod';
import { method } from './define';

/** A path on the machine that runs the core: absolute, or relative to the default studies folder. */
const StudyPath = z.string().trim().min(1, 'a study file path is required').max(4096);

/** One rolling backup of a study (a complete study file in `<study>.bme-data/backups`). */
export const BackupEntry = z.object({
  /** Absolute path of the backup file on the machine that runs the core. */
  file: z.string(),
  /** When it was taken, ISO 8601 UTC. */
  takenAt: z.string(),
  /** Why: at opening, periodic while the study changed, before a migration, by hand, before a restore. */
  reason: z.enum(['open', 'periodic', 'pre-migration', 'manual', 'pre-restore']),
  /** Size in bytes. */
  bytes: z.number().int(),
  /** Whether SQLite's quick_check passes and it has the study record: only good backups can be restored. */
  good: z.boolean(),
  /** Why it is not good, or null. */
  problem: z.string().nullable(),
  /** In the study's own backup folder, or in the second location the coordinator chose. */
  location: z.enum(['primary', 'second']),
});
export type BackupEntry = z.infer<typeof BackupEntry>;

/** A backup's copy in the second location, as checked right after it was written. */
const SecondCopy = z.object({
  file: z.string(),
  /** Same bytes as the backup, SQLite's quick_check passes, and it has the study record. */
  ok: z.boolean(),
  /** What went wrong (the share is offline, the copy differs ...) and what to do; null when ok. */
  problem: z.string().nullable(),
});

/**
 * The study's rolling backups, for the screen that offers the newest good one when a study turns
 * out damaged (study.open then fails with 'invalid_file' and lists them in `details.backups`).
 */
export const backupsSpec = {
  list: method({
    summary: 'The backups of a study file, newest first, each checked; works while the study is damaged or missing.',
    access: 'anyone',
    params: z.object({ file: StudyPath }).strict(),
    result: z.object({
      /** The study file, resolved to an absolute path. */
      file: z.string(),
      /** The folder that holds its backups. */
      folder: z.string(),
      /** The second location its backups are also copied to, or null. */
      secondFolder: z.string().nullable(),
      /** Both locations' backups, newest first. */
      backups: z.array(BackupEntry),
    }),
  }),
  setSecondLocation: method({
    summary:
      'Choose a second folder (another drive, a network share) that every backup of the open study is also copied to and checked on; null stops the copies (recorded). The newest backup is copied there at once.',
    access: ['coordinator', 'admin'],
    params: z
      .object({
        /** An absolute folder path on the machine that runs the core; created when missing. */
        folder: z.string().trim().min(1).max(4096).nullable(),
      })
      .strict(),
    result: z.object({
      folder: z.string().nullable(),
      /** True when the folder is on the same disk as the study: allowed, but it protects against little. */
      sameDiskAsStudy: z.boolean(),
      /** The copy of the newest backup made just now, or null (no folder, or no backup yet). */
      copied: SecondCopy.nullable(),
    }),
  }),
  now: method({
    summary: 'Back up the open study now (it is also backed up at opening when it changed, and every few minutes while it changes).',
    access: ['coordinator', 'admin'],
    params: z.object({}).strict(),
    result: BackupEntry.extend({ secondCopy: SecondCopy.nullable() }),
  }),
  restore: method({
    summary:
      'Put one of its own good backups in place of a study file that is missing or damaged (the file there is kept aside, never deleted); then open it. A study that opens normally is restored with `bme restore`, with the study closed.',
    access: 'anyone',
    params: z
      .object({
        file: StudyPath,
        /** A backup listed by backups.list for this study, in either location (any other file is refused). */
        from: z.string().trim().min(1).max(4096),
      })
      .strict(),
    result: z.object({
      file: z.string(),
      from: z.string(),
      /** Where the file that was at `file` went, or null if there was none. */
      keptAside: z.string().nullable(),
      schemaVersion: z.number().int(),
    }),
  }),
};
