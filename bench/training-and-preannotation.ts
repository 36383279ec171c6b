import { join } from 'node:path';
import { DEFAULT_DATASET_SETTINGS } from '../shared/model/dataset';
import { DEFAULT_HYPERPARAMETERS } from '../shared/model/training';
import { createCore, type Core } from '../electron/core/core';
import { coreClient } from '../electron/core/core-client';
import { buildDemoStudy } from '../electron/core/demo/build-demo-study';
import { fmt, summary, table } from './bench-util';
import { timeSaves } from './autosave';

/**
 * Reading stays responsive while a model trains: stroke commit latency on the cohort-size study
 * (same process, same event loop) while the training worker trains the paper's network (filters
 * 16, 128 x 128) on the demo study, against the same saves with nothing training. Then the time
 * to pre-annotate a series with the trained model, against decoding and preparing it alone.
 */
export async function benchTrainingAndPreannotation(dir: string, cohort: { core: Core; seriesIds: number[] }, saves: number, idle: number[]): Promise<void> {
  const file = join(dir, 'demo.bmestudy');
  await buildDemoStudy({ file, patients: 6, seed: 5 });
  const core = createCore({ hostKind: 'test', dataDir: join(dir, 'app2'), studiesDir: dir });
  const { api } = coreClient(core, 'c');
  try {
    await api.study.open({ file });
    await api.session.signIn({ username: 'coordinator', password: 'coordinator-demo' });
    const ds = await api.datasets.build({ ...DEFAULT_DATASET_SETTINGS, size: 128, folds: 2, testFraction: 0 });
    const started = await api.training.start({ datasetId: ds.id, name: 'bench', hyperparameters: { ...DEFAULT_HYPERPARAMETERS, filters: 16, epochs: 1, folds: [0] }, parentModelId: null });
    let engine = '';
    await new Promise<void>((resolve) => {
      const stop = core.events.connect((_s, event, p) => {
        if (event === 'training.progress' && (p as { batch: number }).batch >= 2) {
          stop();
          resolve();
        }
      });
    });
    const during = await timeSaves(cohort.core, cohort.seriesIds, saves, Math.floor(cohort.seriesIds.length * 0.7));
    const a = summary(idle);
    const b = summary(during);
    await new Promise<void>((resolve) => {
      const stop = core.events.connect(async (_s, event) => {
        if (event !== 'training.changed') return;
        const m = await api.models.get({ modelId: started.id });
        if (m.status !== 'training') {
          engine = `${m.engine?.name} (${m.engine?.workers} workers)`;
          stop();
          resolve();
        }
      });
    });
    table('Autosave while training (same process; training: filters 16, 128 x 128)', ['run', 'median ms', 'p99 ms', 'ratio (p99)'], [
      ['saves with nothing training (reference)', fmt(a.median, 2), fmt(a.p99, 2), '1.00'],
      [`saves while training on ${engine}`, fmt(b.median, 2), fmt(b.p99, 2), fmt(b.p99 / a.p99, 1)],
    ]);
    console.log(`  budget: p99 under 200 ms while training (issue 6): ${b.p99 < 200 ? 'met' : 'NOT met'}`);

    const series = (await api.imaging.seriesList()).find((s) => s.slices >= 18)!;
    const p0 = performance.now();
    await api.viewer.slices({ seriesId: series.seriesId, from: 0, count: series.slices });
    const decodeS = (performance.now() - p0) / 1000;
    const runs: number[] = [];
    let used = '';
    for (let k = 0; k < 3; k++) {
      const r = await api.predictions.run({ modelId: started.id, seriesId: series.seriesId });
      runs.push(r.seconds);
      used = r.engine;
    }
    const t = summary(runs).median;
    table(`Pre-annotation of a ${series.slices}-slice series (filters 16, 128 x 128, median of 3)`, ['run', 'seconds', 'slices/s', 'ratio'], [
      ['reference: decoding the series alone', fmt(decodeS, 2), fmt(series.slices / decodeS, 1), '1.00'],
      [`predict: prepare, infer on ${used}, resize, store`, fmt(t, 2), fmt(series.slices / t, 1), fmt(t / decodeS, 1)],
    ]);
  } finally {
    core.close();
  }
}
