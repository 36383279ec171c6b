// JPEG lossless comes in seven predictors (selection values); the decoder package had an
// end-of-image bug that dropped the last pixel for some of them (worked around in
// codecs/jpeg-lossless.ts). Every predictor, bit depth and sign must round-trip exactly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeStoredFrame, readDicomFile } from '../../../electron/core/dicom/decode';
import { firstDifference, makeTempDir } from './helpers/compare';
import { runTool } from './helpers/dicom-tools';
import { testPixels } from './helpers/test-images';
import { writeTestDicom, type TestImage } from './helpers/write-test-dicom';

const temp = makeTempDir('dicom-ljpeg');
afterAll(temp.cleanup);

const IMAGES: Record<string, TestImage> = {
  'u8 37x23': { rows: 23, columns: 37, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0, pixels: testPixels(23, 37, 8, false, 1, 1, 11) },
  'u16 33x17': { rows: 17, columns: 33, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 0, pixels: testPixels(17, 33, 16, false, 1, 1, 12) },
  's16 29x19': { rows: 19, columns: 29, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 1, pixels: testPixels(19, 29, 16, true, 1, 1, 13) },
  's12 31x21': { rows: 21, columns: 31, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1, pixels: testPixels(21, 31, 12, true, 1, 1, 14) },
  'rgb 27x13': {
    rows: 13,
    columns: 27,
    bitsAllocated: 8,
    bitsStored: 8,
    pixelRepresentation: 0,
    samplesPerPixel: 3,
    pixels: testPixels(13, 27, 8, false, 1, 3, 15),
  },
};

describe.each(Object.entries(IMAGES))('JPEG lossless of %s', (name, image) => {
  const src = join(temp.dir, `${name.replace(/\W+/g, '_')}.dcm`);
  writeFileSync(src, writeTestDicom(image));

  it.each([1, 2, 3, 4, 5, 6, 7])('selection value %i decodes exactly', async (sv) => {
    const out = join(temp.dir, `${name.replace(/\W+/g, '_')}-sv${sv}.dcm`);
    runTool('dcmcjpeg', ['+el', '+sv', String(sv), src, out]);
    const frame = await decodeStoredFrame(await readDicomFile(out), 0);
    expect(firstDifference(frame.values, Array.from(image.pixels))).toBeNull();
  });
});
