import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePhantomCohort } from '../electron/core/dicom/phantom';
import { startImport } from '../electron/core/dicom/import/import-runner';
import { walkFiles } from '../electron/core/dicom/import/walk-files';
import { StudyRegistry } from '../electron/core/study-registry';
import { fmt, table } from './bench-util';

/**
 * Import throughput on a phantom cohort, against a reference run over the same files in the same
 * process: reading every file and hashing it (the I/O and SHA-256 floor any import pays).
 */
export async function benchImport(dir: string, patients: number): Promise<{ studyFile: string; cohortDir: string }> {
  const t0 = performance.now();
  const cohort = await generatePhantomCohort({ outDir: join(dir, 'cohort'), patients, seed: 2026 });
  const genS = (performance.now() - t0) / 1000;
  console.log(`phantom cohort: ${cohort.patients} patients, ${cohort.files} slices, ${fmt(cohort.bytes / 1e6)} MB (generated in ${fmt(genS)} s)`);

  const files = walkFiles([cohort.outDir], () => undefined);
  const r0 = performance.now();
  let bytes = 0;
  for (const f of files) {
    const b = readFileSync(f);
    bytes += b.length;
    createHash('sha256').update(b).digest();
  }
  const refS = (performance.now() - r0) / 1000;

  const registry = new StudyRegistry();
  const studyFile = join(dir, 'bench.bmestudy');
  const study = registry.acquire(studyFile, { create: true });
  study.study.insert({ studyId: 'bench', title: 'Benchmark', createdAt: new Date().toISOString(), createdByApp: 'bench' });
  const i0 = performance.now();
  const report = await startImport(study, [cohort.outDir], null, () => undefined).done;
  const importS = (performance.now() - i0) / 1000;
  registry.closeAll();
  if (report.imported !== cohort.files) throw new Error(`import imported ${report.imported} of ${cohort.files} slices`);

  table('Import throughput (phantom cohort, explicit VR little endian, 16-bit)', ['run', 'seconds', 'slices/s', 'MB/s', 'ratio'], [
    ['reference: read + SHA-256 of every file', fmt(refS, 2), fmt(files.length / refS, 0), fmt(bytes / 1e6 / refS), '1.00'],
    ['bme import (parse, decode check, copy, SQLite)', fmt(importS, 2), fmt(report.imported / importS, 0), fmt(cohort.bytes / 1e6 / importS), fmt(refS / importS, 2)],
  ]);
  return { studyFile, cohortDir: cohort.outDir };
}
