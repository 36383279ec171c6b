import type { EvaluationReport, LevelFigures } from '../../../../shared/model/evaluation';
import { runEvaluation } from '../../evaluation/run-evaluation';
import { TrainingSupervisor } from '../../training-job/training-supervisor';
import { CliError, intOption, jsonOption, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

const f = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : v.toFixed(d));
const pm = (m: { mean: number | null; sd: number | null }) => `${f(m.mean)} ± ${f(m.sd)}`;
const frac = (l: LevelFigures) => `${f(l.sensitivity.value)} (${l.sensitivity.count}/${l.sensitivity.total})  ${f(l.specificity.value)} (${l.specificity.count}/${l.specificity.total})`;

function printTables(r: EvaluationReport, out: (l: string) => void): void {
  out(`Model ${r.modelId} on the ${r.set === 'test' ? 'test set' : r.set}: ${r.patients} patients, ${r.series} series, ${r.slices} slices; threshold ${r.threshold}, segment positive at >= ${r.minPositiveSlices} slices`);
  out('');
  out('Table 2: sensitivity and specificity                      sensitivity     specificity     AUC');
  for (const reader of r.readers) {
    out(`  ${`${reader.name} (${reader.slot})`.padEnd(40)} image    ${frac(reader.image)}`);
    out(`  ${''.padEnd(40)} segment  ${frac(reader.segment)}`);
  }
  out(`  ${'Deep neural network (mean ± SD over folds)'.padEnd(40)} image    ${pm(r.acrossFolds.image.sensitivity)}     ${pm(r.acrossFolds.image.specificity)}     ${pm(r.acrossFolds.image.auc)}`);
  out(`  ${''.padEnd(40)} segment  ${pm(r.acrossFolds.segment.sensitivity)}     ${pm(r.acrossFolds.segment.specificity)}`);
  for (const [g, v] of Object.entries(r.acrossFolds.bySegment)) out(`  ${`  ${g} vertebra`.padEnd(40)} segment  ${pm(v.segment.sensitivity)}     ${pm(v.segment.specificity)}`);
  out(`  Dice of true-positive lesions: ${pm(r.acrossFolds.dice)}`);
  out('');
  const c = r.ensemble.image.confusion;
  out('Table 3: confusion matrix per image (mean probability of the folds)');
  out('                      predicted with    predicted without');
  out(`  truth with          ${String(c.tp).padStart(10)}    ${String(c.fn).padStart(12)}`);
  out(`  truth without       ${String(c.fp).padStart(10)}    ${String(c.tn).padStart(12)}`);
}

/** `bme evaluate --db FILE --model ID`: the paper's tables for a registered model. */
export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: "evaluate a model on its dataset's held-out test patients: the paper's Tables 2 and 3, AUC, Dice, readers side by side",
  options: {
    db: { type: 'string', description: 'the study file', valueName: 'FILE' },
    model: { type: 'string', description: 'the registered model id', valueName: 'ID' },
    set: { type: 'string', description: "test (the dataset's held-out patients, default) or series (with --series)", valueName: 'test|series' },
    series: { type: 'string', description: 'with --set series: comma-separated SeriesInstanceUIDs to evaluate on', valueName: 'UID,UID' },
    threshold: { type: 'string', description: 'probability threshold of a positive slice (default 0.5)', valueName: 'P' },
    'min-slices': { type: 'string', description: 'slices that make a positive segment (default 2, the paper)', valueName: 'K' },
    ...jsonOption,
  },
  examples: ['bme evaluate --db spine.bmestudy --model 3 --set test --json'],
  run(values, _p, io) {
    const setName = values.set ?? 'test';
    if (setName !== 'test' && setName !== 'series') throw new CliError(`--set must be test or series (got ${String(values.set)})`, 2);
    const uids = typeof values.series === 'string' ? values.series.split(',').map((u) => u.trim()).filter(Boolean) : [];
    if (setName === 'series' && uids.length === 0) throw new CliError('--set series needs --series UID[,UID...]', 2);
    const modelId = intOption(values, 'model', 0, 1, 1e9);
    const threshold = values.threshold === undefined ? 0.5 : Number(values.threshold);
    if (!(threshold > 0 && threshold < 1)) throw new CliError('--threshold must be between 0 and 1', 2);
    const minPositiveSlices = intOption(values, 'min-slices', 2, 1, 10);
    return withStudy(values, async (study) => {
      const supervisor = new TrainingSupervisor({ progress: () => undefined, changed: () => undefined });
      try {
        const seriesIds = uids.map((u) => {
          const id = study.imaging.seriesIdByUid(u);
          if (id === null) throw new CliError(`there is no series ${u} in this study`);
          return id;
        });
        const report = await runEvaluation(study, supervisor, modelId, { threshold, minPositiveSlices, ...(seriesIds.length && { seriesIds }) }, null);
        if (values.json) io.json(report);
        else printTables(report, io.out);
      } finally {
        await supervisor.shutdown();
      }
    });
  },
};
