/**
 * Writes a phantom cohort to a folder: DICOM Part 10 files laid out as
 *   <outDir>/<patientId>/<segment>/IM0001.dcm ...   (segment: cervical | thoracic | lumbar)
 * plus <outDir>/truth.json (truth-file.ts) and <outDir>/README.txt. The same seed and patient
 * count always give byte-identical files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../../shared/contracts/errors';
import { encodeDicomPart10 } from '../write/part10';
import { phantomSliceDataset } from './mr-dataset';
import type { PhantomPatient } from './phantom-types';
import { synthesizePatient } from './synthesize-patient';
import { PHANTOM_LAYOUT, phantomFileName, serializeTruthFile, TRUTH_FILE_NAME, TRUTH_FORMAT, truthFile, truthPatient, type TruthPatient } from './truth-file';

export const README_FILE_NAME = 'README.txt';
export const MAX_PHANTOM_PATIENTS = 999;
export const MAX_PHANTOM_SEED = 2 ** 31 - 1;

export interface GeneratePhantomCohortOptions {
  /** Folder to write to: created if missing; must be empty or an earlier phantom output (which is replaced). */
  outDir: string;
  /** Number of patients, 1 to MAX_PHANTOM_PATIENTS. */
  patients: number;
  /** Whole number 0 to MAX_PHANTOM_SEED; decides everything, UIDs and dates included. */
  seed: number;
  /**
   * Called after each patient is written, with the patient in memory (pixels, masks, UIDs), so a
   * caller that needs the truth need not synthesise the patient again.
   */
  onProgress?: (progress: { patientsDone: number; patientsTotal: number; patientId: string; patient: PhantomPatient }) => void;
}

export interface PhantomCohortReport {
  /** Absolute path of the cohort folder. */
  outDir: string;
  seed: number;
  patients: number;
  patientsWithLesions: number;
  patientsWithoutLesions: number;
  series: number;
  slices: number;
  /** Lesions over all series, and slices with at least one lesion pixel. */
  lesions: number;
  lesionSlices: number;
  /** DICOM files written and their total size in bytes. */
  files: number;
  bytes: number;
  /** Absolute path of truth.json. */
  truthFile: string;
  layout: string;
  patientIds: string[];
}

const README_FIRST_LINE = 'SYNTHETIC PHANTOM DATA - NOT FROM ANY PERSON';
const PATIENT_FOLDER = /^PH-S\d+-\d{3,}$/;

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * True when `outDir` holds an earlier cohort: its truth.json (or, after an interrupted run that
 * never wrote truth.json, its README.txt, written first) says so.
 */
function isEarlierCohort(outDir: string): boolean {
  const truth = readText(join(outDir, TRUTH_FILE_NAME));
  if (truth !== null) {
    try {
      return (JSON.parse(truth) as { format?: unknown }).format === TRUTH_FORMAT;
    } catch {
      return false;
    }
  }
  return readText(join(outDir, README_FILE_NAME))?.startsWith(README_FIRST_LINE) ?? false;
}

/** Makes `outDir` ready: creates it, accepts it empty, or clears an earlier cohort; refuses anything else. */
function prepareOutputDir(outDir: string): void {
  if (!existsSync(outDir)) {
    mkdirSync(outDir, { recursive: true });
    return;
  }
  if (!statSync(outDir).isDirectory()) {
    throw new AppError('invalid_file', `${outDir} is a file, not a folder. Choose a new or empty folder for the phantom cohort.`);
  }
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  const earlier = isEarlierCohort(outDir);
  const strangers = entries.filter((e) => e !== TRUTH_FILE_NAME && e !== README_FILE_NAME && !PATIENT_FOLDER.test(e));
  if (!earlier || strangers.length > 0) {
    const why = earlier ? `it also holds ${strangers.slice(0, 3).join(', ')}` : `it has no ${TRUTH_FILE_NAME} from 'bme phantom'`;
    throw new AppError('conflict', `${outDir} is not empty and is not an earlier phantom cohort (${why}). Choose a new or empty folder; nothing was changed.`);
  }
  // Only what an earlier cohort writes is removed: truth.json, README.txt and PH-S<seed>-<n> folders.
  for (const e of entries) rmSync(join(outDir, e), { recursive: true, force: true });
}

function readme(seed: number, patients: number): string {
  return [
    README_FIRST_LINE,
    '',
    `Written by 'bme phantom --patients ${patients} --seed ${seed}' (BME Workstation) for demos and tests.`,
    'Sagittal STIR MRI of the cervical, thoracic and lumbar spine as DICOM Part 10 files',
    '(MR Image Storage, explicit VR little endian, 16-bit unsigned, 12 bits stored).',
    '',
    `Layout: ${PHANTOM_LAYOUT}.`,
    `Ground truth: ${TRUTH_FILE_NAME}, with bone marrow edema masks per slice, run-length encoded`,
    '(the encoding is described in its "maskEncoding" field).',
    '',
  ].join('\n');
}

function checkWhole(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new AppError('bad_request', `The phantom's ${name} must be a whole number from ${min} to ${max} (got ${value}).`);
  }
}

/** Synthesises `patients` patients and writes them, truth.json and README.txt to `outDir`. */
export async function generatePhantomCohort(options: GeneratePhantomCohortOptions): Promise<PhantomCohortReport> {
  checkWhole('patient count', options.patients, 1, MAX_PHANTOM_PATIENTS);
  checkWhole('seed', options.seed, 0, MAX_PHANTOM_SEED);
  const outDir = resolve(options.outDir);
  prepareOutputDir(outDir);
  writeFileSync(join(outDir, README_FILE_NAME), readme(options.seed, options.patients));
  const truthPatients: TruthPatient[] = [];
  const report: PhantomCohortReport = {
    outDir, seed: options.seed, patients: options.patients, patientsWithLesions: 0, patientsWithoutLesions: 0, series: 0, slices: 0,
    lesions: 0, lesionSlices: 0, files: 0, bytes: 0, truthFile: join(outDir, TRUTH_FILE_NAME), layout: PHANTOM_LAYOUT, patientIds: [],
  };
  for (let index = 0; index < options.patients; index++) {
    const patient = synthesizePatient(options.seed, index);
    for (const series of patient.series) {
      const dir = join(outDir, patient.patientId, series.segment);
      mkdirSync(dir, { recursive: true });
      for (const slice of series.slices) {
        const bytes = encodeDicomPart10(phantomSliceDataset(patient, series, slice));
        writeFileSync(join(dir, phantomFileName(slice.instanceNumber)), bytes);
        report.files++;
        report.bytes += bytes.length;
        if (slice.lesions.length > 0) report.lesionSlices++;
      }
      report.series++;
      report.slices += series.slices.length;
      report.lesions += series.lesions.length;
    }
    if (patient.hasLesions) report.patientsWithLesions++;
    else report.patientsWithoutLesions++;
    report.patientIds.push(patient.patientId);
    truthPatients.push(truthPatient(patient));
    options.onProgress?.({ patientsDone: index + 1, patientsTotal: options.patients, patientId: patient.patientId, patient });
    // Let the event loop breathe between patients (progress events, cancellation by the host).
    await new Promise((r) => setImmediate(r));
  }
  writeFileSync(report.truthFile, serializeTruthFile(truthFile(options.seed, truthPatients)));
  return report;
}
