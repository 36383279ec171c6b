import { statSync } from 'node:fs';
import { latestSchemaVersion } from '../db/migrations';
import { openSqlite } from '../db/sqlite';
import { personNameSecrets } from './redact';

/** What a support file says about a study: its format and health, nothing it holds. */
export interface StudyFacts {
  /** PRAGMA user_version: the migration the study is at. */
  schemaVersion: number;
  /** The newest schema this app knows (a study above it was made by a newer app). */
  appSchemaVersion: number;
  /** The app version that created the study. */
  createdByApp: string | null;
  journalMode: string;
  pageSize: number;
  pageCount: number;
  fileBytes: number;
  /** PRAGMA quick_check's first line ('ok' when healthy). */
  quickCheck: string;
}

/**
 * Reads a study's format facts, read-only (no migration, no backup, no lock held beyond the read),
 * and the identifying strings to keep out of the support file's logs: patient names and IDs, the
 * Study and Series UIDs, account names and the study's title. The strings stay in memory and are
 * used only to redact. SOP Instance UIDs and the files' original paths (one per slice, tens of
 * thousands) are not listed: redactText removes every UID-shaped and absolute-path-shaped text.
 */
export function readStudyFacts(file: string): { facts: StudyFacts; secrets: string[] } {
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    const pragma = (name: string) => db.pragma(name, { simple: true });
    const hasTable = (name: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
    const column = (sql: string) => (hasTable(sql.match(/FROM (\w+)/)![1]!) ? (db.prepare(sql).pluck().all() as unknown[]) : []).filter((v): v is string => typeof v === 'string' && v !== '');
    const study = hasTable('study') ? (db.prepare('SELECT title, created_by_app AS createdByApp FROM study WHERE id = 1').get() as { title: string; createdByApp: string } | undefined) : undefined;
    const secrets = [
      ...column('SELECT patient_name FROM patient').flatMap(personNameSecrets),
      ...column('SELECT patient_id FROM patient'),
      ...column('SELECT study_uid FROM imaging_study'),
      ...column('SELECT series_uid FROM series'),
      ...column('SELECT username FROM account'),
      ...column('SELECT display_name FROM account').flatMap(personNameSecrets),
      ...(study?.title ? [study.title] : []),
    ];
    const facts: StudyFacts = {
      schemaVersion: Number(pragma('user_version')),
      appSchemaVersion: latestSchemaVersion,
      createdByApp: study?.createdByApp ?? null,
      journalMode: String(pragma('journal_mode')),
      pageSize: Number(pragma('page_size')),
      pageCount: Number(pragma('page_count')),
      fileBytes: statSync(file).size,
      quickCheck: String(pragma('quick_check')),
    };
    return { facts, secrets };
  } finally {
    db.close();
  }
}
