// Colour images: samples come back interleaved per pixel whatever the encoder's layout (JPEG-LS
// interleave modes, RLE planes, native planar configuration), exactly for lossless encodings.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeStoredFrame, readDicomFile } from '../../../electron/core/dicom/decode';
import { firstDifference, makeTempDir } from './helpers/compare';
import { runTool } from './helpers/dicom-tools';
import { testPixels } from './helpers/test-images';
import { writeTestDicom, type TestImage } from './helpers/write-test-dicom';

const temp = makeTempDir('dicom-colour');
afterAll(temp.cleanup);

const rgb8: TestImage = { rows: 18, columns: 22, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0, samplesPerPixel: 3, pixels: testPixels(18, 22, 8, false, 1, 3, 31) };
const rgb16: TestImage = { rows: 14, columns: 15, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 0, samplesPerPixel: 3, pixels: testPixels(14, 15, 16, false, 1, 3, 32) };

/** The same pixels written with one plane per colour. */
function planar(image: TestImage): TestImage {
  const pixels: number[] = [];
  for (let s = 0; s < 3; s++) for (let p = s; p < image.pixels.length; p += 3) pixels.push(image.pixels[p]);
  return { ...image, planarConfiguration: 1, pixels };
}

const CASES: Array<[string, TestImage, string, string[]]> = [
  ['8-bit JPEG-LS, line interleaved', rgb8, 'dcmcjpls', ['+il']],
  ['8-bit JPEG-LS, sample interleaved', rgb8, 'dcmcjpls', ['+is']],
  ['8-bit JPEG-LS, not interleaved', rgb8, 'dcmcjpls', ['+in']],
  ['16-bit JPEG-LS, not interleaved', rgb16, 'dcmcjpls', ['+in']],
  ['16-bit RLE', rgb16, 'dcmcrle', []],
  ['8-bit JPEG 2000 lossless from a planar original', planar(rgb8), 'gdcmconv', ['--j2k']],
  ['8-bit RLE from a planar original', planar(rgb8), 'dcmcrle', []],
  ['8-bit JPEG lossless from a planar original', planar(rgb8), 'dcmcjpeg', ['+e1']],
  ['8-bit explicit VR big endian, planar', planar(rgb8), 'dcmconv', ['+tb']],
];

describe('colour images decode to interleaved RGB', () => {
  it.each(CASES)('%s', async (name, image, tool, args) => {
    const src = join(temp.dir, `${name.replace(/\W+/g, '_')}.dcm`);
    const out = join(temp.dir, `${name.replace(/\W+/g, '_')}-out.dcm`);
    writeFileSync(src, writeTestDicom(image));
    runTool(tool, [...args, src, out]);
    const frame = await decodeStoredFrame(await readDicomFile(out), 0);
    const interleaved = image === rgb8 || image === rgb16 ? image.pixels : (image.bitsAllocated === 8 ? rgb8 : rgb16).pixels;
    expect(frame.samplesPerPixel).toBe(3);
    expect(firstDifference(frame.values, Array.from(interleaved))).toBeNull();
  });
});
