import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportModel, type modelCard } from '../../../electron/core/evaluation/model-card';
import { tempDir } from '../../support/temp';
import { DEFAULT_HYPERPARAMETERS } from '../../../shared/model/training';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { openSqlite } from '../../../electron/core/db/sqlite';

describe('evaluation and pre-annotation through the contract', () => {
  it('evaluates a trained model on held-out patients, pre-annotates a series, and shows suggestions to readers only when allowed', async () => {
    const file = await demoStudyCopy(8, 11);
    const t = testCore();
    for (const [s, u] of [['coord', 'coordinator'], ['r2', 'reader2']] as const) {
      await t.api(s).study.open({ file });
      await t.api(s).session.signIn({ username: u, password: `${u}-demo` });
    }
    const ds = await t.api('coord').datasets.build({ size: 64, folds: 2, seed: 1, testPatients: 'random', testFraction: 0.34, lowPercentile: 1, highPercentile: 99.5 });
    expect(ds.split.test.length).toBeGreaterThan(0);
    const m = await t.api('coord').training.start({ datasetId: ds.id, name: 'eval', hyperparameters: { ...DEFAULT_HYPERPARAMETERS, filters: 4, epochs: 1, augment: false, engine: 'wasm' }, parentModelId: null });
    await new Promise<void>((resolve) => {
      const stop = t.core.events.connect(async (_s, event) => {
        if (event !== 'training.changed') return;
        const now = await t.api('coord').models.get({ modelId: m.id });
        if (now.status !== 'training') {
          stop();
          resolve();
        }
      });
    });

    const report = await t.api('coord').evaluation.run({ modelId: m.id, threshold: 0.5, minPositiveSlices: 2 });
    expect(report.folds.map((f) => f.fold)).toEqual([0, 1]);
    expect(report.patients).toBe(ds.split.test.length);
    const c = report.ensemble.image.confusion;
    expect(c.tp + c.fn + c.fp + c.tn).toBe(report.slices);
    expect(report.acrossFolds.image.sensitivity.n).toBeLessThanOrEqual(2);
    expect(report.roc.points[0]).toEqual({ fpr: 0, tpr: 0, threshold: 1 });
    expect(report.roc.points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(report.readers.map((r) => r.slot)).toContain('reader1');
    expect(await t.api('coord').evaluation.list({ modelId: m.id })).toHaveLength(1);

    // Any chosen series with a complete consensus; a series without one is refused in words.
    const trainingPatientSeries = t.core.registry.get(file)!.imaging.allSeries().filter((x) => ds.split.folds[0]!.includes(x.pseudonym));
    const decided = trainingPatientSeries.find((x) => t.core.registry.get(file)!.consensus.current(x.id).length === x.slices)!;
    const chosen = await t.api('coord').evaluation.run({ modelId: m.id, threshold: 0.5, minPositiveSlices: 2, seriesIds: [decided.id] });
    expect(chosen.series).toBe(1);
    expect(chosen.slices).toBe(decided.slices);
    expect(chosen.set).toMatch(/^series \(\d+ of \d+ slices from training patients\)$/);
    const undecided = t.core.registry.get(file)!.imaging.allSeries().find((x) => t.core.registry.get(file)!.consensus.current(x.id).length < x.slices)!;
    await expect(t.api('coord').evaluation.run({ modelId: m.id, threshold: 0.5, minPositiveSlices: 2, seriesIds: [undecided.id] })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/adjudicate it first/) });

    const series = (await t.api('r2').reading.worklist())[0]!;
    const pred = await t.api('coord').predictions.run({ modelId: m.id, seriesId: series.seriesId });
    expect(pred.slices).toBe(series.slices);
    expect(await t.api('r2').reading.suggestions({ seriesId: series.seriesId })).toBeNull(); // off by default
    expect(await t.api('coord').reading.suggestions({ seriesId: series.seriesId })).toMatchObject({ modelId: m.id });
    await t.api('coord').predictions.setSettings({ readersSeeSuggestions: true });
    const seen = await t.api('r2').reading.suggestions({ seriesId: series.seriesId });
    expect(seen?.slices).toHaveLength(series.slices);
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
