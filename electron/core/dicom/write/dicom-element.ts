/**
 * The data model of the DICOM writer: a dataset is a flat list of (tag, VR, value) elements.
 * Sequences (SQ) are not supported yet.
 */

/** Value representations the writer can encode (PS3.5 section 6.2). */
export type DicomVr =
  // text
  | 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UC' | 'UI' | 'UR' | 'UT'
  // binary numbers
  | 'AT' | 'FD' | 'FL' | 'SL' | 'SS' | 'UL' | 'US' | 'SV' | 'UV'
  // bulk data
  | 'OB' | 'OD' | 'OF' | 'OL' | 'OV' | 'OW' | 'UN';

/**
 * What an element may hold:
 * - text VRs: a string, or a list joined with the DICOM value separator '\'; DS and IS also take
 *   numbers (formatted to fit their 16 and 12 characters);
 * - number VRs (US, UL, FL ...): a number, a list, or a matching typed array; AT takes tags as
 *   numbers 0xGGGGEEEE;
 * - bulk VRs (OB, OW, OF ...): a typed array, written little endian;
 * - any VR: a Uint8Array of already-encoded bytes, written as they are (padded to even length with
 *   the VR's pad byte). That escape hatch lets tests and fuzzers write values no validator allows.
 */
export type DicomValue =
  | string
  | readonly string[]
  | number
  | readonly number[]
  | bigint
  | Uint8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** One data element. `tag` is 0xGGGGEEEE (group in the high 16 bits). */
export interface DicomElement {
  tag: number;
  vr: DicomVr;
  value: DicomValue;
}

/** Builds a tag number from its group and element, e.g. `tag(0x0010, 0x0010)` for PatientName. */
export function tag(group: number, element: number): number {
  return ((group & 0xffff) * 0x10000 + (element & 0xffff)) >>> 0;
}

/** '(GGGG,EEEE)' as DCMTK prints it, for messages. */
export function formatTag(t: number): string {
  const hex = (t >>> 0).toString(16).padStart(8, '0');
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

/** Tags the phantom and other writers use, by DICOM keyword. */
export const Tags = {
  FileMetaInformationGroupLength: tag(0x0002, 0x0000),
  FileMetaInformationVersion: tag(0x0002, 0x0001),
  MediaStorageSOPClassUID: tag(0x0002, 0x0002),
  MediaStorageSOPInstanceUID: tag(0x0002, 0x0003),
  TransferSyntaxUID: tag(0x0002, 0x0010),
  ImplementationClassUID: tag(0x0002, 0x0012),
  ImplementationVersionName: tag(0x0002, 0x0013),
  SpecificCharacterSet: tag(0x0008, 0x0005),
  ImageType: tag(0x0008, 0x0008),
  InstanceCreationDate: tag(0x0008, 0x0012),
  InstanceCreationTime: tag(0x0008, 0x0013),
  SOPClassUID: tag(0x0008, 0x0016),
  SOPInstanceUID: tag(0x0008, 0x0018),
  StudyDate: tag(0x0008, 0x0020),
  SeriesDate: tag(0x0008, 0x0021),
  AcquisitionDate: tag(0x0008, 0x0022),
  ContentDate: tag(0x0008, 0x0023),
  StudyTime: tag(0x0008, 0x0030),
  SeriesTime: tag(0x0008, 0x0031),
  AcquisitionTime: tag(0x0008, 0x0032),
  ContentTime: tag(0x0008, 0x0033),
  AccessionNumber: tag(0x0008, 0x0050),
  Modality: tag(0x0008, 0x0060),
  Manufacturer: tag(0x0008, 0x0070),
  InstitutionName: tag(0x0008, 0x0080),
  ReferringPhysicianName: tag(0x0008, 0x0090),
  StudyDescription: tag(0x0008, 0x1030),
  SeriesDescription: tag(0x0008, 0x103e),
  ManufacturerModelName: tag(0x0008, 0x1090),
  PatientName: tag(0x0010, 0x0010),
  PatientID: tag(0x0010, 0x0020),
  PatientBirthDate: tag(0x0010, 0x0030),
  PatientSex: tag(0x0010, 0x0040),
  PatientAge: tag(0x0010, 0x1010),
  PatientIdentityRemoved: tag(0x0012, 0x0062),
  BodyPartExamined: tag(0x0018, 0x0015),
  ScanningSequence: tag(0x0018, 0x0020),
  SequenceVariant: tag(0x0018, 0x0021),
  ScanOptions: tag(0x0018, 0x0022),
  MRAcquisitionType: tag(0x0018, 0x0023),
  SequenceName: tag(0x0018, 0x0024),
  SliceThickness: tag(0x0018, 0x0050),
  RepetitionTime: tag(0x0018, 0x0080),
  EchoTime: tag(0x0018, 0x0081),
  InversionTime: tag(0x0018, 0x0082),
  NumberOfAverages: tag(0x0018, 0x0083),
  MagneticFieldStrength: tag(0x0018, 0x0087),
  SpacingBetweenSlices: tag(0x0018, 0x0088),
  EchoTrainLength: tag(0x0018, 0x0091),
  SoftwareVersions: tag(0x0018, 0x1020),
  ProtocolName: tag(0x0018, 0x1030),
  FlipAngle: tag(0x0018, 0x1314),
  PatientPosition: tag(0x0018, 0x5100),
  StudyInstanceUID: tag(0x0020, 0x000d),
  SeriesInstanceUID: tag(0x0020, 0x000e),
  StudyID: tag(0x0020, 0x0010),
  SeriesNumber: tag(0x0020, 0x0011),
  InstanceNumber: tag(0x0020, 0x0013),
  ImagePositionPatient: tag(0x0020, 0x0032),
  ImageOrientationPatient: tag(0x0020, 0x0037),
  FrameOfReferenceUID: tag(0x0020, 0x0052),
  PositionReferenceIndicator: tag(0x0020, 0x1040),
  SliceLocation: tag(0x0020, 0x1041),
  ImageComments: tag(0x0020, 0x4000),
  SamplesPerPixel: tag(0x0028, 0x0002),
  PhotometricInterpretation: tag(0x0028, 0x0004),
  Rows: tag(0x0028, 0x0010),
  Columns: tag(0x0028, 0x0011),
  PixelSpacing: tag(0x0028, 0x0030),
  BitsAllocated: tag(0x0028, 0x0100),
  BitsStored: tag(0x0028, 0x0101),
  HighBit: tag(0x0028, 0x0102),
  PixelRepresentation: tag(0x0028, 0x0103),
  WindowCenter: tag(0x0028, 0x1050),
  WindowWidth: tag(0x0028, 0x1051),
  PixelData: tag(0x7fe0, 0x0010),
} as const;

/** Well-known UIDs. */
export const Uids = {
  ExplicitVrLittleEndian: '1.2.840.10008.1.2.1',
  MrImageStorage: '1.2.840.10008.5.1.4.1.1.4',
} as const;
