import type { Migration } from './migration';

/**
 * Imported imaging: patients (with pseudonyms for readers), imaging studies, series (with their
 * spinal segment) and instances (one row per slice, pointing to the study's content-addressed
 * copy of the file), and the import runs with their reports.
 */
export const migration002: Migration = {
  version: 2,
  name: 'imaging',
  up: `
    CREATE TABLE patient (
      id INTEGER PRIMARY KEY,
      -- SHA-256 of PatientID (or of the study UID where the ID is empty): the matching key.
      patient_key TEXT NOT NULL UNIQUE,
      patient_id TEXT,
      patient_name TEXT,
      -- What readers see instead of the name and ID: 'P001', 'P002' ...
      pseudonym TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    );

    CREATE TABLE imaging_study (
      id INTEGER PRIMARY KEY,
      patient_id INTEGER NOT NULL REFERENCES patient(id),
      study_uid TEXT NOT NULL UNIQUE,
      study_date TEXT,
      description TEXT
    );

    CREATE TABLE series (
      id INTEGER PRIMARY KEY,
      imaging_study_id INTEGER NOT NULL REFERENCES imaging_study(id),
      series_uid TEXT NOT NULL UNIQUE,
      series_number INTEGER,
      description TEXT,
      body_part TEXT,
      modality TEXT,
      -- cervical | thoracic | lumbar, or NULL until someone picks it.
      segment TEXT CHECK (segment IN ('cervical', 'thoracic', 'lumbar')),
      -- how the segment was set: description | body_part | user
      segment_source TEXT CHECK (segment_source IN ('description', 'body_part', 'user')),
      rows INTEGER NOT NULL,
      columns INTEGER NOT NULL,
      -- JSON: [row spacing, column spacing] in mm, or null
      pixel_spacing TEXT,
      slice_thickness REAL,
      -- JSON: six direction cosines of the first slice, or null
      orientation TEXT,
      -- JSON array of problems found when sorting: gaps, duplicates, orientation
      issues TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL
    );
    CREATE INDEX series_study ON series(imaging_study_id);

    CREATE TABLE instance (
      id INTEGER PRIMARY KEY,
      series_id INTEGER NOT NULL REFERENCES series(id),
      sop_uid TEXT NOT NULL UNIQUE,
      -- 0-based position of the slice in the sorted series
      slice_index INTEGER NOT NULL,
      instance_number INTEGER,
      -- position along the slice normal, mm (null when the file has no geometry)
      position REAL,
      -- JSON [x, y, z] ImagePositionPatient, or null
      ipp TEXT,
      -- JSON six direction cosines ImageOrientationPatient, or null
      iop TEXT,
      -- SHA-256 of the file's bytes: the name of the study's own copy
      blob_sha256 TEXT NOT NULL,
      byte_length INTEGER NOT NULL,
      transfer_syntax TEXT NOT NULL,
      source_path TEXT,
      imported_at TEXT NOT NULL
    );
    CREATE INDEX instance_series ON instance(series_id, slice_index);

    CREATE TABLE import_run (
      id INTEGER PRIMARY KEY,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      actor_id INTEGER,
      -- running | done | cancelled | failed
      status TEXT NOT NULL,
      -- JSON report (counts, per-file problems, per-series notes)
      report TEXT NOT NULL DEFAULT '{}'
    );
  `,
};
