// The viewer's decoding runs in the decode worker thread: the slices it returns equal what the
// decoder gives on this thread for compressed files written by independent tools, a crashed
// thread is replaced, and the viewer's code on the core's thread does not decode at all.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSliceFile } from '../../../electron/core/dicom/decode-worker/decode-slice';
import { SliceDecoder } from '../../../electron/core/dicom/decode-worker/slice-decoder';
import { DecodedSliceCache } from '../../../electron/core/dicom/decoded-slice-cache';
import { BlobStore } from '../../../electron/core/dicom/import/blob-store';
import { sourceFiles } from '../../support/source-files';
import { makeTempDir } from './helpers/compare';
import { LOSSLESS_VARIANTS } from './helpers/dicom-tools';
import { SOURCE_IMAGES } from './helpers/test-images';
import { writeTestDicom } from './helpers/write-test-dicom';

const temp = makeTempDir('slice-decoder');
afterAll(temp.cleanup);

function encoded(variantName: string): string {
  const { key, image } = SOURCE_IMAGES.find((s) => s.image.bitsAllocated === 16 && (s.image.samplesPerPixel ?? 1) === 1)!;
  const src = join(temp.dir, `${key}.dcm`);
  writeFileSync(src, writeTestDicom(image));
  const variant = LOSSLESS_VARIANTS.find((v) => v.name.startsWith(variantName))!;
  const out = join(temp.dir, `${key}-${variantName.replace(/\W+/g, '_')}.dcm`);
  variant.encode(src, out);
  return out;
}

describe('the slice decoder thread', () => {
  it.each(['JPEG 2000 lossless', 'JPEG-LS lossless', 'JPEG lossless SV1', 'RLE', 'deflated'])('decodes %s exactly as the decoder does on this thread', async (name) => {
    const file = encoded(name);
    const decoder = new SliceDecoder();
    try {
      const inWorker = await decoder.decode(file, 'test file');
      const here = await decodeSliceFile(file, 'test file');
      expect({ ...inWorker, stored: undefined }).toEqual({ ...here, stored: undefined });
      expect(inWorker.stored.constructor).toBe(here.stored.constructor);
      expect(Array.from(inWorker.stored)).toEqual(Array.from(here.stored));
      // Moved with a buffer of its own: nothing else of the file came along.
      expect(inWorker.stored.byteLength).toBe(inWorker.stored.buffer.byteLength);
    } finally {
      await decoder.close();
    }
  });

  it('fails one request for a file it cannot read, and keeps serving', async () => {
    const decoder = new SliceDecoder();
    try {
      const bad = join(temp.dir, 'not-dicom.dcm');
      writeFileSync(bad, 'not a DICOM file at all');
      await expect(decoder.decode(bad, 'the broken copy')).rejects.toThrow(/broken copy/);
      const good = await decoder.decode(encoded('RLE'), 'good');
      expect(good.width).toBeGreaterThan(0);
    } finally {
      await decoder.close();
    }
  });

  it('starts a fresh thread after one dies, and refuses work once closed', async () => {
    let starts = 0;
    const decoder = new SliceDecoder(() => {
      starts++;
      // The first thread is a script that exits at once, as a crashed thread would.
      return starts === 1 ? join(temp.dir, 'dies.cjs') : join(process.cwd(), 'dist/core/decode-worker.cjs');
    });
    writeFileSync(join(temp.dir, 'dies.cjs'), 'process.exit(3);');
    const file = encoded('RLE');
    await expect(decoder.decode(file, 'x')).rejects.toThrow(/slice decoder exited with code 3/);
    await expect(decoder.decode(file, 'x')).resolves.toMatchObject({ width: expect.any(Number) });
    expect(starts).toBe(2);
    await decoder.close();
    await expect(decoder.decode(file, 'x')).rejects.toThrow(/closed/);
  });

  it('the cache decodes a slice once however many ask at the same time', async () => {
    const blobs = new BlobStore(join(temp.dir, 'blobs'));
    const sha = blobs.put(readFileSync(encoded('JPEG 2000 lossless')));
    let decodes = 0;
    const cache = new DecodedSliceCache(async (file, label) => {
      decodes++;
      return decodeSliceFile(file, label);
    });
    const [a, b] = await Promise.all([cache.get(blobs, sha), cache.get(blobs, sha)]);
    expect(a).toBe(b);
    await cache.get(blobs, sha);
    expect(decodes).toBe(1);
  });

  it("the viewer's code on the core's thread imports no decoder", () => {
    const onCoreThread = ['electron/core/services/viewer-service.ts', 'electron/core/dicom/decoded-slice-cache.ts', 'electron/core/dicom/decode-worker/slice-decoder.ts'];
    const files = sourceFiles(['electron/core']).filter((f) => onCoreThread.includes(f.path));
    expect(files).toHaveLength(onCoreThread.length);
    for (const f of files) expect(f.text, f.path).not.toMatch(/from '[^']*dicom\/decode'|from '\.\.?\/decode'|decodeStoredFrame|decodeSliceFile/);
  });
});
