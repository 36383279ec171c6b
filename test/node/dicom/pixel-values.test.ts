// From pixel words to values: BitsStored masking, HighBit position, sign extension, rescale, and
// MONOCHROME1 turned into larger-is-brighter values. Expected stored values come from dcmtk's raw
// dump with the arithmetic done independently in the test helper.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  brightnessValues,
  brightnessWindow,
  decodeRescaledFrame,
  decodeStoredFrame,
  modalityRange,
  parseDicom,
  readDicomFile,
  rescaleStoredValues,
} from '../../../electron/core/dicom/decode';
import { firstDifference, makeTempDir } from './helpers/compare';
import { dcmtkRawPixels, storedFromRaw } from './helpers/dicom-tools';
import { writeTestDicom, type TestImage } from './helpers/write-test-dicom';

const temp = makeTempDir('dicom-values');
afterAll(temp.cleanup);

async function decodeVsDcmtk(name: string, image: TestImage): Promise<{ ours: number[]; dcmtk: number[] }> {
  const path = join(temp.dir, `${name}.dcm`);
  writeFileSync(path, writeTestDicom(image));
  const frame = await decodeStoredFrame(await readDicomFile(path), 0);
  const raw = dcmtkRawPixels(path, temp.dir);
  const dcmtk = storedFromRaw(raw, image.pixels.length, image.bitsAllocated, image.bitsStored, image.highBit ?? image.bitsStored - 1, image.pixelRepresentation === 1);
  return { ours: Array.from(frame.values), dcmtk };
}

describe('stored values', () => {
  it('ignores bits above BitsStored (overlay bits, garbage)', async () => {
    const words = [0x0000, 0x0fff, 0xf123, 0x8800, 0x1001, 0xffff];
    const { ours, dcmtk } = await decodeVsDcmtk('garbage-high-bits', {
      rows: 2,
      columns: 3,
      bitsAllocated: 16,
      bitsStored: 12,
      pixelRepresentation: 0,
      pixels: words,
    });
    expect(ours).toEqual([0x000, 0xfff, 0x123, 0x800, 0x001, 0xfff]);
    expect(ours).toEqual(dcmtk);
  });

  it('reads bits that end at a HighBit other than BitsStored - 1', async () => {
    const words = [0x0010, 0xfff0, 0x800f, 0x1234];
    const { ours, dcmtk } = await decodeVsDcmtk('high-bit-15', {
      rows: 2,
      columns: 2,
      bitsAllocated: 16,
      bitsStored: 12,
      highBit: 15,
      pixelRepresentation: 0,
      pixels: words,
    });
    expect(ours).toEqual([0x001, 0xfff, 0x800, 0x123]);
    expect(ours).toEqual(dcmtk);
  });

  it('sign-extends 12-bit two\'s complement whatever the bits above hold', async () => {
    // -5 as 12 bits is 0xFFB; with zero or one upper bits it must read -5 either way.
    const words = [0x0ffb, 0xfffb, 0x07ff, 0x0800, 0xf800, 0x0000];
    const { ours, dcmtk } = await decodeVsDcmtk('signed-12', {
      rows: 1,
      columns: 6,
      bitsAllocated: 16,
      bitsStored: 12,
      pixelRepresentation: 1,
      pixels: words,
    });
    expect(ours).toEqual([-5, -5, 2047, -2048, -2048, 0]);
    expect(ours).toEqual(dcmtk);
  });

  it('reads 8-bit signed pixels as Int8Array', async () => {
    const path = join(temp.dir, 's8.dcm');
    writeFileSync(path, writeTestDicom({ rows: 1, columns: 4, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 1, pixels: [0x80, 0xff, 0x00, 0x7f] }));
    const frame = await decodeStoredFrame(await readDicomFile(path), 0);
    expect(frame.values).toBeInstanceOf(Int8Array);
    expect(Array.from(frame.values)).toEqual([-128, -1, 0, 127]);
  });
});

describe('rescaled and display values', () => {
  const base: TestImage = { rows: 1, columns: 4, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 0, pixels: [0, 1, 2048, 4095] };

  it('applies RescaleSlope and RescaleIntercept into a Float32Array', async () => {
    const slice = parseDicom(writeTestDicom({ ...base, rescaleSlope: 0.5, rescaleIntercept: -1024 }), 'rescale.dcm');
    const frame = await decodeRescaledFrame(slice, 0);
    expect(frame.values).toBeInstanceOf(Float32Array);
    expect(Array.from(frame.values)).toEqual([-1024, -1023.5, 0, 1023.5]);
    const stored = await decodeStoredFrame(slice, 0);
    expect(Array.from(stored.values)).toEqual([0, 1, 2048, 4095]);
  });

  it('without rescale attributes the modality values equal the stored values', async () => {
    const slice = parseDicom(writeTestDicom(base), 'plain.dcm');
    const rescaled = rescaleStoredValues(await decodeStoredFrame(slice), slice.header);
    expect(Array.from(rescaled.values)).toEqual([0, 1, 2048, 4095]);
  });

  it('turns MONOCHROME1 into larger-is-brighter values and moves its window the same way', async () => {
    const slice = parseDicom(writeTestDicom({ ...base, photometric: 'MONOCHROME1', windowCenter: 1000, windowWidth: 200 }), 'm1.dcm');
    const rescaled = await decodeRescaledFrame(slice);
    expect(Array.from(brightnessValues(rescaled, slice.header))).toEqual([4095, 4094, 2047, 0]);
    expect(brightnessWindow(slice.header, 1000, 200)).toEqual({ center: 3095, width: 200 });
    const m2 = parseDicom(writeTestDicom(base), 'm2.dcm');
    const m2Values = await decodeRescaledFrame(m2);
    expect(brightnessValues(m2Values, m2.header)).toBe(m2Values.values);
  });

  it('knows the modality range of signed pixels and a negative slope', () => {
    expect(modalityRange({ bitsStored: 12, pixelRepresentation: 1, rescaleSlope: 1, rescaleIntercept: 0, photometricInterpretation: 'MONOCHROME2' })).toEqual([
      -2048, 2047,
    ]);
    expect(modalityRange({ bitsStored: 8, pixelRepresentation: 0, rescaleSlope: -2, rescaleIntercept: 10, photometricInterpretation: 'MONOCHROME2' })).toEqual([
      -500, 10,
    ]);
  });

  it('reads native RGB with one plane per colour (PlanarConfiguration 1) as interleaved samples', async () => {
    // Planes: R R R R, G G G G, B B B B for a 2 x 2 image.
    const planes = [1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24];
    const slice = parseDicom(
      writeTestDicom({ rows: 2, columns: 2, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0, samplesPerPixel: 3, planarConfiguration: 1, pixels: planes }),
      'planar.dcm',
    );
    const frame = await decodeStoredFrame(slice);
    expect(firstDifference(frame.values, [1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24])).toBeNull();
  });
});
