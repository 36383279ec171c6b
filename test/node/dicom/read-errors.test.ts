// Files that cannot be read: each must give a DicomReadError with the right code and a message
// that names the file and the reason, quickly and without large allocations.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DicomReadError,
  decodeStoredFrame,
  parseDicom,
  readDicomFile,
  readDicomFileSync,
  type DicomReadErrorCode,
} from '../../../electron/core/dicom/decode';
import { makeTempDir } from './helpers/compare';
import { runTool } from './helpers/dicom-tools';
import { seededRandom, testPixels } from './helpers/test-images';
import { encodeElement, writeTestDicom, type TestImage } from './helpers/write-test-dicom';

const temp = makeTempDir('dicom-errors');
afterAll(temp.cleanup);

const image: TestImage = { rows: 32, columns: 32, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 0, pixels: testPixels(32, 32, 12, false) };

function fileWith(name: string, bytes: Uint8Array): string {
  const path = join(temp.dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function readError(path: string): Promise<DicomReadError> {
  const outcome = await readDicomFile(path).then(
    async (slice) => decodeStoredFrame(slice, 0),
  ).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof DicomReadError)) throw new Error(`expected a DicomReadError for ${path}, got ${String(outcome)}`);
  return outcome;
}

async function expectReadError(path: string, code: DicomReadErrorCode, reason: RegExp): Promise<DicomReadError> {
  const error = await readError(path);
  expect(error.code).toBe(code);
  expect(error.file).toBe(path);
  expect(error.message.startsWith(`${path}: `)).toBe(true);
  expect(error.reason).toMatch(reason);
  return error;
}

const explicitLe = fileWith('explicit.dcm', writeTestDicom(image));

describe('files that are not DICOM', () => {
  it('an empty file is reported as empty', async () => {
    await expectReadError(fileWith('empty.dcm', new Uint8Array(0)), 'truncated', /empty file \(0 bytes\)/);
  });

  it('random bytes are not DICOM', async () => {
    const random = seededRandom(3);
    const bytes = Uint8Array.from({ length: 5000 }, () => Math.floor(random() * 256));
    await expectReadError(fileWith('garbage.bin', bytes), 'not_dicom', /^not DICOM: no DICM marker and no recognisable data set$/);
  });

  it('a text file is not DICOM', async () => {
    await expectReadError(fileWith('notes.txt', Buffer.from('Patient list\n'.repeat(40))), 'not_dicom', /no DICM marker/);
  });

  it('a missing file and a folder are io errors', async () => {
    await expectReadError(join(temp.dir, 'nope.dcm'), 'io', /no such file/);
    const folder = join(temp.dir, 'a-folder');
    mkdirSync(folder);
    await expectReadError(folder, 'io', /is a folder/);
    expect(() => readDicomFileSync(folder)).toThrow(DicomReadError);
  });

  it('a file over the size cap is refused unread', async () => {
    await expect(readDicomFile(explicitLe, { maxFileBytes: 1000 })).rejects.toMatchObject({ code: 'too_large' });
    expect(() => readDicomFileSync(explicitLe, { maxFileBytes: 1000 })).toThrow(/over the cap of 1000 bytes/);
  });
});

describe('truncated files', () => {
  const full = readFileSync(explicitLe);
  const cuts: Array<[string, number]> = [
    ['inside the file meta header', 150],
    ['inside the data set', 420],
    ['inside the pixel data', full.length - 100],
  ];
  it.each(cuts)('explicit VR little endian cut %s says where the file ends', async (_where, cut) => {
    const path = fileWith(`cut-${cut}.dcm`, full.subarray(0, cut));
    await expectReadError(path, 'truncated', new RegExp(`^truncated at byte ${cut}`));
  });

  it('names the element that runs past the end', async () => {
    const cut = full.length - 100;
    const error = await readError(fileWith('cut-pixels.dcm', full.subarray(0, cut)));
    expect(error.reason).toMatch(/element \(7FE0,0010\) declares 2048 bytes from byte \d+/);
  });

  it.each([
    ['implicit VR little endian', '+ti'],
    ['explicit VR big endian', '+tb'],
    ['deflated explicit VR little endian', '+td'],
  ])('%s cut short is truncated', async (_name, flag) => {
    const converted = join(temp.dir, `conv${flag}.dcm`);
    runTool('dcmconv', [flag, explicitLe, converted]);
    const bytes = readFileSync(converted);
    const cut = bytes.length - 37;
    await expectReadError(fileWith(`cut${flag}.dcm`, bytes.subarray(0, cut)), 'truncated', /^truncated at byte \d+/);
  });

  it.each([
    ['inside a fragment', 60],
    ['just before the sequence delimiter', 8],
  ])('encapsulated pixel data cut %s is truncated', async (_where, fromEnd) => {
    const jls = join(temp.dir, 'full.jls.dcm');
    runTool('dcmcjpls', [explicitLe, jls]);
    const bytes = readFileSync(jls);
    const cut = bytes.length - fromEnd;
    await expectReadError(fileWith(`cut-jls-${fromEnd}.dcm`, bytes.subarray(0, cut)), 'truncated', new RegExp(`^truncated at byte ${cut}`));
  });
});

describe('transfer syntaxes without a decoder', () => {
  it('names an MPEG2 file for what it is', async () => {
    const path = fileWith('mpeg2.dcm', writeTestDicom({ ...image, metaTransferSyntaxUid: '1.2.840.10008.1.2.4.100' }));
    await expectReadError(path, 'unsupported_transfer_syntax', /^unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.4\.100 \(MPEG2\)$/);
  });

  it('reports an unknown UID as unknown', async () => {
    const path = fileWith('unknown-ts.dcm', writeTestDicom({ ...image, metaTransferSyntaxUid: '1.2.3.4.5' }));
    await expectReadError(path, 'unsupported_transfer_syntax', /^unsupported transfer syntax 1\.2\.3\.4\.5 \(unknown\)$/);
  });
});

describe('hostile declared sizes', () => {
  /** Preamble and meta header of a deflated file, followed by `body` as the (deflated) data set. */
  function deflatedFile(body: Buffer): Buffer {
    const plain = writeTestDicom({ ...image, metaTransferSyntaxUid: '1.2.840.10008.1.2.1.99' });
    const metaEnd = 132 + 12 + plain.readUInt32LE(140);
    return Buffer.concat([plain.subarray(0, metaEnd), body]);
  }

  it('a deflate bomb stops at the inflate cap', async () => {
    // 16 MiB of zeros deflate to about 16 KB; with a 1 MiB cap nothing near 16 MiB is allocated.
    const bomb = deflatedFile(deflateRawSync(encodeElement(0x7fe0, 0x0010, 'OB', Buffer.alloc(16 * 1024 * 1024))));
    expect(bomb.length).toBeLessThan(100_000);
    const error = (() => {
      try {
        parseDicom(bomb, 'bomb.dcm', { maxInflatedBytes: 1024 * 1024 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DicomReadError);
    expect((error as DicomReadError).code).toBe('too_large');
    expect((error as DicomReadError).message).toBe('bomb.dcm: deflated data set inflates to more than 1048576 bytes');
  });

  it('a deflated data set that is not deflate data is not DICOM', () => {
    // 0xFF starts a final block of the reserved type 3: invalid from the first byte.
    const broken = deflatedFile(Buffer.alloc(64, 0xff));
    expect(() => parseDicom(broken, 'bad-deflate.dcm')).toThrow(/bad-deflate\.dcm: deflated data set does not inflate: invalid block type/);
  });

  it('a pixel data length far beyond the file is truncation, not an allocation', async () => {
    const bytes = Buffer.from(writeTestDicom(image));
    const at = bytes.lastIndexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57]));
    bytes.writeUInt32LE(0x7ffffff0, at + 8);
    await expectReadError(fileWith('huge-length.dcm', bytes), 'truncated', /declares 2147483632 bytes/);
  });

  it('a billion frames is refused before anything is allocated for them', async () => {
    const path = fileWith('frames.dcm', writeTestDicom({ ...image, numberOfFrames: 1_000_000_000 }));
    await expectReadError(path, 'bad_pixel_data', /NumberOfFrames 1000000000/);
  });

  it('a frame larger than the cap is refused', async () => {
    const path = fileWith('wide.dcm', writeTestDicom({ ...image, rows: 65535, columns: 65535, pixels: [1, 2, 3, 4] }));
    await expectReadError(path, 'too_large', /one frame of 65535 x 65535 .* over the cap/);
  });

  it('too few pixel bytes for the declared image is bad pixel data', async () => {
    const path = fileWith('short-pixels.dcm', writeTestDicom({ ...image, rows: 64 }));
    await expectReadError(path, 'bad_pixel_data', /pixel data has 2048 bytes, the header needs 4096/);
  });
});

describe('valid DICOM that is not a readable image', () => {
  it('an object without pixel data is not an image', async () => {
    const path = join(temp.dir, 'no-pixels.dcm');
    writeFileSync(path, writeTestDicom(image));
    runTool('dcmodify', ['-nb', '-e', '(7fe0,0010)', path]);
    await expectReadError(path, 'not_an_image', /^not an image: no Pixel Data \(7FE0,0010\) \(SOP class 1\.2\.840\.10008\.5\.1\.4\.1\.1\.4\)$/);
  });

  it('pixel data without Rows is bad pixel data naming the attribute', async () => {
    const path = join(temp.dir, 'no-rows.dcm');
    writeFileSync(path, writeTestDicom(image));
    runTool('dcmodify', ['-nb', '-e', '(0028,0010)', path]);
    await expectReadError(path, 'bad_pixel_data', /without Rows \(0028,0010\)/);
  });

  it('1-bit pixels are an unsupported pixel format', async () => {
    const path = fileWith('bitmap.dcm', writeTestDicom({ ...image, bitsAllocated: 8, bitsStored: 1, pixels: [] }));
    const bytes = readFileSync(path);
    // BitsAllocated 8 -> 1: the reader must refuse before reading pixels.
    const at = bytes.indexOf(Buffer.from([0x28, 0x00, 0x00, 0x01, 0x55, 0x53, 0x02, 0x00]));
    bytes.writeUInt16LE(1, at + 8);
    writeFileSync(path, bytes);
    await expectReadError(path, 'unsupported_pixel_format', /1-bit/);
  });
});

describe('corrupt compressed frames', () => {
  const j2kFile = join(temp.dir, 'good.j2k.dcm');
  const j2kFragment = (): Uint8Array => {
    runTool('gdcmconv', ['--j2k', explicitLe, j2kFile]);
    const slice = readDicomFileSync(j2kFile);
    if (slice.pixelData.kind !== 'encapsulated') throw new Error('expected encapsulated pixels');
    return slice.pixelData.fragments[0].bytes;
  };

  it('a JPEG 2000 codestream cut short fails to decode, and the decoder still works afterwards', async () => {
    const fragment = j2kFragment();
    const cut = fileWith('cut.j2k.dcm', writeTestDicom({ ...image, encapsulated: { transferSyntaxUid: '1.2.840.10008.1.2.4.90', fragments: [fragment.subarray(0, 120)] } }));
    await expectReadError(cut, 'decode_failed', /^frame 1: JPEG 2000 lossless decoder failed/);
    const good = await decodeStoredFrame(await readDicomFile(j2kFile), 0);
    expect(Array.from(good.values.subarray(0, 3))).toEqual(Array.from(image.pixels).slice(0, 3));
  });

  it('a codestream whose frame header disagrees with Rows/Columns is bad pixel data', async () => {
    const fragment = j2kFragment();
    const path = fileWith('mismatch.j2k.dcm', writeTestDicom({ ...image, rows: 16, pixels: [], encapsulated: { transferSyntaxUid: '1.2.840.10008.1.2.4.90', fragments: [fragment] } }));
    await expectReadError(path, 'bad_pixel_data', /the JPEG 2000 codestream is 32 x 32 x 1 samples, the header says 32 x 16 x 1/);
  });

  it('bytes that are no codestream at all fail with the codec named', async () => {
    const junk = Uint8Array.from({ length: 200 }, (_, i) => (i * 37) & 0xff);
    const jls = fileWith('junk.jls.dcm', writeTestDicom({ ...image, encapsulated: { transferSyntaxUid: '1.2.840.10008.1.2.4.80', fragments: [junk] } }));
    await expectReadError(jls, 'decode_failed', /not a JPEG-LS codestream/);
    const rle = fileWith('junk.rle.dcm', writeTestDicom({ ...image, encapsulated: { transferSyntaxUid: '1.2.840.10008.1.2.5', fragments: [junk] } }));
    await expectReadError(rle, 'decode_failed', /RLE lossless decoder failed: RLE header lists \d+ segments/);
  });
});
