// Files as they come from scanners and old exports: bare data sets without meta header (written
// by dcmtk), files missing their preamble, and the header fields import needs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeStoredFrame, parseDicom, readDicomFile } from '../../../electron/core/dicom/decode';
import { firstDifference, makeTempDir } from './helpers/compare';
import { runTool } from './helpers/dicom-tools';
import { testPixels } from './helpers/test-images';
import { writeTestDicom, type TestImage } from './helpers/write-test-dicom';

const temp = makeTempDir('dicom-layouts');
afterAll(temp.cleanup);

const image: TestImage = {
  rows: 12,
  columns: 10,
  bitsAllocated: 16,
  bitsStored: 12,
  pixelRepresentation: 1,
  pixels: testPixels(12, 10, 12, true),
  rescaleSlope: 2,
  rescaleIntercept: -1024,
  windowCenter: 40,
  windowWidth: 400,
  instanceNumber: 12,
};
const src = join(temp.dir, 'source.dcm');
writeFileSync(src, writeTestDicom(image));

describe('data sets without file meta information', () => {
  it.each([
    ['implicit VR little endian', '+ti', '1.2.840.10008.1.2'],
    ['explicit VR little endian', '+te', '1.2.840.10008.1.2.1'],
    ['explicit VR big endian', '+tb', '1.2.840.10008.1.2.2'],
  ])('a bare %s data set (dcmconv -F) is recognised and decoded', async (_name, flag, uid) => {
    const out = join(temp.dir, `bare${flag}.dcm`);
    runTool('dcmconv', ['-F', flag, src, out]);
    const bytes = readFileSync(out);
    expect(bytes.subarray(128, 132).toString('latin1')).not.toBe('DICM');
    const slice = await readDicomFile(out);
    expect(slice.header.transferSyntaxUID).toBe(uid);
    expect(slice.header.rows).toBe(12);
    const frame = await decodeStoredFrame(slice, 0);
    expect(firstDifference(frame.values, Array.from(image.pixels))).toBeNull();
  });

  it('our own bare explicit data set (no preamble, no meta) is read', async () => {
    const slice = parseDicom(writeTestDicom({ ...image, part10: false }), 'bare');
    expect(slice.header.transferSyntaxUID).toBe('1.2.840.10008.1.2.1');
    expect(firstDifference((await decodeStoredFrame(slice)).values, Array.from(image.pixels))).toBeNull();
  });

  it.each([
    ['starts with DICM (preamble missing)', 128],
    ['starts with the meta group (preamble and DICM missing)', 132],
  ])('a Part 10 file that %s is read', async (_name, strip) => {
    const slice = parseDicom(readFileSync(src).subarray(strip), 'stripped');
    expect(firstDifference((await decodeStoredFrame(slice)).values, Array.from(image.pixels))).toBeNull();
  });
});

describe('the header', () => {
  it('carries the attributes import and display need, with DICOM defaults', async () => {
    const { header } = await readDicomFile(src);
    expect(header).toMatchObject({
      transferSyntaxUID: '1.2.840.10008.1.2.1',
      sopClassUID: '1.2.840.10008.5.1.4.1.1.4',
      sopInstanceUID: '1.2.826.0.1.3680043.10.1355.1.1',
      studyInstanceUID: '1.2.826.0.1.3680043.10.1355.2',
      seriesInstanceUID: '1.2.826.0.1.3680043.10.1355.3',
      modality: 'MR',
      patientName: 'Doe^Jane',
      patientID: 'PID-0001',
      seriesDescription: 'STIR SAG LUMBAR',
      bodyPartExamined: 'LSPINE',
      instanceNumber: 12,
      imagePositionPatient: [-12.5, -100, 80.25],
      imageOrientationPatient: [0, 1, 0, 0, 0, -1],
      pixelSpacing: [0.75, 0.5],
      sliceThickness: 4,
      rows: 12,
      columns: 10,
      bitsAllocated: 16,
      bitsStored: 12,
      highBit: 11,
      pixelRepresentation: 1,
      photometricInterpretation: 'MONOCHROME2',
      samplesPerPixel: 1,
      planarConfiguration: 0,
      numberOfFrames: 1,
      rescaleSlope: 2,
      rescaleIntercept: -1024,
      windowCenter: [40],
      windowWidth: [400],
      seriesNumber: null,
      studyDate: null,
    });
  });

  it.each([
    ['ISO_IR 192', 'Müller^Zoë', 'STIR Wirbelsäule'],
    ['ISO_IR 100', 'Müller^Zoë', 'STIR Wirbelsäule'],
  ])('decodes names with the declared character set %s', (characterSet, name, description) => {
    const bytes = writeTestDicom({ ...image, characterSet, patientName: name, seriesDescription: description });
    const { header } = parseDicom(bytes, 'charset.dcm');
    expect(header.patientName).toBe(name);
    expect(header.seriesDescription).toBe(description);
  });
});
