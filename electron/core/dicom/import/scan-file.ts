import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeStoredFrame, DicomReadError, parseDicom } from '../decode';
import { describeThrown } from '../parse/dicom-read-error';
import type { BlobStore } from './blob-store';
import { sha256Hex } from './blob-store';
import type { ScannedFile } from './import-messages';
import { segmentFromHeader } from './segment-from-header';

/** Larger files are refused unread: no spinal MR slice comes near it. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * Cap on a deflated data set once inflated. Inflating holds up to about three copies at once, so
 * this keeps a deflate bomb (600 KB inflating to gigabytes) well under 512 MB of memory (fuzz:dicom).
 */
export const MAX_INFLATED_BYTES = 128 * 1024 * 1024;

/**
 * Reads one file for import: parses it, decodes its first frame to prove the pixels are readable,
 * and stores the study's own copy. Never throws: every outcome is a message for the report.
 */
export async function scanFile(path: string, blobs: BlobStore): Promise<ScannedFile> {
  let byteLength = 0;
  try {
    const info = statSync(path);
    byteLength = info.size;
    if (info.size > MAX_FILE_BYTES) {
      return { kind: 'problem', path, code: 'too_large', message: `${path}: ${info.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for one file`, byteLength };
    }
    const bytes = readFileSync(path);
    const slice = parseDicom(bytes, path, { maxInflatedBytes: MAX_INFLATED_BYTES });
    const h = slice.header;
    const missing = [!h.sopInstanceUID && 'SOPInstanceUID', !h.seriesInstanceUID && 'SeriesInstanceUID', !h.studyInstanceUID && 'StudyInstanceUID'].filter(Boolean);
    if (missing.length) {
      return { kind: 'problem', path, code: 'bad_header', message: `${path}: no ${missing.join(', ')}: the image cannot be placed in a series`, byteLength };
    }
    if (h.samplesPerPixel !== 1) {
      return { kind: 'problem', path, code: 'unsupported_pixel_format', message: `${path}: colour image (${h.photometricInterpretation}); STIR series are greyscale`, byteLength };
    }
    await decodeStoredFrame(slice, 0);
    const sha256 = blobs.put(bytes, sha256Hex(bytes));
    return {
      kind: 'image',
      path,
      sha256,
      byteLength,
      transferSyntax: h.transferSyntaxUID,
      sopInstanceUID: h.sopInstanceUID!,
      seriesInstanceUID: h.seriesInstanceUID!,
      studyInstanceUID: h.studyInstanceUID!,
      patientID: h.patientID,
      patientName: h.patientName,
      studyDate: h.studyDate,
      studyDescription: h.studyDescription,
      seriesDescription: h.seriesDescription,
      seriesNumber: h.seriesNumber,
      bodyPartExamined: h.bodyPartExamined,
      modality: h.modality,
      instanceNumber: h.instanceNumber,
      ipp: h.imagePositionPatient,
      iop: h.imageOrientationPatient,
      pixelSpacing: h.pixelSpacing,
      sliceThickness: h.sliceThickness,
      rows: h.rows,
      columns: h.columns,
      segmentGuess: segmentFromHeader(h.seriesDescription, h.bodyPartExamined),
    };
  } catch (err) {
    if (err instanceof DicomReadError) {
      if (err.code === 'not_an_image' || basename(path).toUpperCase() === 'DICOMDIR') {
        return { kind: 'skipped', path, reason: err.reason, byteLength };
      }
      return { kind: 'problem', path, code: err.code, message: err.message, byteLength };
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code) return { kind: 'problem', path, code: 'io', message: `${path}: cannot be read (${code})`, byteLength };
    return { kind: 'problem', path, code: 'decode_failed', message: `${path}: ${describeThrown(err)}`, byteLength };
  }
}
