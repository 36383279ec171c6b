import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportModel, type modelCard } from '../../../electron/core/evaluation/model-card';
import { tempDir } from '../../support/temp';
import type { DatasetSummary } from '../../../shared/model/dataset';
import type { EvaluationReport } from '../../../shared/model/evaluation';
import type { WorklistItem } from '../../../shared/model/reading';
import type { ModelSummary } from '../../../shared/model/training';
import { DEFAULT_HYPERPARAMETERS } from '../../../shared/model/training';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { openSqlite } from '../../../electron/core/db/sqlite';

describe('evaluation and pre-annotation through the contract', () => {
  it('evaluates a trained model on held-out patients, pre-annotates a series, and shows suggestions to readers only when allowed', async () => {
    const file = await demoStudyCopy(8, 11);
    const t = testCore();
    for (const [s, u] of [['coord', 'coordinator'], ['r2', 'reader2']] as const) {
      await t.call(s, 'study.open', { file });
      await t.call(s, 'session.signIn', { username: u, password: `${u}-demo` });
    }
    const ds = (await t.call('coord', 'datasets.build', { size: 64, folds: 2, seed: 1, testPatients: 'random', testFraction: 0.34, lowPercentile: 1, highPercentile: 99.5 })) as DatasetSummary;
    expect(ds.split.test.length).toBeGreaterThan(0);
    const m = (await t.call('coord', 'training.start', { datasetId: ds.id, name: 'eval', hyperparameters: { ...DEFAULT_HYPERPARAMETERS, filters: 4, epochs: 1, augment: false, engine: 'wasm' }, parentModelId: null })) as ModelSummary;
    await new Promise<void>((resolve) => {
      const stop = t.core.events.connect(async (_s, event) => {
        if (event !== 'training.changed') return;
        const now = (await t.call('coord', 'models.get', { modelId: m.id })) as ModelSummary;
        if (now.status !== 'training') {
          stop();
          resolve();
        }
      });
    });

    const report = (await t.call('coord', 'evaluation.run', { modelId: m.id, threshold: 0.5, minPositiveSlices: 2 })) as EvaluationReport;
    expect(report.folds.map((f) => f.fold)).toEqual([0, 1]);
    expect(report.patients).toBe(ds.split.test.length);
    const c = report.ensemble.image.confusion;
    expect(c.tp + c.fn + c.fp + c.tn).toBe(report.slices);
    expect(report.acrossFolds.image.sensitivity.n).toBeLessThanOrEqual(2);
    expect(report.roc.points[0]).toEqual({ fpr: 0, tpr: 0, threshold: 1 });
    expect(report.roc.points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(report.readers.map((r) => r.slot)).toContain('reader1');
    expect(await t.call('coord', 'evaluation.list', { modelId: m.id })).toHaveLength(1);

    // Any chosen series with a complete consensus; a series without one is refused in words.
    const trainingPatientSeries = t.core.registry.get(file)!.imaging.allSeries().filter((x) => ds.split.folds[0]!.includes(x.pseudonym));
    const decided = trainingPatientSeries.find((x) => t.core.registry.get(file)!.consensus.current(x.id).length === x.slices)!;
    const chosen = (await t.call('coord', 'evaluation.run', { modelId: m.id, threshold: 0.5, minPositiveSlices: 2, seriesIds: [decided.id] })) as EvaluationReport;
    expect(chosen.series).toBe(1);
    expect(chosen.slices).toBe(decided.slices);
    expect(chosen.set).toMatch(/^series \(\d+ of \d+ slices from training patients\)$/);
    const undecided = t.core.registry.get(file)!.imaging.allSeries().find((x) => t.core.registry.get(file)!.consensus.current(x.id).length < x.slices)!;
    await expect(t.call('coord', 'evaluation.run', { modelId: m.id, threshold: 0.5, minPositiveSlices: 2, seriesIds: [undecided.id] })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/adjudicate it first/) });

    const series = ((await t.call('r2', 'reading.worklist')) as WorklistItem[])[0]!;
    const pred = (await t.call('coord', 'predictions.run', { modelId: m.id, seriesId: series.seriesId })) as { slices: number };
    expect(pred.slices).toBe(series.slices);
    expect(await t.call('r2', 'reading.suggestions', { seriesId: series.seriesId })).toBeNull(); // off by default
    expect(await t.call('coord', 'reading.suggestions', { seriesId: series.seriesId })).toMatchObject({ modelId: m.id });
    await t.call('coord', 'predictions.setSettings', { readersSeeSuggestions: true });
    const seen = (await t.call('r2', 'reading.suggestions', { seriesId: series.seriesId })) as { slices: unknown[] };
    expect(seen.slices).toHaveLength(series.slices);
    const out = join(tempDir('bme-model-'), 'export');
    const exported = exportModel(t.core.registry.get(file)!, m.id, out);
    expect(exported.files).toContain('fold-1/weights.bin');
    const card = JSON.parse(readFileSync(join(out, 'model-card.json'), 'utf8')) as ReturnType<typeof modelCard>;
    expect(card.data.datasetId).toBe(ds.id);
    expect(card.data.split).toEqual(ds.split);
    expect(card.metrics.lastEpochPerFold).toHaveLength(2);
    expect(card.metrics.evaluations).toHaveLength(2);
    expect(JSON.stringify(card)).not.toMatch(/PHANTOM\^|PH-S/); // pseudonyms only
    const db = openSqlite(file, { readonly: true });
    expect((db.prepare("SELECT count(*) AS n FROM audit WHERE action IN ('model.evaluate', 'model.predict', 'settings.suggestions')").get() as { n: number }).n).toBe(4);
    db.close();
  }, 240_000);
});
