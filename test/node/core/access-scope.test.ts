import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openSqlite } from '../../../electron/core/db/sqlite';
import { contract } from '../../../shared/contracts';
import type { MethodSpec } from '../../../shared/contracts/define';
import type { DatasetSummary } from '../../../shared/model/dataset';
import type { SeriesSummary } from '../../../shared/model/imaging';
import type { Account } from '../../../shared/model/people';
import { DEFAULT_HYPERPARAMETERS, type ModelSummary } from '../../../shared/model/training';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';

/**
 * Every id in a call means a record of the caller's own study. The attack this guards against: a
 * reader of the real study creates a study of their own (anyone may), becomes its coordinator, and
 * calls coordinator methods with the real study's ids (training.cancel stopped the real study's
 * training). The list of id-taking methods is generated from the contract, so a new one fails
 * here until it is covered.
 */

/** Methods whose parameters name a record by id ("...Id" or "...Ids"), from the contract itself. */
function idTakingMethods(): string[] {
  const out: string[] = [];
  for (const [service, spec] of Object.entries(contract)) {
    for (const [name, m] of Object.entries(spec as Record<string, MethodSpec>)) {
      const shape = (m.params as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
      if (Object.keys(shape).some((k) => /Ids?$/.test(k))) out.push(`${service}.${name}`);
    }
  }
  return out.sort();
}

/** Every row of every table of the study except the running training's own progress, hashed. */
function snapshot(file: string): string {
  const db = openSqlite(file, { readonly: true });
  try {
    const h = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('model', 'training_epoch') ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) h.update(name).update(JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all(), (_k, v: unknown) => (v instanceof Buffer ? v.toString('hex') : v)));
    return h.digest('hex');
  } finally {
    db.close();
  }
}

describe('ids are scoped to the session’s study', () => {
  it("a coordinator of another study reaches nothing of the real study with its ids, and cannot stop its training", async () => {
    const file = await demoStudyCopy(6, 11);
    const { core, api } = testCore();
    await api('coord').study.open({ file });
    const coordinator = (await api('coord').session.signIn({ username: 'coordinator', password: 'coordinator-demo' })) as Account;
    const series = (await api('coord').imaging.seriesList()) as SeriesSummary[];
    const readers = ((await api('coord').accounts.list()) as Account[]).filter((a) => a.role === 'reader');
    const ds = (await api('coord').datasets.build({ size: 64, folds: 2, seed: 1, testPatients: 'random', testFraction: 0, lowPercentile: 1, highPercentile: 99.5 })) as DatasetSummary;
    const hyper = { ...DEFAULT_HYPERPARAMETERS, filters: 4, batchSize: 8, augment: false, engine: 'wasm' as const, folds: [0], epochs: 200 };
    const model = (await api('coord').training.start({ datasetId: ds.id, name: 'the real one', hyperparameters: hyper, parentModelId: null })) as ModelSummary;
    const runId = 1;

    // A reader of the real study makes a study of their own and becomes its coordinator.
    await api('mallory').study.open({ file });
    await api('mallory').session.signIn({ username: 'reader1', password: 'reader1-demo' });
    await api('mallory').study.create({ title: 'Mallory’s own' });
    await api('mallory').session.createFirstCoordinator({ username: 'mallory', displayName: 'M', password: 'mallory-pw-1' });

    const s = series[0]!;
    const reader = readers[0]!;
    const mask = null;
    // A real image of the real study: ids and image references must both stay out of reach.
    const image = (await api('coord').viewer.series({ seriesId: s.seriesId })).sliceList[0]!.image;
    const calls: Record<string, unknown> = {
      'accounts.setPassword': { accountId: reader.id, password: 'taken-over-1', currentPassword: 'mallory-pw-1' },
      'accounts.setActive': { accountId: reader.id, active: false },
      'imaging.importCancel': { runId },
      'imaging.importReport': { runId },
      'imaging.setSegment': { seriesId: s.seriesId, segment: null },
      'viewer.series': { seriesId: s.seriesId },
      'viewer.slices': { seriesId: s.seriesId, from: 0, count: 1 },
      'reading.open': { seriesId: s.seriesId },
      'reading.saveSlice': { seriesId: s.seriesId, image, label: 'absent', mask, beforeHash: '', action: 'x' },
      'reading.setPosition': { seriesId: s.seriesId, image },
      'reading.suggestions': { seriesId: s.seriesId },
      'reading.lock': { seriesId: s.seriesId },
      'assignments.set': { seriesId: s.seriesId, slot: 'reader1', accountId: reader.id },
      'assignments.reopen': { seriesId: s.seriesId, accountId: reader.id, reason: 'x' },
      'adjudication.slice': { seriesId: s.seriesId, image },
      'adjudication.resolve': { seriesId: s.seriesId, image, method: 'absent', reason: 'x' },
      'training.start': { datasetId: ds.id, name: 'x', hyperparameters: hyper, parentModelId: model.id },
      'training.cancel': { modelId: model.id },
      'training.resume': { modelId: model.id },
      'models.get': { modelId: model.id },
      'evaluation.run': { modelId: model.id, threshold: 0.5, minPositiveSlices: 2, seriesIds: [s.seriesId] },
      'evaluation.list': { modelId: model.id },
      'predictions.run': { modelId: model.id, seriesId: s.seriesId },
    };
    expect(Object.keys(calls).sort(), 'every id-taking method of the contract is tried').toEqual(idTakingMethods());

    const before = snapshot(file);
    const reached: string[] = [];
    for (const [method, params] of Object.entries(calls)) {
      const out = await core.router.call(core.sessions.get('mallory'), method, params);
      // A refusal, or an answer about Mallory's own (empty) study; never a success on a real record.
      if (out.ok && JSON.stringify(out.result).match(/"cancelled":true|"changed":true/)) reached.push(`${method}: ${JSON.stringify(out.result)}`);
      // Refused by the service that looked the id up in Mallory's study, not by the parameter check.
      if (!out.ok && !['not_found', 'forbidden', 'conflict'].includes(out.error.code)) reached.push(`${method}: refused as ${out.error.code}: ${out.error.message}`);
    }
    expect(reached).toEqual([]);
    expect(snapshot(file), 'the real study changed').toBe(before);
    expect(((await api('coord').models.get({ modelId: model.id })) as ModelSummary).status).toBe('training');

    // Its own coordinator can stop it, and the audit row says who did.
    expect(await api('coord').training.cancel({ modelId: model.id })).toEqual({ cancelled: true });
    const db = openSqlite(file, { readonly: true });
    const row = db.prepare("SELECT actor_id AS actorId FROM audit WHERE action = 'model.cancelled' AND entity_id = ?").get(String(model.id)) as { actorId: number | null };
    db.close();
    expect(row.actorId).toBe(coordinator.id);
  }, 240_000);
});
