// The project's phantom cohort through the reader: its slices decode to the hash numpy computes
// from dcmtk's raw dump, and to the same values after re-encoding by dcmtk and gdcm.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStoredFrame, readDicomFile, storedValuesSha256 } from '../../../electron/core/dicom/decode';
import { generatePhantomCohort } from '../../../electron/core/dicom/phantom';
import { firstDifference, makeTempDir } from './helpers/compare';
import { LOSSLESS_VARIANTS, dcmtkRawPixels } from './helpers/dicom-tools';

const temp = makeTempDir('dicom-phantom');
afterAll(temp.cleanup);

let slices: string[] = [];

beforeAll(async () => {
  const report = await generatePhantomCohort({ outDir: join(temp.dir, 'cohort'), patients: 1, seed: 17 });
  const patientDir = join(report.outDir, report.patientIds[0]);
  // One slice from each segment of the patient: different sizes and contents.
  slices = readdirSync(patientDir).map((segment) => join(patientDir, segment, readdirSync(join(patientDir, segment)).filter((f) => f.endsWith('.dcm')).sort()[3]));
});

function numpySha256(raw: Buffer, samples: number, bitsStored: number): string {
  const rawFile = join(temp.dir, 'slice.raw');
  writeFileSync(rawFile, raw);
  const script = [
    'import hashlib, sys, numpy as np',
    "w = np.fromfile(sys.argv[1], dtype='<u2')[: int(sys.argv[2])].astype(np.int64)",
    'v = w & ((1 << int(sys.argv[3])) - 1)',
    "print(hashlib.sha256(v.astype('<i4').tobytes()).hexdigest())",
  ].join('\n');
  return execFileSync('/usr/bin/python3', ['-c', script, rawFile, String(samples), String(bitsStored)], { encoding: 'utf8' }).trim();
}

describe('phantom cohort slices', () => {
  it('decode to the hash numpy computes from dcmtk, and survive every lossless re-encoding', async () => {
    expect(slices.length).toBeGreaterThan(0);
    for (const file of slices) {
      const slice = await readDicomFile(file);
      expect(slice.header).toMatchObject({ bitsAllocated: 16, pixelRepresentation: 0, photometricInterpretation: 'MONOCHROME2' });
      const frame = await decodeStoredFrame(slice, 0);
      const samples = slice.header.rows * slice.header.columns;
      expect(storedValuesSha256(frame.values)).toBe(numpySha256(dcmtkRawPixels(file, temp.dir), samples, slice.header.bitsStored));
      for (const variant of LOSSLESS_VARIANTS) {
        const out = join(temp.dir, `re-encoded.dcm`);
        variant.encode(file, out);
        const again = await decodeStoredFrame(await readDicomFile(out), 0);
        expect(firstDifference(again.values, frame.values), `${file} as ${variant.name}`).toBeNull();
      }
    }
  });
});
