/**
 * What the phantom generator produces in memory. Patient coordinates are DICOM's LPS (x towards
 * the patient's left, y towards posterior, z towards the head), in mm. Images are row-major:
 * index = row * columns + column, row 0 at the top (head), column 0 at the front (anterior).
 */
import type { SpineSegment } from './anatomy-types';
import type { LesionSite } from './lesions';

export type { SpineSegment } from './anatomy-types';
export type { LesionSite } from './lesions';

/** One lesion of a series, as the truth file reports it. */
export interface PhantomLesion {
  /** 1-based, unique within its series. */
  id: number;
  /** Vertebra it sits in, e.g. 'T7'. */
  vertebra: string;
  site: LesionSite;
  /** InstanceNumbers of the consecutive slices it appears on (1 to 3). */
  instanceNumbers: number[];
  /** Mask pixels over all its slices. */
  pixelCount: number;
}

export interface PhantomSlice {
  /** InstanceNumber (0020,0013), 1-based, in slice order. */
  instanceNumber: number;
  sopInstanceUid: string;
  /** ImagePositionPatient (0020,0032): centre of the first pixel, LPS mm. */
  imagePositionPatient: [number, number, number];
  /** SliceLocation (0020,1041): ImagePositionPatient projected on the slice normal (row x column direction), mm. */
  sliceLocation: number;
  /** Stored values, rows x columns, 0..4095. */
  pixels: Uint16Array;
  /** Ground-truth lesion mask, rows x columns, 1 = edema. */
  mask: Uint8Array;
  /** Lesions on this slice and their pixel counts. */
  lesions: { id: number; pixels: number }[];
}

export interface PhantomSeries {
  segment: SpineSegment;
  /** SeriesNumber (0020,0011). */
  seriesNumber: number;
  seriesInstanceUid: string;
  /** 'SAG STIR C-SPINE' / 'SAG STIR T-SPINE' / 'SAG STIR L-SPINE'. */
  seriesDescription: string;
  /** 'CSPINE' / 'TSPINE' / 'LSPINE'. */
  bodyPartExamined: string;
  /** SeriesTime (0020,0031), HHMMSS. */
  seriesTime: string;
  rows: number;
  columns: number;
  /** PixelSpacing (0028,0030): [between rows, between columns], mm. */
  pixelSpacing: [number, number];
  /** SliceThickness (0018,0050), mm. */
  sliceThickness: number;
  /** SpacingBetweenSlices (0018,0088), centre to centre, mm. */
  spacingBetweenSlices: number;
  /** ImageOrientationPatient (0020,0037): row direction (anterior to posterior), then column direction (head to feet). */
  imageOrientationPatient: [number, number, number, number, number, number];
  windowCenter: number;
  windowWidth: number;
  slices: PhantomSlice[];
  lesions: PhantomLesion[];
}

export interface PhantomPatient {
  seed: number;
  /** 0-based position in the cohort. */
  index: number;
  /** PatientID (0010,0020), e.g. 'PH-S1-001'. */
  patientId: string;
  /** PatientName (0010,0010), e.g. 'PHANTOM^P001'. */
  patientName: string;
  sex: 'M' | 'F';
  /** PatientBirthDate, YYYYMMDD. */
  birthDate: string;
  /** Whole years at the study date. */
  ageYears: number;
  studyInstanceUid: string;
  studyId: string;
  accessionNumber: string;
  /** StudyDate YYYYMMDD and StudyTime HHMMSS. */
  studyDate: string;
  studyTime: string;
  frameOfReferenceUid: string;
  /** True when any series has a lesion. */
  hasLesions: boolean;
  series: PhantomSeries[];
}
