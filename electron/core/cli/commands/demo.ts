import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDemoStudy } from '../../demo/build-demo-study';
import { CliError, intOption, jsonOption, requireString, type CliCommand } from '../command';

/** `bme demo --db FILE`: a ready-to-explore study with simulated reads. */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'make a ready-to-explore demo study: phantom cohort, accounts, simulated reads (synthetic data)',
  options: {
    db: { type: 'string', description: 'where to create the demo study (.bmestudy); must not exist', valueName: 'FILE' },
    patients: { type: 'string', description: 'phantom patients (default 8; 3 series each)', valueName: 'N' },
    seed: { type: 'string', description: 'seed of the phantom and the simulated reads (default 1)', valueName: 'S' },
    ...jsonOption,
  },
  examples: ['bme demo --db demo.bmestudy', 'bme demo --db big.bmestudy --patients 40 --seed 3'],
  async run(values, _positionals, io) {
    const file = resolve(requireString(values, 'db'));
    if (existsSync(file)) throw new CliError(`${file} already exists; give a new file name for the demo study`);
    const patients = intOption(values, 'patients', 8, 1, 400);
    const seed = intOption(values, 'seed', 1, 0, 2 ** 31 - 1);
    const report = await buildDemoStudy({ file, patients, seed, onProgress: values.json ? undefined : (l) => io.err(l) });
    if (values.json) return io.json(report);
    io.out(`Demo study written to ${report.file}`);
    io.out(`  ${report.patients} synthetic patients, ${report.series} series: ${report.seriesLocked} read and locked by both readers,`);
    io.out(`  ${report.seriesInProgress} in progress, ${report.seriesNotStarted} started by reader 1 only; ${report.slicesSaved} slice reads saved.`);
    io.out('Accounts (user name / password):');
    for (const a of report.accounts) io.out(`  ${a.username.padEnd(12)} ${a.password.padEnd(18)} ${a.role}`);
    io.out("Open it with 'npm run web' (or npm start) and sign in. The images are synthetic, for demos and tests.");
  },
};
