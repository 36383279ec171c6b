import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { ImageRef, SeriesIssue, SeriesSummary, SpinalSegment } from '../../../../shared/model/imaging';

export interface SeriesRow {
  id: number;
  seriesUid: string;
  studyId: number;
  patientId: number;
  pseudonym: string;
  studyDate: string | null;
  description: string | null;
  bodyPart: string | null;
  segment: SpinalSegment | null;
  segmentSource: 'description' | 'body_part' | 'user' | null;
  rows: number;
  columns: number;
  pixelSpacing: [number, number] | null;
  sliceThickness: number | null;
  orientation: number[] | null;
  issues: SeriesIssue[];
  slices: number;
}

/**
 * The id of an instance row: one image (SOP Instance UID and frame) of the study. Branded so that
 * a slice position, which is also a number, can never be passed where an image is meant.
 */
export type InstanceId = number & { readonly __instanceId: unique symbol };

export interface InstanceRow {
  id: InstanceId;
  seriesId: number;
  sopUid: string;
  /** 1-based frame of a multi-frame object; 1 for single-frame files. */
  frame: number;
  sliceIndex: number;
  instanceNumber: number | null;
  position: number | null;
  ipp: [number, number, number] | null;
  iop: number[] | null;
  blobSha256: string;
  byteLength: number;
  transferSyntax: string;
}

/** The image an instance row is, as the wire names it. */
export const imageRefOf = (i: Pick<InstanceRow, 'sopUid' | 'frame'>): ImageRef => ({ sopInstanceUid: i.sopUid, frame: i.frame });

export interface NewInstance {
  seriesId: number;
  sopUid: string;
  instanceNumber: number | null;
  position: number | null;
  ipp: [number, number, number] | null;
  iop: number[] | null;
  blobSha256: string;
  byteLength: number;
  transferSyntax: string;
  sourcePath: string | null;
}

const SERIES_SELECT = `
  SELECT s.id, s.series_uid AS seriesUid, st.id AS studyId, p.id AS patientId, p.pseudonym, st.study_date AS studyDate,
         s.description, s.body_part AS bodyPart, s.segment, s.segment_source AS segmentSource, s.rows, s.columns,
         s.pixel_spacing AS pixelSpacing, s.slice_thickness AS sliceThickness, s.orientation, s.issues,
         (SELECT count(*) FROM instance i WHERE i.series_id = s.id) AS slices
  FROM series s JOIN imaging_study st ON st.id = s.imaging_study_id JOIN patient p ON p.id = st.patient_id`;

type RawSeries = Omit<SeriesRow, 'pixelSpacing' | 'orientation' | 'issues'> & { pixelSpacing: string | null; orientation: string | null; issues: string };

function parseSeries(r: RawSeries): SeriesRow {
  return {
    ...r,
    pixelSpacing: r.pixelSpacing ? (JSON.parse(r.pixelSpacing) as [number, number]) : null,
    orientation: r.orientation ? (JSON.parse(r.orientation) as number[]) : null,
    issues: JSON.parse(r.issues) as SeriesIssue[],
  };
}

export function seriesSummary(r: SeriesRow): SeriesSummary {
  return {
    seriesId: r.id,
    seriesUid: r.seriesUid,
    patient: r.pseudonym,
    studyDate: r.studyDate,
    description: r.description,
    segment: r.segment,
    segmentSource: r.segmentSource,
    slices: r.slices,
    rows: r.rows,
    columns: r.columns,
    issues: r.issues,
  };
}

/** Patients, imaging studies, series and instances. */
/** The process that runs an import: its id and machine. */
export interface ImportRunOwner {
  pid: number;
  host: string;
}

export class ImagingRepository {
  constructor(private readonly db: Database.Database) {}

  /** The patient for a PatientID (or, without one, for the study UID), created with the next pseudonym. */
  patientFor(patientId: string | null, patientName: string | null, studyUid: string, now: string): { id: number; pseudonym: string } {
    const key = createHash('sha256').update(patientId ? `id:${patientId}` : `study:${studyUid}`).digest('hex');
    const found = this.db.prepare('SELECT id, pseudonym FROM patient WHERE patient_key = ?').get(key) as { id: number; pseudonym: string } | undefined;
    if (found) return found;
    const n = (this.db.prepare('SELECT count(*) AS n FROM patient').get() as { n: number }).n + 1;
    const pseudonym = `P${String(n).padStart(3, '0')}`;
    const info = this.db
      .prepare('INSERT INTO patient (patient_key, patient_id, patient_name, pseudonym, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(key, patientId, patientName, pseudonym, now);
    return { id: Number(info.lastInsertRowid), pseudonym };
  }

  studyFor(patientId: number, studyUid: string, studyDate: string | null, description: string | null): number {
    const found = this.db.prepare('SELECT id FROM imaging_study WHERE study_uid = ?').get(studyUid) as { id: number } | undefined;
    if (found) return found.id;
    return Number(
      this.db.prepare('INSERT INTO imaging_study (patient_id, study_uid, study_date, description) VALUES (?, ?, ?, ?)').run(patientId, studyUid, studyDate, description)
        .lastInsertRowid,
    );
  }

  seriesIdByUid(seriesUid: string): number | null {
    const r = this.db.prepare('SELECT id FROM series WHERE series_uid = ?').get(seriesUid) as { id: number } | undefined;
    return r?.id ?? null;
  }

  createSeries(s: {
    studyId: number;
    seriesUid: string;
    seriesNumber: number | null;
    description: string | null;
    bodyPart: string | null;
    modality: string | null;
    segment: SpinalSegment | null;
    segmentSource: 'description' | 'body_part' | null;
    rows: number;
    columns: number;
    pixelSpacing: [number, number] | null;
    sliceThickness: number | null;
    orientation: number[] | null;
    now: string;
  }): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO series (imaging_study_id, series_uid, series_number, description, body_part, modality, segment, segment_source,
             rows, columns, pixel_spacing, slice_thickness, orientation, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          s.studyId, s.seriesUid, s.seriesNumber, s.description, s.bodyPart, s.modality, s.segment, s.segmentSource, s.rows, s.columns,
          s.pixelSpacing ? JSON.stringify(s.pixelSpacing) : null, s.sliceThickness, s.orientation ? JSON.stringify(s.orientation) : null, s.now,
        ).lastInsertRowid,
    );
  }

  instanceBySop(sopUid: string): { seriesId: number; blobSha256: string } | null {
    return (
      (this.db.prepare('SELECT series_id AS seriesId, blob_sha256 AS blobSha256 FROM instance WHERE sop_uid = ?').get(sopUid) as
        | { seriesId: number; blobSha256: string }
        | undefined) ?? null
    );
  }

  insertInstance(i: NewInstance, now: string): void {
    this.db
      .prepare(
        `INSERT INTO instance (series_id, sop_uid, slice_index, instance_number, position, ipp, iop, blob_sha256, byte_length, transfer_syntax, source_path, imported_at)
         VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        i.seriesId, i.sopUid, i.instanceNumber, i.position, i.ipp ? JSON.stringify(i.ipp) : null, i.iop ? JSON.stringify(i.iop) : null,
        i.blobSha256, i.byteLength, i.transferSyntax, i.sourcePath, now,
      );
  }

  instances(seriesId: number): InstanceRow[] {
    const rows = this.db
      .prepare(
        `SELECT id, series_id AS seriesId, sop_uid AS sopUid, 1 AS frame, slice_index AS sliceIndex, instance_number AS instanceNumber, position, ipp, iop,
                blob_sha256 AS blobSha256, byte_length AS byteLength, transfer_syntax AS transferSyntax
         FROM instance WHERE series_id = ? ORDER BY slice_index, id`,
      )
      .all(seriesId) as (Omit<InstanceRow, 'ipp' | 'iop'> & { ipp: string | null; iop: string | null })[];
    return rows.map((r) => ({
      ...r,
      ipp: r.ipp ? (JSON.parse(r.ipp) as [number, number, number]) : null,
      iop: r.iop ? (JSON.parse(r.iop) as number[]) : null,
    }));
  }

  /** Writes the sorted order of a series: ids in slice order, with their positions along the normal. */
  setSliceOrder(orderedInstanceIds: number[], positions: (number | null)[]): void {
    const stmt = this.db.prepare('UPDATE instance SET slice_index = ?, position = ? WHERE id = ?');
    orderedInstanceIds.forEach((id, index) => stmt.run(index, positions[index] ?? null, id));
  }

  setSeriesIssues(seriesId: number, issues: SeriesIssue[]): void {
    this.db.prepare('UPDATE series SET issues = ? WHERE id = ?').run(JSON.stringify(issues), seriesId);
  }

  setSegment(seriesId: number, segment: SpinalSegment | null, source: 'user' | null): void {
    this.db.prepare('UPDATE series SET segment = ?, segment_source = ? WHERE id = ?').run(segment, source, seriesId);
  }

  series(seriesId: number): SeriesRow | null {
    const r = this.db.prepare(`${SERIES_SELECT} WHERE s.id = ?`).get(seriesId) as RawSeries | undefined;
    return r ? parseSeries(r) : null;
  }

  allSeries(): SeriesRow[] {
    return (this.db.prepare(`${SERIES_SELECT} ORDER BY p.pseudonym, CASE s.segment WHEN 'cervical' THEN 1 WHEN 'thoracic' THEN 2 WHEN 'lumbar' THEN 3 ELSE 4 END, s.id`).all() as RawSeries[]).map(
      parseSeries,
    );
  }

  instanceAt(seriesId: number, sliceIndex: number): InstanceRow | null {
    return this.instances(seriesId).find((i) => i.sliceIndex === sliceIndex) ?? null;
  }

  /** The image's row in this series, or null when the series has no such image. */
  instanceOfImage(seriesId: number, image: ImageRef): InstanceRow | null {
    return this.instances(seriesId).find((i) => i.sopUid === image.sopInstanceUid && i.frame === image.frame) ?? null;
  }

  /** Patient identifiers, for coordinators who ask for them (never for readers, never in logs). */
  patientIdentity(patientRowId: number): { patientId: string | null; patientName: string | null } {
    return this.db.prepare('SELECT patient_id AS patientId, patient_name AS patientName FROM patient WHERE id = ?').get(patientRowId) as {
      patientId: string | null;
      patientName: string | null;
    };
  }

  /** `owner`: which process runs the import (kept in the report until it ends), to find abandoned runs. */
  startRun(now: string, actorId: number | null, owner: ImportRunOwner): number {
    return Number(
      this.db.prepare("INSERT INTO import_run (started_at, actor_id, status, report) VALUES (?, ?, 'running', ?)").run(now, actorId, JSON.stringify({ owner })).lastInsertRowid,
    );
  }

  /** Runs still marked 'running', with the process that started them (null for older versions). */
  runningRuns(): { id: number; startedAt: string; actorId: number | null; owner: ImportRunOwner | null }[] {
    const rows = this.db.prepare("SELECT id, started_at AS startedAt, actor_id AS actorId, report FROM import_run WHERE status = 'running' ORDER BY id").all() as {
      id: number;
      startedAt: string;
      actorId: number | null;
      report: string;
    }[];
    return rows.map(({ report, ...r }) => {
      let owner: ImportRunOwner | null = null;
      try {
        owner = (JSON.parse(report) as { owner?: ImportRunOwner }).owner ?? null;
      } catch {
        // A report that does not parse says nothing about its owner.
      }
      return { ...r, owner };
    });
  }

  importRun(runId: number): unknown | null {
    const r = this.db.prepare('SELECT status, report FROM import_run WHERE id = ?').get(runId) as { status: string; report: string } | undefined;
    if (!r) return null;
    const report = JSON.parse(r.report) as Record<string, unknown>;
    return r.status === 'running'
      ? { runId, status: 'running', filesSeen: 0, imported: 0, alreadyPresent: 0, skipped: 0, bytes: 0, problems: [], series: [], seconds: 0 }
      : { ...report, runId, status: r.status };
  }

  finishRun(runId: number, status: string, report: unknown, now: string): void {
    this.db.prepare('UPDATE import_run SET status = ?, report = ?, finished_at = ? WHERE id = ?').run(status, JSON.stringify(report), now, runId);
  }
}
