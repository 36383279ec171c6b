// Closing the core (the desktop app's will-quit, the Node host's Ctrl+C): a training run ends as
// interrupted and resumable, the supervisor is free, every study is closed, and closing twice is
// one close. A window's session ends with its window.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { INTERRUPTED_BY_SHUTDOWN } from '../../../electron/core/training-job/training-supervisor';
import type { DatasetSummary } from '../../../shared/model/dataset';
import { DEFAULT_HYPERPARAMETERS, type ModelSummary } from '../../../shared/model/training';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { tempDir } from '../../support/temp';
import { coreClient } from '../../../electron/core/core-client';

const tiny = { ...DEFAULT_HYPERPARAMETERS, filters: 4, batchSize: 8, augment: false, engine: 'wasm' as const, folds: [0], epochs: 50 };

describe('closing the core', () => {
  it('ends a training run as interrupted, resumable from its last epoch, and closes the study', async () => {
    const file = await demoStudyCopy(6, 11);
    const { core, api } = testCore();
    await api('coord').study.open({ file });
    await api('coord').session.signIn({ username: 'coordinator', password: 'coordinator-demo' });
    const ds = (await api('coord').datasets.build({ size: 64, folds: 2, seed: 1, testPatients: 'random', testFraction: 0, lowPercentile: 1, highPercentile: 99.5 })) as DatasetSummary;
    const started = new Promise<void>((resolve) => core.events.connect((_s, event) => event === 'training.progress' && resolve()));
    const m = (await api('coord').training.start({ datasetId: ds.id, name: 'long', hyperparameters: tiny, parentModelId: null })) as ModelSummary;
    await started;

    const closing = core.close();
    expect(core.close()).toBe(closing);
    // Recorded before close() returned, while the study was still open; the WAL is gone because
    // the last connection closed (SQLite checkpoints and removes it then).
    expect(existsSync(`${file}-wal`)).toBe(false);
    await closing;

    // The next start of the app finds the run cancelled with the reason, and can resume it.
    const next = createCore({ hostKind: 'test', dataDir: join(tempDir(), 'app'), studiesDir: tempDir() });
    try {
      const again = coreClient(next, next.sessions.get('again')).api;
      await again.study.open({ file });
      await again.session.signIn({ username: 'coordinator', password: 'coordinator-demo' });
      expect(await again.models.get({ modelId: m.id })).toMatchObject({ status: 'cancelled', error: INTERRUPTED_BY_SHUTDOWN });
      expect(await again.training.resume({ modelId: m.id })).toMatchObject({ status: 'training' });
    } finally {
      await next.close();
    }
  }, 240_000);

  it("ends a window's session: its study is released and its sign-in forgotten", async () => {
    const file = await demoStudyCopy(2, 3);
    const { core, api } = testCore();
    await api('w1').study.open({ file });
    await api('w2').study.open({ file });
    await api('w1').session.signIn({ username: 'reader1', password: 'reader1-demo' });
    core.endSession('w1');
    expect(core.sessions.find('w1')).toBeNull();
    expect(core.registry.get(file)).toBeDefined(); // still shown in the other window
    core.endSession('w2');
    expect(core.registry.get(file)).toBeUndefined();
    expect(existsSync(`${file}-wal`)).toBe(false);
    core.endSession('never-was'); // nothing to end: no error
    // A window that comes back under the same id starts signed out, with no study.
    expect(core.sessions.get('w1')).toMatchObject({ studyFile: null, user: null });
  });
});
