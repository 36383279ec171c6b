// Encapsulated pixel data where frames span several fragments, with and without a Basic Offset
// Table: the reader must find each frame's fragments and join them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStoredFrame, readDicomFile } from '../../../electron/core/dicom/decode';
import { firstDifference, makeTempDir } from './helpers/compare';
import { runTool } from './helpers/dicom-tools';
import { testPixels } from './helpers/test-images';
import { writeTestDicom, type TestImage } from './helpers/write-test-dicom';

const temp = makeTempDir('dicom-frag');
afterAll(temp.cleanup);

const FRAMES = 3;
const image: TestImage = {
  rows: 64,
  columns: 64,
  bitsAllocated: 16,
  bitsStored: 16,
  pixelRepresentation: 0,
  numberOfFrames: FRAMES,
  pixels: testPixels(64, 64, 16, false, FRAMES, 1, 21),
};
const frameLength = 64 * 64;
const src = join(temp.dir, 'multiframe.dcm');
beforeAll(() => writeFileSync(src, writeTestDicom(image)));

const CASES: Array<[string, string, string[]]> = [
  ['JPEG lossless, 1 KB fragments, with offset table', 'dcmcjpeg', ['+e1', '+fs', '1', '+ot']],
  ['JPEG lossless, 1 KB fragments, empty offset table', 'dcmcjpeg', ['+e1', '+fs', '1', '-ot']],
  ['JPEG-LS, 1 KB fragments, empty offset table', 'dcmcjpls', ['+fs', '1', '-ot']],
  ['JPEG-LS, one fragment per frame, empty offset table', 'dcmcjpls', ['-ot']],
  ['RLE, one fragment per frame, empty offset table', 'dcmcrle', ['-ot']],
];

describe('frames in several fragments', () => {
  it.each(CASES)('%s: every frame decodes exactly', async (_name, tool, args) => {
    const out = join(temp.dir, `${tool}-${args.join('')}.dcm`);
    runTool(tool, [...args, src, out]);
    const slice = await readDicomFile(out);
    expect(slice.pixelData.kind).toBe('encapsulated');
    if (args.includes('+fs')) {
      expect(slice.pixelData.kind === 'encapsulated' && slice.pixelData.fragments.length).toBeGreaterThan(FRAMES);
    }
    for (let f = 0; f < FRAMES; f++) {
      const frame = await decodeStoredFrame(slice, f);
      const expected = Array.from(image.pixels).slice(f * frameLength, (f + 1) * frameLength);
      expect(firstDifference(frame.values, expected), `frame ${f + 1}`).toBeNull();
    }
  });

  it('reads encapsulated uncompressed frames (1.2.840.10008.1.2.1.98), one fragment each', async () => {
    const frames = [0, 1, 2].map((f) => {
      const bytes = Buffer.alloc(frameLength * 2);
      for (let i = 0; i < frameLength; i++) bytes.writeUInt16LE(image.pixels[f * frameLength + i], i * 2);
      return bytes;
    });
    const path = join(temp.dir, 'encapsulated-native.dcm');
    writeFileSync(path, writeTestDicom({ ...image, pixels: [], encapsulated: { transferSyntaxUid: '1.2.840.10008.1.2.1.98', fragments: frames } }));
    const slice = await readDicomFile(path);
    for (let f = 0; f < FRAMES; f++) {
      const expected = Array.from(image.pixels).slice(f * frameLength, (f + 1) * frameLength);
      expect(firstDifference((await decodeStoredFrame(slice, f)).values, expected), `frame ${f + 1}`).toBeNull();
    }
  });

  it('refuses a frame index outside the file', async () => {
    const slice = await readDicomFile(src);
    await expect(decodeStoredFrame(slice, FRAMES)).rejects.toThrow(/frame 3 does not exist \(the file has 3\)/);
  });
});
