/**
 * truth.json: the ground truth of a phantom cohort written by `bme phantom`, beside the DICOM
 * files. Masks are run-length encoded (shared/geometry/mask.ts; the file names its encoding in
 * `maskEncoding`), one per slice, null where the slice has no lesion pixel.
 */
import { encodeRuns, MASK_ENCODING_DESCRIPTION } from '../../../../shared/geometry/mask';
import type { SpineSegment } from './anatomy-types';
import type { LesionSite } from './lesions';
import type { PhantomPatient } from './phantom-types';

export const TRUTH_FORMAT = 'bme-phantom-truth';
export const TRUTH_VERSION = 1;
export const TRUTH_FILE_NAME = 'truth.json';

/** Where each file of a cohort lives, relative to the output folder. */
export const PHANTOM_LAYOUT = '<patientId>/<segment>/IM0001.dcm, IM0002.dcm ... in InstanceNumber order; <segment> is cervical, thoracic or lumbar';

/** The name of slice `instanceNumber`'s file inside its series folder: IM0001.dcm, IM0002.dcm ... */
export function phantomFileName(instanceNumber: number): string {
  return `IM${String(instanceNumber).padStart(4, '0')}.dcm`;
}

export interface TruthSlice {
  instanceNumber: number;
  /** File name inside the series folder. */
  file: string;
  sopInstanceUid: string;
  /** Lesion ids on this slice with their pixel counts. */
  lesions: { id: number; pixels: number }[];
  /** Run-length encoded mask over rows x columns (see maskEncoding), or null: no lesion pixel. */
  mask: number[] | null;
}

export interface TruthSeries {
  segment: SpineSegment;
  /** Folder of the series relative to the cohort folder, '/'-separated. */
  directory: string;
  seriesInstanceUid: string;
  seriesDescription: string;
  rows: number;
  columns: number;
  /** mm between rows, between columns. */
  pixelSpacing: [number, number];
  lesions: { id: number; vertebra: string; site: LesionSite; instanceNumbers: number[]; pixelCount: number }[];
  slices: TruthSlice[];
}

export interface TruthPatient {
  patientId: string;
  patientName: string;
  studyInstanceUid: string;
  hasLesions: boolean;
  series: TruthSeries[];
}

export interface TruthFile {
  format: typeof TRUTH_FORMAT;
  version: typeof TRUTH_VERSION;
  synthetic: true;
  note: string;
  seed: number;
  layout: string;
  maskEncoding: string;
  patients: TruthPatient[];
}

export function truthPatient(patient: PhantomPatient): TruthPatient {
  return {
    patientId: patient.patientId,
    patientName: patient.patientName,
    studyInstanceUid: patient.studyInstanceUid,
    hasLesions: patient.hasLesions,
    series: patient.series.map((s) => ({
      segment: s.segment,
      directory: `${patient.patientId}/${s.segment}`,
      seriesInstanceUid: s.seriesInstanceUid,
      seriesDescription: s.seriesDescription,
      rows: s.rows,
      columns: s.columns,
      pixelSpacing: s.pixelSpacing,
      lesions: s.lesions,
      slices: s.slices.map((sl) => ({
        instanceNumber: sl.instanceNumber,
        file: phantomFileName(sl.instanceNumber),
        sopInstanceUid: sl.sopInstanceUid,
        lesions: sl.lesions,
        mask: sl.lesions.length > 0 ? encodeRuns(sl.mask, s.columns, s.rows) : null,
      })),
    })),
  };
}

export function truthFile(seed: number, patients: TruthPatient[]): TruthFile {
  return {
    format: TRUTH_FORMAT,
    version: TRUTH_VERSION,
    synthetic: true,
    note: 'Synthetic phantom data for demos and tests, made by `bme phantom`; no image here comes from a person.',
    seed,
    layout: PHANTOM_LAYOUT,
    maskEncoding: MASK_ENCODING_DESCRIPTION,
    patients,
  };
}

/**
 * Serialises with one slice per line: readable in a text editor and diff-friendly, without the
 * thousands of lines a fully indented mask array would take.
 */
export function serializeTruthFile(truth: TruthFile): string {
  const compact = (v: unknown) => JSON.stringify(v);
  const lines: string[] = ['{'];
  const { patients, ...head } = truth;
  for (const [k, v] of Object.entries(head)) lines.push(`  ${compact(k)}: ${compact(v)},`);
  lines.push('  "patients": [');
  patients.forEach((p, pi) => {
    const { series, ...pHead } = p;
    lines.push(`    ${compact(pHead).slice(0, -1)}, "series": [`);
    series.forEach((s, si) => {
      const { slices, ...sHead } = s;
      lines.push(`      ${compact(sHead).slice(0, -1)}, "slices": [`);
      slices.forEach((sl, i) => lines.push(`        ${compact(sl)}${i < slices.length - 1 ? ',' : ''}`));
      lines.push(`      ]}${si < series.length - 1 ? ',' : ''}`);
    });
    lines.push(`    ]}${pi < patients.length - 1 ? ',' : ''}`);
  });
  lines.push('  ]', '}');
  return lines.join('\n') + '\n';
}
