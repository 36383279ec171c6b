/**
 * The attributes of one DICOM image that import, sorting and display need. Strings are trimmed and
 * decoded with the file's SpecificCharacterSet; an absent or empty attribute is null (or the
 * DICOM default where one exists, said per field). Patient coordinates are DICOM's patient space
 * (LPS: x to the patient's left, y to posterior, z to head), in millimetres.
 */
export interface DicomHeader {
  /** (0002,0010), or the syntax detected for a file without meta header. */
  transferSyntaxUID: string;
  /** (0008,0016). */
  sopClassUID: string | null;
  /** (0008,0018). */
  sopInstanceUID: string | null;
  /** (0020,000D). */
  studyInstanceUID: string | null;
  /** (0020,000E). */
  seriesInstanceUID: string | null;
  /** (0008,0060), e.g. 'MR'. */
  modality: string | null;
  /** (0010,0010) as written (components joined by ^). Identifying: never log or show by default. */
  patientName: string | null;
  /** (0010,0020). Identifying: never log or show by default. */
  patientID: string | null;
  /** (0008,0020) as written, YYYYMMDD. */
  studyDate: string | null;
  /** (0008,1030). */
  studyDescription: string | null;
  /** (0008,103E), e.g. 'STIR SAG C-SPINE'. */
  seriesDescription: string | null;
  /** (0020,0011). */
  seriesNumber: number | null;
  /** (0018,0015), e.g. 'LSPINE'. */
  bodyPartExamined: string | null;
  /** (0020,0013). */
  instanceNumber: number | null;
  /** (0020,0032): centre of the first transmitted voxel (top-left pixel), mm, patient space. */
  imagePositionPatient: [number, number, number] | null;
  /** (0020,0037): direction cosines of the first row (x, y, z) then of the first column, patient space. */
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  /** (0028,0030): [distance between rows (vertical), distance between columns (horizontal)], mm. */
  pixelSpacing: [number, number] | null;
  /** (0018,0050), mm. */
  sliceThickness: number | null;
  /** (0018,0088), mm. */
  spacingBetweenSlices: number | null;
  /** (0020,1041), mm along an unspecified axis; only a fallback for sorting. */
  sliceLocation: number | null;
  /** (0028,0010): image height in pixels. */
  rows: number;
  /** (0028,0011): image width in pixels. */
  columns: number;
  /** (0028,0100): 8, 16 or 32. */
  bitsAllocated: number;
  /** (0028,0101): significant bits per sample, at most bitsAllocated. */
  bitsStored: number;
  /** (0028,0102): most significant stored bit; default bitsStored - 1. */
  highBit: number;
  /** (0028,0103): 0 unsigned, 1 two's complement. */
  pixelRepresentation: 0 | 1;
  /** (0028,0004), e.g. 'MONOCHROME2', 'MONOCHROME1', 'RGB', 'YBR_FULL_422'. */
  photometricInterpretation: string;
  /** (0028,0002): 1 for grey, 3 for colour. */
  samplesPerPixel: number;
  /** (0028,0006): 0 samples interleaved per pixel, 1 one plane per sample (native only). Default 0. */
  planarConfiguration: 0 | 1;
  /** (0028,0008); default 1. */
  numberOfFrames: number;
  /** (0028,1053); default 1. Modality value = stored * slope + intercept. */
  rescaleSlope: number;
  /** (0028,1052); default 0. */
  rescaleIntercept: number;
  /** (0028,1054), e.g. 'HU'; null when absent. */
  rescaleType: string | null;
  /** (0028,1050): window centres in modality units (after rescale); may be empty or several. */
  windowCenter: number[];
  /** (0028,1051): window widths, paired with windowCenter. */
  windowWidth: number[];
}

/** The subset of a header that says how to turn pixel bytes into values. */
export type PixelDescription = Pick<
  DicomHeader,
  | 'rows'
  | 'columns'
  | 'bitsAllocated'
  | 'bitsStored'
  | 'highBit'
  | 'pixelRepresentation'
  | 'photometricInterpretation'
  | 'samplesPerPixel'
  | 'planarConfiguration'
  | 'numberOfFrames'
  | 'rescaleSlope'
  | 'rescaleIntercept'
>;
