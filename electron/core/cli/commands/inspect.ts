import { resolve } from 'node:path';
import {
  DicomReadError,
  decodeStoredFrame,
  readDicomFile,
  storedValuesSha256,
  type DicomHeader,
  type DicomSlice,
} from '../../dicom/decode';
import { CliError, jsonOption, type CliCommand, type CliIO } from '../command';

/** What `bme inspect --json` prints for a readable file. Identity fields only with --show-identity. */
export interface InspectResult {
  ok: true;
  file: string;
  transferSyntaxUID: string;
  transferSyntaxName: string;
  lossy: boolean;
  sopClassUID: string | null;
  sopInstanceUID: string | null;
  studyInstanceUID: string | null;
  seriesInstanceUID: string | null;
  modality: string | null;
  seriesDescription: string | null;
  seriesNumber: number | null;
  bodyPartExamined: string | null;
  instanceNumber: number | null;
  imagePositionPatient: DicomHeader['imagePositionPatient'];
  imageOrientationPatient: DicomHeader['imageOrientationPatient'];
  pixelSpacing: DicomHeader['pixelSpacing'];
  sliceThickness: number | null;
  rows: number;
  columns: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: 0 | 1;
  photometricInterpretation: string;
  samplesPerPixel: number;
  numberOfFrames: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  windowCenter: number[];
  windowWidth: number[];
  /** Smallest and largest stored value of frame 1. */
  storedMin: number;
  storedMax: number;
  /** SHA-256 of frame 1's stored values as little-endian int32, row-major, samples interleaved. */
  pixelSha256: string;
  patientName?: string | null;
  patientID?: string | null;
  studyDate?: string | null;
}

/** `bme inspect FILE`: reads one DICOM file, decodes frame 1 and prints what it found. */
export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'read one DICOM file, decode its first frame and print its header and pixel hash',
  positionals: 'FILE',
  options: {
    'show-identity': { type: 'boolean', description: 'also print patient name, patient ID and study date (hidden by default)' },
    ...jsonOption,
  },
  examples: ['bme inspect scan/IM0001', 'bme inspect scan/IM0001 --json', 'bme inspect scan/IM0001 --show-identity'],
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new CliError(positionals.length === 0 ? 'give the DICOM file to inspect' : 'inspect reads one file at a time', 2);
    const path = resolve(positionals[0]);
    let result: InspectResult;
    try {
      const slice = await readDicomFile(path);
      result = await inspect(slice, values['show-identity'] === true);
    } catch (err) {
      if (!(err instanceof DicomReadError)) throw err;
      if (values.json) io.json({ ok: false, error: { code: err.code, message: err.message, file: err.file } });
      io.err(`bme inspect: ${err.message}`);
      return 1;
    }
    if (values.json) io.json(result);
    else printResult(result, io);
    return 0;
  },
};

async function inspect(slice: DicomSlice, showIdentity: boolean): Promise<InspectResult> {
  const h = slice.header;
  const frame = await decodeStoredFrame(slice, 0);
  let min = Infinity;
  let max = -Infinity;
  for (const v of frame.values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    ok: true,
    file: slice.file,
    transferSyntaxUID: h.transferSyntaxUID,
    transferSyntaxName: slice.transferSyntax.name,
    lossy: slice.transferSyntax.lossy,
    sopClassUID: h.sopClassUID,
    sopInstanceUID: h.sopInstanceUID,
    studyInstanceUID: h.studyInstanceUID,
    seriesInstanceUID: h.seriesInstanceUID,
    modality: h.modality,
    seriesDescription: h.seriesDescription,
    seriesNumber: h.seriesNumber,
    bodyPartExamined: h.bodyPartExamined,
    instanceNumber: h.instanceNumber,
    imagePositionPatient: h.imagePositionPatient,
    imageOrientationPatient: h.imageOrientationPatient,
    pixelSpacing: h.pixelSpacing,
    sliceThickness: h.sliceThickness,
    rows: h.rows,
    columns: h.columns,
    bitsAllocated: h.bitsAllocated,
    bitsStored: h.bitsStored,
    highBit: h.highBit,
    pixelRepresentation: h.pixelRepresentation,
    photometricInterpretation: h.photometricInterpretation,
    samplesPerPixel: h.samplesPerPixel,
    numberOfFrames: h.numberOfFrames,
    rescaleSlope: h.rescaleSlope,
    rescaleIntercept: h.rescaleIntercept,
    windowCenter: h.windowCenter,
    windowWidth: h.windowWidth,
    storedMin: min,
    storedMax: max,
    pixelSha256: storedValuesSha256(frame.values),
    ...(showIdentity ? { patientName: h.patientName, patientID: h.patientID, studyDate: h.studyDate } : {}),
  };
}

const list = (values: readonly number[] | null) => (values && values.length ? values.join(' \\ ') : '-');
const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '-' : String(value));

function printResult(r: InspectResult, io: CliIO): void {
  const row = (label: string, value: string) => io.out(`  ${label.padEnd(18)}${value}`);
  io.out(r.file);
  row('transfer syntax', `${r.transferSyntaxUID} (${r.transferSyntaxName}${r.lossy ? ', lossy' : ''})`);
  row('image', `${r.columns} x ${r.rows} pixels, ${r.numberOfFrames} frame(s), ${r.photometricInterpretation}, ${r.samplesPerPixel} sample(s) per pixel`);
  row('bits', `allocated ${r.bitsAllocated}, stored ${r.bitsStored}, high bit ${r.highBit}, ${r.pixelRepresentation === 1 ? 'signed' : 'unsigned'}`);
  row('rescale', `slope ${r.rescaleSlope}, intercept ${r.rescaleIntercept}`);
  row('window', r.windowCenter.length ? `center ${list(r.windowCenter)}, width ${list(r.windowWidth)}` : '-');
  row('modality', `${text(r.modality)}, SOP class ${text(r.sopClassUID)}`);
  row('series', `${text(r.seriesDescription)} (number ${text(r.seriesNumber)}, body part ${text(r.bodyPartExamined)})`);
  row('instance', `${text(r.instanceNumber)}, SOP instance ${text(r.sopInstanceUID)}`);
  row('study UID', text(r.studyInstanceUID));
  row('series UID', text(r.seriesInstanceUID));
  row('position (mm)', list(r.imagePositionPatient));
  row('orientation', list(r.imageOrientationPatient));
  row('spacing (mm)', `${list(r.pixelSpacing)} (rows \\ columns), slice thickness ${text(r.sliceThickness)}`);
  row('stored values', `${r.storedMin} .. ${r.storedMax} (frame 1)`);
  row('pixelSha256', r.pixelSha256);
  if ('patientName' in r) {
    row('patient name', text(r.patientName));
    row('patient ID', text(r.patientID));
    row('study date', text(r.studyDate));
  } else {
    row('patient', 'hidden (add --show-identity to print name, ID and study date)');
  }
}
