import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchImport } from './import-throughput';
import { benchSliceSwitch } from './slice-switch';

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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
