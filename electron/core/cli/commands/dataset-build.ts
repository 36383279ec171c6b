import { DEFAULT_DATASET_SETTINGS, DatasetSettings } from '../../../../shared/model/dataset';
import { buildSnapshot } from '../../dataset/build-snapshot';
import { CliError, intOption, jsonOption, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

/** `bme dataset build --db FILE`: a dataset snapshot from the consensus. */
export const datasetBuildCommand: CliCommand = {
  name: 'dataset build',
  summary: "build a dataset snapshot of 'fake-color' samples from the consensus of locked series, split by patient",
  options: {
    db: { type: 'string', description: 'the study file', valueName: 'FILE' },
    size: { type: 'string', description: 'sample size in pixels, multiple of 16 from 64 to 512 (default 128)', valueName: 'S' },
    folds: { type: 'string', description: 'cross-validation folds (default 10)', valueName: 'K' },
    seed: { type: 'string', description: 'seed of the split (default 1)', valueName: 'N' },
    'test-fraction': { type: 'string', description: 'share of patients held out for testing, drawn stratified (default 0.2)', valueName: 'F' },
    'test-patients': { type: 'string', description: 'comma-separated pseudonyms of the test patients instead of a random draw', valueName: 'P001,P007' },
    ...jsonOption,
  },
  examples: ['bme dataset build --db spine.bmestudy --json', 'bme dataset build --db spine.bmestudy --size 64 --folds 2 --test-patients P001,P002'],
  run(values, _p, io) {
    const fraction = values['test-fraction'] === undefined ? DEFAULT_DATASET_SETTINGS.testFraction : Number(values['test-fraction']);
    const list = typeof values['test-patients'] === 'string' ? values['test-patients'].split(',').map((p) => p.trim()).filter(Boolean) : null;
    const parsed = DatasetSettings.safeParse({
      ...DEFAULT_DATASET_SETTINGS,
      size: intOption(values, 'size', DEFAULT_DATASET_SETTINGS.size, 64, 512),
      folds: intOption(values, 'folds', DEFAULT_DATASET_SETTINGS.folds, 2, 20),
      seed: intOption(values, 'seed', DEFAULT_DATASET_SETTINGS.seed, 0, 2 ** 31 - 1),
      testFraction: fraction,
      testPatients: list ?? 'random',
    });
    if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 2);
    return withStudy(values, async (study) => {
      const s = await buildSnapshot(study, parsed.data, null, values.json ? undefined : (d, t) => io.err(`  series ${d}/${t}`));
      if (values.json) return io.json(s);
      io.out(`Dataset ${s.id}`);
      io.out(`  ${s.patients} patients, ${s.series} series, ${s.samples} samples (${s.positiveSamples} with BME, ${s.negativeSamples} without), ${s.settings.size} x ${s.settings.size}`);
      io.out(`  test patients: ${s.split.test.join(', ') || 'none'}; ${s.split.folds.length} folds of ${s.split.folds.map((f) => f.length).join('/')} patients`);
      if (s.excluded.length) io.out(`  left out: ${s.excluded.length} series (${[...new Set(s.excluded.map((e) => e.reason))].join('; ')})`);
    });
  },
};
