import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeDicomPart10, Tags, Uids, uidFromName, type DicomElement } from '../../electron/core/dicom/write';

/** One small sagittal MR series to write. */
export interface TinySeriesSpec {
  patientId: string;
  /** Goes into SeriesDescription; 'STIR SAG L-SPINE' makes the importer file it as lumbar. */
  description: string;
  seriesNumber: number;
}

export const TINY_SIZE = 128;
export const TINY_SLICES = 18;

/**
 * Writes small but plausible sagittal STIR-like series (18 slices of 128 x 128, 12-bit) with
 * the project's DICOM writer: a dark background, a column of grey 'vertebral bodies' and a few
 * bright squares ('edema') that move from slice to slice, so windowing, fake-color and drawing
 * have something to show. Deterministic: the same spec writes the same files.
 */
export function writeTinySeries(outDir: string, specs: readonly TinySeriesSpec[]): string {
  mkdirSync(outDir, { recursive: true });
  for (const spec of specs) {
    const studyUid = uidFromName(`tiny-study-${spec.patientId}`);
    const seriesUid = uidFromName(`tiny-series-${spec.patientId}-${spec.seriesNumber}`);
    const frameUid = uidFromName(`tiny-frame-${spec.patientId}`);
    for (let slice = 0; slice < TINY_SLICES; slice++) {
      const sopUid = uidFromName(`tiny-sop-${spec.patientId}-${spec.seriesNumber}-${slice}`);
      const x = -40 + slice * 4; // sagittal: slices step along the patient's x axis, 4 mm apart
      const dataset: DicomElement[] = [
        { tag: Tags.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 192' },
        { tag: Tags.ImageType, vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'M', 'NORM'] },
        { tag: Tags.SOPClassUID, vr: 'UI', value: Uids.MrImageStorage },
        { tag: Tags.SOPInstanceUID, vr: 'UI', value: sopUid },
        { tag: Tags.StudyDate, vr: 'DA', value: '20240105' },
        { tag: Tags.Modality, vr: 'CS', value: 'MR' },
        { tag: Tags.SeriesDescription, vr: 'LO', value: spec.description },
        { tag: Tags.PatientName, vr: 'PN', value: `Tiny^${spec.patientId}` },
        { tag: Tags.PatientID, vr: 'LO', value: spec.patientId },
        { tag: Tags.SliceThickness, vr: 'DS', value: 3.5 },
        { tag: Tags.SpacingBetweenSlices, vr: 'DS', value: 4 },
        { tag: Tags.StudyInstanceUID, vr: 'UI', value: studyUid },
        { tag: Tags.SeriesInstanceUID, vr: 'UI', value: seriesUid },
        { tag: Tags.SeriesNumber, vr: 'IS', value: spec.seriesNumber },
        { tag: Tags.InstanceNumber, vr: 'IS', value: slice + 1 },
        { tag: Tags.ImagePositionPatient, vr: 'DS', value: [x, -120, 160] },
        { tag: Tags.ImageOrientationPatient, vr: 'DS', value: [0, 1, 0, 0, 0, -1] },
        { tag: Tags.FrameOfReferenceUID, vr: 'UI', value: frameUid },
        { tag: Tags.SliceLocation, vr: 'DS', value: x },
        { tag: Tags.SamplesPerPixel, vr: 'US', value: 1 },
        { tag: Tags.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
        { tag: Tags.Rows, vr: 'US', value: TINY_SIZE },
        { tag: Tags.Columns, vr: 'US', value: TINY_SIZE },
        { tag: Tags.PixelSpacing, vr: 'DS', value: [1.9, 1.9] },
        { tag: Tags.BitsAllocated, vr: 'US', value: 16 },
        { tag: Tags.BitsStored, vr: 'US', value: 12 },
        { tag: Tags.HighBit, vr: 'US', value: 11 },
        { tag: Tags.PixelRepresentation, vr: 'US', value: 0 },
        { tag: Tags.PixelData, vr: 'OW', value: tinyPixels(spec.seriesNumber, slice) },
      ];
      writeFileSync(join(outDir, `${spec.patientId}-${spec.seriesNumber}-${String(slice + 1).padStart(2, '0')}.dcm`), encodeDicomPart10(dataset));
    }
  }
  return outDir;
}

/** The stored values of one slice, row-major. */
export function tinyPixels(seriesNumber: number, slice: number): Uint16Array {
  const n = TINY_SIZE;
  const out = new Uint16Array(n * n);
  const centre = (TINY_SLICES - 1) / 2;
  const inBody = Math.abs(slice - centre) < 7; // the spine is only in the middle slices
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      // Soft tissue: a smooth gradient with a little deterministic texture.
      let v = 60 + ((row * 3 + col * 5 + slice * 7 + seriesNumber * 11) % 23) + (col > 20 && col < 108 ? 140 : 0);
      // Vertebral bodies: five blocks stacked along the rows, separated by discs.
      if (inBody && col >= 50 && col < 78 && row >= 8 && row < 120 && (row - 8) % 23 < 18) v = 420 + ((row + col) % 9) * 6;
      // Spinal canal (CSF is bright on STIR).
      if (inBody && col >= 84 && col < 92 && row >= 4 && row < 124) v = 1500;
      out[row * n + col] = v;
    }
  }
  // Two bright 'edema' squares that drift with the slice.
  const squares = [
    { row: 30 + (slice % 5), col: 54, size: 10 },
    { row: 78, col: 58 + (slice % 4), size: 8 },
  ];
  if (inBody) {
    for (const s of squares) {
      for (let r = s.row; r < s.row + s.size; r++) for (let c = s.col; c < s.col + s.size; c++) out[r * n + c] = 1150;
    }
  }
  return out;
}
