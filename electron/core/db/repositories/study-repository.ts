import type Database from 'better-sqlite3';

export interface StudyRecord {
  studyId: string;
  title: string;
  createdAt: string;
  createdByApp: string;
}

/** The study's one identity row. */
export class StudyRepository {
  constructor(private readonly db: Database.Database) {}

  insert(record: StudyRecord): void {
    this.db
      .prepare(
        `INSERT INTO study (id, study_id, title, created_at, created_by_app)
         VALUES (1, @studyId, @title, @createdAt, @createdByApp)`,
      )
      .run(record);
  }

  get(): StudyRecord {
    return this.db
      .prepare(
        'SELECT study_id AS studyId, title, created_at AS createdAt, created_by_app AS createdByApp FROM study WHERE id = 1',
      )
      .get() as StudyRecord;
  }
}
