import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAutosave, timeSaves } from './autosave';
import { benchImport } from './import-throughput';
import { benchReaderSwitch } from './reader-switch';
import { benchSliceSwitch } from './slice-switch';
import { benchTrainingAndPreannotation } from './training-and-preannotation';

/**
 * `npm run bench`: the workstation's speed figures, each against a reference run in the same
 * process. `--quick` uses a smaller cohort. Never part of `npm test`.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const dir = mkdtempSync(join(tmpdir(), 'bme-bench-'));
  console.log(`BME Workstation benchmarks (${quick ? 'quick' : 'full'}), ${new Date().toISOString()}, node ${process.version}`);
  try {
    const { studyFile } = await benchImport(dir, quick ? 6 : 60);
    await benchSliceSwitch(dir, studyFile, quick ? 40 : 200);
    await benchReaderSwitch(dir, quick ? 40 : 200);
    const cohort = await benchAutosave(dir, quick ? 30 : 330, quick ? 100 : 300);
    const idle = await timeSaves(cohort.core, cohort.seriesIds, quick ? 60 : 150, 200);
    await benchTrainingAndPreannotation(dir, cohort, quick ? 60 : 150, idle);
    cohort.core.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
