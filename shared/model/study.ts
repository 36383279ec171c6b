import { z } from 'zod';

/** What a client knows about the study open in its session. */
export const StudySummary = z.object({
  /** Absolute path of the study's SQLite file on the machine that runs the core. */
  file: z.string(),
  /** Stable id written at creation (UUID); survives renames and moves of the file. */
  studyId: z.string(),
  title: z.string(),
  /** ISO 8601 UTC time of creation. */
  createdAt: z.string(),
  /** Schema version of the file (SQLite user_version). */
  schemaVersion: z.number().int(),
});
export type StudySummary = z.infer<typeof StudySummary>;

/** An entry of the recent-studies list the app keeps per user of the machine. */
export const RecentStudy = z.object({
  file: z.string(),
  title: z.string(),
  /** ISO 8601 UTC time the study was last opened here. */
  openedAt: z.string(),
  /** False when the file is no longer at that path (moved, deleted, unmounted drive). */
  exists: z.boolean(),
});
export type RecentStudy = z.infer<typeof RecentStudy>;
