import type { DataSet } from 'dicom-parser';
import {
  asciiValue,
  decimalTuple,
  decimalValue,
  decimalValues,
  textDecoderFor,
  textValue,
  unsignedShort,
} from './data-set-values';
import type { DicomHeader } from './dicom-header';
import { DicomReadError } from './dicom-read-error';

/** Above this many frames a file is refused before anything is allocated for them. */
const MAX_FRAMES = 100_000;

/**
 * Reads the header of an image from a parsed data set. Throws DicomReadError when the image
 * attributes are missing or impossible (bad_pixel_data) or describe a layout this reader does not
 * handle (unsupported_pixel_format), so every header it returns can be decoded.
 */
export function readDicomHeader(dataSet: DataSet, transferSyntaxUID: string, file: string): DicomHeader {
  const text = textDecoderFor(dataSet);
  const bad = (reason: string) => new DicomReadError('bad_pixel_data', file, reason);
  const unsupported = (reason: string) => new DicomReadError('unsupported_pixel_format', file, reason);

  const rows = unsignedShort(dataSet, 'x00280010');
  const columns = unsignedShort(dataSet, 'x00280011');
  const bitsAllocated = unsignedShort(dataSet, 'x00280100');
  const bitsStored = unsignedShort(dataSet, 'x00280101') ?? bitsAllocated;
  const samplesPerPixel = unsignedShort(dataSet, 'x00280002') ?? 1;
  const photometric = asciiValue(dataSet, 'x00280004') ?? (samplesPerPixel === 1 ? 'MONOCHROME2' : null);
  const missing = [
    rows === null && 'Rows (0028,0010)',
    columns === null && 'Columns (0028,0011)',
    bitsAllocated === null && 'BitsAllocated (0028,0100)',
    photometric === null && 'PhotometricInterpretation (0028,0004)',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0) throw bad(`pixel data without ${missing.join(', ')}`);
  if (rows === null || columns === null || bitsAllocated === null || bitsStored === null || photometric === null) {
    throw bad('pixel data without its image attributes');
  }
  if (rows === 0 || columns === 0) throw bad(`image of ${columns} x ${rows} pixels`);
  if (bitsAllocated === 1) throw unsupported('1-bit (bitmap) pixel data');
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw unsupported(`BitsAllocated ${bitsAllocated} (only 8, 16 and 32 are read)`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) throw bad(`BitsStored ${bitsStored} with BitsAllocated ${bitsAllocated}`);
  const highBit = unsignedShort(dataSet, 'x00280102') ?? bitsStored - 1;
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
    throw bad(`HighBit ${highBit} with BitsStored ${bitsStored} and BitsAllocated ${bitsAllocated}`);
  }
  const pixelRepresentation = unsignedShort(dataSet, 'x00280103') ?? 0;
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) throw bad(`PixelRepresentation ${pixelRepresentation}`);
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) throw unsupported(`SamplesPerPixel ${samplesPerPixel}`);
  if (photometric === 'PALETTE COLOR') throw unsupported('PALETTE COLOR images');
  const planarConfiguration = samplesPerPixel === 3 ? (unsignedShort(dataSet, 'x00280006') ?? 0) : 0;
  if (planarConfiguration !== 0 && planarConfiguration !== 1) throw bad(`PlanarConfiguration ${planarConfiguration}`);
  const framesValue = decimalValue(dataSet, 'x00280008');
  const numberOfFrames = framesValue === null ? 1 : framesValue;
  if (!Number.isInteger(numberOfFrames) || numberOfFrames < 1 || numberOfFrames > MAX_FRAMES) {
    throw bad(`NumberOfFrames ${asciiValue(dataSet, 'x00280008')}`);
  }
  const slope = decimalValue(dataSet, 'x00281053');

  return {
    transferSyntaxUID,
    sopClassUID: asciiValue(dataSet, 'x00080016'),
    sopInstanceUID: asciiValue(dataSet, 'x00080018'),
    studyInstanceUID: asciiValue(dataSet, 'x0020000d'),
    seriesInstanceUID: asciiValue(dataSet, 'x0020000e'),
    modality: asciiValue(dataSet, 'x00080060'),
    patientName: textValue(dataSet, 'x00100010', text),
    patientID: textValue(dataSet, 'x00100020', text),
    studyDate: asciiValue(dataSet, 'x00080020'),
    studyDescription: textValue(dataSet, 'x00081030', text),
    seriesDescription: textValue(dataSet, 'x0008103e', text),
    seriesNumber: decimalValue(dataSet, 'x00200011'),
    bodyPartExamined: asciiValue(dataSet, 'x00180015'),
    instanceNumber: decimalValue(dataSet, 'x00200013'),
    imagePositionPatient: decimalTuple(dataSet, 'x00200032', 3) as DicomHeader['imagePositionPatient'],
    imageOrientationPatient: decimalTuple(dataSet, 'x00200037', 6) as DicomHeader['imageOrientationPatient'],
    pixelSpacing: decimalTuple(dataSet, 'x00280030', 2) as DicomHeader['pixelSpacing'],
    sliceThickness: decimalValue(dataSet, 'x00180050'),
    spacingBetweenSlices: decimalValue(dataSet, 'x00180088'),
    sliceLocation: decimalValue(dataSet, 'x00201041'),
    rows,
    columns,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation,
    photometricInterpretation: photometric,
    samplesPerPixel,
    planarConfiguration,
    numberOfFrames,
    // A slope of 0 would flatten the image: such files mean 'no rescale'.
    rescaleSlope: slope === null || slope === 0 ? 1 : slope,
    rescaleIntercept: decimalValue(dataSet, 'x00281052') ?? 0,
    rescaleType: asciiValue(dataSet, 'x00281054'),
    windowCenter: decimalValues(dataSet, 'x00281050') ?? [],
    windowWidth: decimalValues(dataSet, 'x00281051') ?? [],
  };
}
