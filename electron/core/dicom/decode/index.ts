// The DICOM reading layer: parse a file, check it can be decoded, decode frames lazily.
//   const slice = await readDicomFile(path);            // header + checked pixel location
//   const stored = await decodeStoredFrame(slice, 0);    // Uint16Array / Int16Array ... of stored values
//   const modality = rescaleStoredValues(stored, slice.header); // Float32Array
// Every failure is a DicomReadError whose message names the file and the reason.
export { DicomReadError, type DicomReadErrorCode } from '../parse/dicom-read-error';
export type { DicomHeader, PixelDescription } from '../parse/dicom-header';
export type { DicomSlice, PixelDataLocation, PixelFragment } from '../parse/dicom-slice';
export { parseDicom, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_INFLATED_BYTES, type ParseDicomOptions } from '../parse/parse-dicom';
export { readDicomFile, readDicomFileSync, DEFAULT_MAX_FILE_BYTES, type ReadDicomFileOptions } from '../parse/read-dicom-file';
export { transferSyntaxOf, type TransferSyntax, type PixelEncoding } from '../parse/transfer-syntax';
export { decodeStoredFrame, type StoredFrame } from './decode-frame';
export type { StoredArray } from './stored-values';
export {
  rescaleStoredValues,
  decodeRescaledFrame,
  brightnessValues,
  brightnessWindow,
  modalityRange,
  type RescaledFrame,
} from './rescale';
export { storedValuesSha256 } from './pixel-hash';
