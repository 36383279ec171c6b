/**
 * The DICOM dataset of one phantom slice: an MR Image Storage instance with the patient, study,
 * series, geometry and pixel attributes a sagittal STIR from a 3 T scanner carries.
 */
import { appVersion } from '../../app-version';
import { Tags, Uids, type DicomElement } from '../write/dicom-element';
import type { PhantomPatient, PhantomSeries, PhantomSlice } from './phantom-types';

/** Written into InstitutionName, Manufacturer and ImageComments so nobody mistakes the files for a patient's. */
export const PHANTOM_MANUFACTURER = 'BME Workstation synthetic phantom';
export const PHANTOM_INSTITUTION = 'Synthetic Phantom Hospital';
export const PHANTOM_COMMENT = 'SYNTHETIC PHANTOM IMAGE FOR DEMOS AND TESTS - NOT A PATIENT';

export function phantomSliceDataset(patient: PhantomPatient, series: PhantomSeries, slice: PhantomSlice): DicomElement[] {
  const date = patient.studyDate;
  return [
    { tag: Tags.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 100' },
    { tag: Tags.ImageType, vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'M', 'ND'] },
    { tag: Tags.InstanceCreationDate, vr: 'DA', value: date },
    { tag: Tags.InstanceCreationTime, vr: 'TM', value: series.seriesTime },
    { tag: Tags.SOPClassUID, vr: 'UI', value: Uids.MrImageStorage },
    { tag: Tags.SOPInstanceUID, vr: 'UI', value: slice.sopInstanceUid },
    { tag: Tags.StudyDate, vr: 'DA', value: date },
    { tag: Tags.SeriesDate, vr: 'DA', value: date },
    { tag: Tags.AcquisitionDate, vr: 'DA', value: date },
    { tag: Tags.ContentDate, vr: 'DA', value: date },
    { tag: Tags.StudyTime, vr: 'TM', value: patient.studyTime },
    { tag: Tags.SeriesTime, vr: 'TM', value: series.seriesTime },
    { tag: Tags.AcquisitionTime, vr: 'TM', value: series.seriesTime },
    { tag: Tags.ContentTime, vr: 'TM', value: series.seriesTime },
    { tag: Tags.AccessionNumber, vr: 'SH', value: patient.accessionNumber },
    { tag: Tags.Modality, vr: 'CS', value: 'MR' },
    { tag: Tags.Manufacturer, vr: 'LO', value: PHANTOM_MANUFACTURER },
    { tag: Tags.InstitutionName, vr: 'LO', value: PHANTOM_INSTITUTION },
    { tag: Tags.ReferringPhysicianName, vr: 'PN', value: 'PHANTOM^REFERRER' },
    { tag: Tags.StudyDescription, vr: 'LO', value: 'MRI WHOLE SPINE STIR' },
    { tag: Tags.SeriesDescription, vr: 'LO', value: series.seriesDescription },
    { tag: Tags.ManufacturerModelName, vr: 'LO', value: 'bme phantom' },
    { tag: Tags.PatientName, vr: 'PN', value: patient.patientName },
    { tag: Tags.PatientID, vr: 'LO', value: patient.patientId },
    { tag: Tags.PatientBirthDate, vr: 'DA', value: patient.birthDate },
    { tag: Tags.PatientSex, vr: 'CS', value: patient.sex },
    { tag: Tags.PatientAge, vr: 'AS', value: `${String(patient.ageYears).padStart(3, '0')}Y` },
    { tag: Tags.BodyPartExamined, vr: 'CS', value: series.bodyPartExamined },
    { tag: Tags.ScanningSequence, vr: 'CS', value: ['SE', 'IR'] },
    { tag: Tags.SequenceVariant, vr: 'CS', value: ['SK', 'SP'] },
    { tag: Tags.ScanOptions, vr: 'CS', value: '' },
    { tag: Tags.MRAcquisitionType, vr: 'CS', value: '2D' },
    { tag: Tags.SequenceName, vr: 'SH', value: 'TSE_STIR' },
    { tag: Tags.SliceThickness, vr: 'DS', value: series.sliceThickness },
    { tag: Tags.RepetitionTime, vr: 'DS', value: 5000 },
    { tag: Tags.EchoTime, vr: 'DS', value: 80 },
    { tag: Tags.InversionTime, vr: 'DS', value: 210 },
    { tag: Tags.NumberOfAverages, vr: 'DS', value: 2 },
    { tag: Tags.MagneticFieldStrength, vr: 'DS', value: 3 },
    { tag: Tags.SpacingBetweenSlices, vr: 'DS', value: series.spacingBetweenSlices },
    { tag: Tags.EchoTrainLength, vr: 'IS', value: 17 },
    { tag: Tags.SoftwareVersions, vr: 'LO', value: `bme-workstation ${appVersion}` },
    { tag: Tags.ProtocolName, vr: 'LO', value: series.seriesDescription },
    { tag: Tags.FlipAngle, vr: 'DS', value: 90 },
    { tag: Tags.PatientPosition, vr: 'CS', value: 'HFS' },
    { tag: Tags.PatientIdentityRemoved, vr: 'CS', value: 'NO' },
    { tag: Tags.StudyInstanceUID, vr: 'UI', value: patient.studyInstanceUid },
    { tag: Tags.SeriesInstanceUID, vr: 'UI', value: series.seriesInstanceUid },
    { tag: Tags.StudyID, vr: 'SH', value: patient.studyId },
    { tag: Tags.SeriesNumber, vr: 'IS', value: series.seriesNumber },
    { tag: Tags.InstanceNumber, vr: 'IS', value: slice.instanceNumber },
    { tag: Tags.ImagePositionPatient, vr: 'DS', value: slice.imagePositionPatient },
    { tag: Tags.ImageOrientationPatient, vr: 'DS', value: series.imageOrientationPatient },
    { tag: Tags.FrameOfReferenceUID, vr: 'UI', value: patient.frameOfReferenceUid },
    { tag: Tags.PositionReferenceIndicator, vr: 'LO', value: '' },
    { tag: Tags.SliceLocation, vr: 'DS', value: slice.sliceLocation },
    { tag: Tags.ImageComments, vr: 'LT', value: PHANTOM_COMMENT },
    { tag: Tags.SamplesPerPixel, vr: 'US', value: 1 },
    { tag: Tags.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
    { tag: Tags.Rows, vr: 'US', value: series.rows },
    { tag: Tags.Columns, vr: 'US', value: series.columns },
    { tag: Tags.PixelSpacing, vr: 'DS', value: series.pixelSpacing },
    { tag: Tags.BitsAllocated, vr: 'US', value: 16 },
    { tag: Tags.BitsStored, vr: 'US', value: 12 },
    { tag: Tags.HighBit, vr: 'US', value: 11 },
    { tag: Tags.PixelRepresentation, vr: 'US', value: 0 },
    { tag: Tags.WindowCenter, vr: 'DS', value: series.windowCenter },
    { tag: Tags.WindowWidth, vr: 'DS', value: series.windowWidth },
    { tag: Tags.PixelData, vr: 'OW', value: slice.pixels },
  ];
}
