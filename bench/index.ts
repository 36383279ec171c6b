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
    const cohort = await benchAutosave(dir, quick ? 30 : 330, quick ? 100 : 300);
    // The stroke benchmark drew on every slice of `strokeSeries`: the reader view has ROIs to draw.
    await benchReaderSwitch(dir, cohort.file, { username: 'reader1', password: 'bench-password' }, cohort.strokeSeries, quick ? 40 : 200);
    const idle = await timeSaves(cohort.core, cohort.seriesIds, quick ? 60 : 150, Math.floor(cohort.seriesIds.length * 0.5));
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
