import type { SpinalSegment } from '../../../../shared/model/imaging';

/** What the import worker learns from one readable image file. */
export interface ScannedImage {
  kind: 'image';
  path: string;
  sha256: string;
  byteLength: number;
  transferSyntax: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  studyInstanceUID: string;
  /** Identifying: goes to the database only, never to a log or a report. */
  patientID: string | null;
  patientName: string | null;
  studyDate: string | null;
  studyDescription: string | null;
  seriesDescription: string | null;
  seriesNumber: number | null;
  bodyPartExamined: string | null;
  modality: string | null;
  instanceNumber: number | null;
  ipp: [number, number, number] | null;
  iop: number[] | null;
  pixelSpacing: [number, number] | null;
  sliceThickness: number | null;
  rows: number;
  columns: number;
  segmentGuess: { segment: SpinalSegment; source: 'description' | 'body_part' } | null;
}

export type WorkerToMain =
  | { kind: 'total'; files: number }
  | ScannedImage
  | { kind: 'problem'; path: string; code: string; message: string; byteLength: number }
  | { kind: 'skipped'; path: string; reason: string; byteLength: number }
  | { kind: 'done' };

export interface MainToWorker {
  paths: string[];
  blobDir: string;
}
