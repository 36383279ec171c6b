import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantomCohort, type PhantomCohortReport } from '../../electron/core/dicom/phantom';

const cache = new Map<string, Promise<PhantomCohortReport>>();

/** A phantom cohort written once per test process for each (patients, seed). Read-only: copy before mutating. */
export function phantomCohort(patients: number, seed: number): Promise<PhantomCohortReport> {
  const key = `${patients}:${seed}`;
  let p = cache.get(key);
  if (!p) {
    p = generatePhantomCohort({ outDir: join(mkdtempSync(join(tmpdir(), 'bme-cohort-')), 'cohort'), patients, seed });
    cache.set(key, p);
  }
  return p;
}
