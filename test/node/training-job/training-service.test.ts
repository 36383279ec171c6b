import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../shared/model/training';
import { DEFAULT_HYPERPARAMETERS } from '../../../shared/model/training';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';

async function coordinator() {
  const file = await demoStudyCopy(6, 11);
  const t = testCore();
  await t.api('coord').study.open({ file });
  await t.api('coord').session.signIn({ username: 'coordinator', password: 'coordinator-demo' });
  const waitFor = (modelId: number, until: (m: ModelSummary) => boolean) =>
    new Promise<ModelSummary>((resolve) => {
      const stop = t.core.events.connect(async (_s, event, payload) => {
        if (event !== 'training.changed' || (payload as { modelId: number }).modelId !== modelId) return;
        const m = await t.api('coord').models.get({ modelId });
        if (until(m)) {
          stop();
          resolve(m);
        }
      });
    });
  return { ...t, waitFor };
}

const tiny = { ...DEFAULT_HYPERPARAMETERS, filters: 4, batchSize: 8, augment: false, engine: 'wasm' as const, folds: [0] };

describe('the training service on the demo study', () => {
  it('builds a snapshot split by patient and trains a registered model with fold metrics and its engine', async () => {
    const { api, waitFor } = await coordinator();
    const ds = await api('coord').datasets.build({ size: 64, folds: 2, seed: 1, testPatients: 'random', testFraction: 0, lowPercentile: 1, highPercentile: 99.5 });
    expect(ds.samples).toBeGreaterThan(0);
    expect(ds.id).toMatch(/^[0-9a-f]{64}$/);
    const again = await api('coord').datasets.build({ ...ds.settings });
    expect(again.id).toBe(ds.id); // same consensus and settings, same snapshot
    const started = await api('coord').training.start({ datasetId: ds.id, name: 'tiny', hyperparameters: { ...tiny, epochs: 1 }, parentModelId: null });
    expect(started.status).toBe('training');
    const done = await waitFor(started.id, (m) => m.status !== 'training');
    expect(done.status).toBe('done');
    expect(done.engine?.name).toBe('wasm');
    expect(done.epochs).toHaveLength(1);
    expect(done.foldsDone).toEqual([0]);
  }, 240_000);

  it('cancels at once and resumes from the last finished epoch', async () => {
    const { api, waitFor } = await coordinator();
    const ds = await api('coord').datasets.build({ size: 64, folds: 2, seed: 1, testPatients: 'random', testFraction: 0, lowPercentile: 1, highPercentile: 99.5 });
    const m = await api('coord').training.start({ datasetId: ds.id, name: 'resumable', hyperparameters: { ...tiny, epochs: 4 }, parentModelId: null });
    await waitFor(m.id, (x) => x.epochs.length >= 1);
    expect(await api('coord').training.cancel({ modelId: m.id })).toEqual({ cancelled: true });
    const cancelled = await api('coord').models.get({ modelId: m.id });
    expect(cancelled.status).toBe('cancelled');
    const kept = cancelled.epochs.length;
    expect(kept).toBeLessThan(4);
    await api('coord').training.resume({ modelId: m.id });
    const done = await waitFor(m.id, (x) => x.status !== 'training');
    expect(done.status).toBe('done');
    expect(done.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
  }, 240_000);
});
