import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../../../electron/core/dicom/import/blob-store';
import { scanFile } from '../../../electron/core/dicom/import/scan-file';
import { Rng } from '../../../electron/core/dicom/phantom/prng';
import { craftedFiles } from '../../../electron/core/reliability/fuzz/crafted';
import { runFuzz } from '../../../electron/core/reliability/fuzz/run-fuzz';
import { fuzzSeeds } from '../../../electron/core/reliability/fuzz/seeds';
import { tempDir } from '../../support/temp';

describe('DICOM fuzzing (short version of npm run fuzz:dicom)', () => {
  it('every seed is a valid image for the importer, so mutations start from files it accepts', async () => {
    const dir = tempDir();
    const blobs = new BlobStore(join(dir, 'blobs'));
    for (const seed of fuzzSeeds()) {
      const path = join(dir, `${seed.name}.dcm`);
      writeFileSync(path, seed.bytes);
      const r = await scanFile(path, blobs);
      expect(r.kind, `${seed.name}: ${JSON.stringify(r)}`).toBe('image');
    }
  });

  it('300 crafted and mutated files: no crash, none over 5 s or 512 MB, every rejection typed and naming its file', async () => {
    const s = await runFuzz({ files: 300, seed: 2, findingsDir: join(tempDir(), 'findings') });
    expect(s.findings).toEqual([]);
    expect(s).toMatchObject({ files: 300, crashes: 0, timeouts: 0, overMemory: 0, untyped: 0, messagesWithoutFile: 0, unknownCodes: 0 });
    expect(s.crafted).toBe(craftedFiles(new Rng(1)).length);
    expect(s.accepted).toBeGreaterThan(0);
    expect(Object.keys(s.byCode)).toEqual(expect.arrayContaining(['truncated', 'not_dicom', 'bad_pixel_data', 'too_large', 'unsupported_transfer_syntax']));
    expect(s.peakMemory!.mb).toBeGreaterThan(s.baselineMb);
  }, 120_000);

  it('the memory watch flags a file that raises the peak over the limit, and keeps the input', async () => {
    // With a 100 MB limit, the deflate bomb that inflates to 64 MiB must be reported.
    const findings = join(tempDir(), 'findings');
    const s = await runFuzz({ files: 40, seed: 3, memoryMb: 100, findingsDir: findings });
    const bomb = s.findings.find((f) => f.file.includes('deflate-bomb-64MiB'));
    expect(bomb?.what).toBe('memory');
    expect(s.findingsDir).toBe(findings);
    expect(s.crashes).toBe(0);
  }, 120_000);
});
