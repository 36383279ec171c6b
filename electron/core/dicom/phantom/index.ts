/** The synthetic phantom cohort: in-memory patients and the cohort written as DICOM files. */
export { SPINE_SEGMENTS, type SpineSegment } from './anatomy-types';
export type { LesionSite } from './lesions';
export type { PhantomLesion, PhantomPatient, PhantomSeries, PhantomSlice } from './phantom-types';
export { isLesionFree, phantomPatientId, synthesizePatient } from './synthesize-patient';
export { generatePhantomCohort, MAX_PHANTOM_PATIENTS, MAX_PHANTOM_SEED, README_FILE_NAME, type GeneratePhantomCohortOptions, type PhantomCohortReport } from './generate-cohort';
export { phantomSliceDataset, PHANTOM_COMMENT, PHANTOM_INSTITUTION, PHANTOM_MANUFACTURER } from './mr-dataset';
export {
  PHANTOM_LAYOUT, phantomFileName, TRUTH_FILE_NAME, TRUTH_FORMAT, TRUTH_VERSION,
  type TruthFile, type TruthPatient, type TruthSeries, type TruthSlice,
} from './truth-file';
