import { copyFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoStudy, type DemoReport } from '../../electron/core/demo/build-demo-study';

const cache = new Map<string, Promise<DemoReport>>();

/**
 * A demo study (built once per test process for each size and seed), copied to a fresh file for
 * the caller, who may change it.
 */
export async function demoStudyCopy(patients: number, seed: number): Promise<string> {
  const key = `${patients}:${seed}`;
  let p = cache.get(key);
  if (!p) {
    p = buildDemoStudy({ file: join(mkdtempSync(join(tmpdir(), 'bme-demo-master-')), 'demo.bmestudy'), patients, seed });
    cache.set(key, p);
  }
  const master = await p;
  const copy = join(mkdtempSync(join(tmpdir(), 'bme-demo-')), 'demo.bmestudy');
  copyFileSync(master.file, copy);
  // The study's own copies of the images (and later its datasets and models) live beside it.
  cpSync(master.file.replace(/\.bmestudy$/, '.bme-data'), copy.replace(/\.bmestudy$/, '.bme-data'), { recursive: true });
  return copy;
}
