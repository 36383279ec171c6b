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

/** What the import worker reports of one file it was given or found. */
export type ScannedFile =
  | ScannedImage
  | { kind: 'problem'; path: string; code: string; message: string; byteLength: number }
  | { kind: 'skipped'; path: string; reason: string; byteLength: number };

/**
 * The import worker's protocol: one `scan` request per import, streaming the number of files found
 * and then one event per file; it resolves when every file was scanned.
 */
export interface ImportProtocol {
  requests: { scan: { params: { paths: string[]; blobDir: string; /** Marks this import's temporary copies (BlobStore). */ tmpTag: string }; result: { files: number } } };
  events: { total: { files: number }; file: ScannedFile };
}
