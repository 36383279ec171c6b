import { describe, expect, it } from 'vitest';
import type { SeriesSummary } from '../../../shared/model/imaging';
import type { SeriesRead, WorklistItem } from '../../../shared/model/reading';
import { testCore } from '../../support/core';
import { coordinatorsOf } from '../../../electron/core/services/training-service';
import { phantomCohort } from '../../support/cohort';
import { demoStudyCopy } from '../../support/demo';

/**
 * Blinding where the data lives: reader 1 calls the contract directly and tries, in every way it
 * offers, to get at reader 2's reads, progress, agreement or consensus. Every attempt is refused
 * or returns only reader 1's own data.
 */
describe("blinding: a reader never gets another reader's work", () => {
  async function setup() {
    const file = await demoStudyCopy(3, 11);
    const t = testCore();
    for (const [s, u] of [['r1', 'reader1'], ['r2', 'reader2'], ['rad', 'radiologist'], ['coord', 'coordinator']] as const) {
      await t.call(s, 'study.open', { file });
      await t.call(s, 'session.signIn', { username: u, password: `${u}-demo` });
    }
    return t;
  }

  it('reading.open returns only your own read, even on a series both readers read', async () => {
    const { call } = await setup();
    const mine = (await call('r1', 'reading.worklist')) as WorklistItem[];
    const theirs = (await call('r2', 'reading.worklist')) as WorklistItem[];
    const shared = mine.find((m) => theirs.some((t) => t.seriesId === m.seriesId && t.read > 0) && m.read > 0)!;
    const r1 = (await call('r1', 'reading.open', { seriesId: shared.seriesId })) as SeriesRead;
    const r2 = (await call('r2', 'reading.open', { seriesId: shared.seriesId })) as SeriesRead;
    expect(r1.slot).toBe('reader1');
    expect(r2.slot).toBe('reader2');
    expect(r1.slices.map((s) => s.hash)).not.toEqual(r2.slices.map((s) => s.hash));
    expect(JSON.stringify(r1)).not.toContain('reader2');
  });

  it('the worklist carries your own progress only', async () => {
    const { call } = await setup();
    const mine = (await call('r1', 'reading.worklist')) as WorklistItem[];
    for (const item of mine) expect(Object.keys(item).sort()).toEqual(['description', 'lastSlice', 'locked', 'patient', 'present', 'read', 'segment', 'seriesId', 'slices', 'slot']);
    const rad = (await call('rad', 'reading.worklist')) as WorklistItem[];
    expect(rad.length).toBeLessThan(mine.length); // the comparison reader sees only their own assignments
  });

  it('series not assigned to you are invisible and refused in the same words whether they exist or not', async () => {
    const { call } = await setup();
    const all = (await call('coord', 'imaging.seriesList')) as SeriesSummary[];
    const radList = (await call('rad', 'imaging.seriesList')) as SeriesSummary[];
    const hidden = all.find((s) => !radList.some((r) => r.seriesId === s.seriesId))!;
    const nonexistent = 99999;
    for (const id of [hidden.seriesId, nonexistent]) {
      for (const [method, params] of [
        ['reading.open', { seriesId: id }],
        ['viewer.series', { seriesId: id }],
        ['viewer.slices', { seriesId: id, from: 0, count: 1 }],
        ['reading.setPosition', { seriesId: id, sliceIndex: 0 }],
        ['reading.lock', { seriesId: id }],
      ] as const) {
        await expect(call('rad', method, params), `${method} ${id}`).rejects.toMatchObject({ code: 'forbidden', message: `Series ${id} is not assigned to you.` });
      }
    }
  });

  it("agreement figures, adjudication, assignments, accounts and others' saves are refused to readers", async () => {
    const { call } = await setup();
    const series = ((await call('r1', 'reading.worklist')) as WorklistItem[])[0]!;
    for (const [method, params] of [
      ['agreement.report', {}],
      ['adjudication.queue', {}],
      ['adjudication.slice', { seriesId: series.seriesId, sliceIndex: 0 }],
      ['adjudication.settings', {}],
      ['adjudication.resolve', { seriesId: series.seriesId, sliceIndex: 0, method: 'absent' }],
      ['assignments.list', {}],
      ['assignments.reopen', { seriesId: series.seriesId, accountId: 3, reason: 'x' }],
      ['accounts.list', {}],
      ['imaging.importReport', { runId: 1 }],
    ] as const) {
      await expect(call('r1', method, params), method).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it("a reader's save cannot land in another reader's read: there is no parameter naming the reader", async () => {
    const { call } = await setup();
    const series = ((await call('r1', 'reading.worklist')) as WorklistItem[]).find((w) => !w.locked)!;
    const r2Before = (await call('r2', 'reading.open', { seriesId: series.seriesId }).catch(() => null)) as SeriesRead | null;
    const r1 = (await call('r1', 'reading.open', { seriesId: series.seriesId })) as SeriesRead;
    const slice = r1.slices.find((s) => s.label === 'unread') ?? r1.slices[0]!;
    await expect(call('r1', 'reading.saveSlice', { seriesId: series.seriesId, sliceIndex: slice.index, label: 'absent', mask: null, beforeHash: slice.hash, action: 'x', accountId: 3 })).rejects.toMatchObject({ code: 'bad_request' });
    if (r2Before) expect(await call('r2', 'reading.open', { seriesId: series.seriesId })).toEqual(r2Before);
  });
});

describe('blinding on the event stream', () => {
  it("a reader's session receives no other session's import progress, training or study events", async () => {
    const file = await demoStudyCopy(3, 11);
    const t = testCore();
    for (const [s, u] of [['r1', 'reader1'], ['coord', 'coordinator']] as const) {
      await t.call(s, 'study.open', { file });
      await t.call(s, 'session.signIn', { username: u, password: `${u}-demo` });
    }
    const received = new Map<string, string[]>();
    t.core.events.connect((session, event) => received.set(session.id, [...(received.get(session.id) ?? []), event]));
    const cohort = await phantomCohort(1, 21);
    const finished = new Promise<void>((resolve) => t.core.events.connect((_s, event) => event === 'import.finished' && resolve()));
    await t.call('coord', 'imaging.importStart', { paths: [cohort.outDir] });
    await finished;
    await t.call('coord', 'study.close');
    expect(received.get('coord')).toEqual(expect.arrayContaining(['import.progress', 'import.finished', 'study.changed']));
    expect(received.get('r1') ?? []).toEqual([]);
    // Training events go to the study's coordinators only: the training service's audience.
    await t.call('coord', 'study.open', { file });
    await t.call('coord', 'session.signIn', { username: 'coordinator', password: 'coordinator-demo' });
    const audience = coordinatorsOf(file);
    expect(audience(t.core.sessions.get('r1'))).toBe(false);
    expect(audience(t.core.sessions.get('coord'))).toBe(true);
  });
});
