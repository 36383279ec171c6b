import { describe, expect, it } from 'vitest';
import { wireMask } from '../../../shared/geometry/mask';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { openSqlite } from '../../../electron/core/db/sqlite';

async function signedIn(file: string) {
  const t = testCore();
  const as = async (session: string, username: string, password: string) => {
    await t.api(session).study.open({ file });
    await t.api(session).session.signIn({ username, password });
  };
  await as('coord', 'coordinator', 'coordinator-demo');
  await as('r1', 'reader1', 'reader1-demo');
  await as('r2', 'reader2', 'reader2-demo');
  return t;
}

describe('adjudication into consensus on the demo study', () => {
  it('queues only discordant slices of locked series; concordant slices are consensus without work', async () => {
    const file = await demoStudyCopy(3, 11);
    const { api } = await signedIn(file);
    const queue = await api('coord').adjudication.queue();
    expect(queue.seriesReady).toBeGreaterThan(0);
    expect(queue.items.length).toBeGreaterThan(0);
    expect(queue.remaining).toBe(queue.items.length);
    for (const item of queue.items) {
      const c = await api('coord').adjudication.slice({ seriesId: item.seriesId, image: item.image });
      if (item.reason === 'discordant_label') expect(c.reader1.label).not.toBe(c.reader2.label);
      else expect(c.dice === null || c.dice < 0.5).toBe(true);
      expect(c.consensus).toBeNull();
    }
    const sorted = [...queue.items].sort((a, b) => a.patient.localeCompare(b.patient) || a.seriesId - b.seriesId || a.sliceIndex - b.sliceIndex);
    expect(queue.items).toEqual(sorted);
    const db = openSqlite(file, { readonly: true });
    const auto = db.prepare("SELECT count(*) AS n, sum(label = 'present') AS present FROM consensus WHERE method = 'auto' AND is_current = 1").get() as { n: number; present: number };
    db.close();
    expect(auto.n).toBeGreaterThan(queue.items.length);
  });

  it('resolves with one click, keeps the history of revisions, and audits each decision', async () => {
    const file = await demoStudyCopy(3, 11);
    const { api } = await signedIn(file);
    const queue = await api('coord').adjudication.queue();
    const item = queue.items.find((i) => i.reason === 'discordant_label')!;
    const before = await api('coord').adjudication.slice({ seriesId: item.seriesId, image: item.image });
    const presentSlot = before.reader1.label === 'present' ? 'accept_reader1' : 'accept_reader2';
    const presentMask = before.reader1.label === 'present' ? before.reader1.mask : before.reader2.mask;
    const first = await api('coord').adjudication.resolve({ seriesId: item.seriesId, image: item.image, method: presentSlot, reason: 'edema visible on STIR' });
    expect(first).toMatchObject({ label: 'present', method: presentSlot, reason: 'edema visible on STIR', decidedBy: 'Dr Chan (coordinator)', current: true });
    expect(first.mask?.runs).toEqual(presentMask?.runs);
    const after = await api('coord').adjudication.queue();
    expect(after.remaining).toBe(queue.remaining - 1);

    const revised = await api('coord').adjudication.resolve({ seriesId: item.seriesId, image: item.image, method: 'absent' });
    expect(revised).toMatchObject({ label: 'absent', mask: null, current: true });
    const c = await api('coord').adjudication.slice({ seriesId: item.seriesId, image: item.image });
    expect(c.history.map((h) => [h.method, h.current])).toEqual([[presentSlot, false], ['absent', true]]);
    const db = openSqlite(file, { readonly: true });
    const audit = db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'consensus.resolve'").get() as { n: number };
    db.close();
    expect(audit.n).toBe(2);
  });

  it('union and intersection combine the two masks', async () => {
    const file = await demoStudyCopy(3, 11);
    const { api } = await signedIn(file);
    await api('coord').adjudication.setSettings({ diceThreshold: 0.99, autoRule: 'primary', primarySlot: 'reader1', segmentMinSlices: 1 });
    const queue = await api('coord').adjudication.queue();
    const item = queue.items.find((i) => i.reason === 'discordant_mask' && i.dice !== null && i.dice > 0)!;
    expect(item).toBeDefined();
    const union = await api('coord').adjudication.resolve({ seriesId: item.seriesId, image: item.image, method: 'union' });
    const inter = await api('coord').adjudication.resolve({ seriesId: item.seriesId, image: item.image, method: 'intersection' });
    const ones = (runs: number[]) => runs.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
    const c = await api('coord').adjudication.slice({ seriesId: item.seriesId, image: item.image });
    const a = ones(c.reader1.mask!.runs);
    const b = ones(c.reader2.mask!.runs);
    expect(ones(union.mask!.runs)).toBeGreaterThanOrEqual(Math.max(a, b));
    expect(ones(inter.mask!.runs)).toBeLessThanOrEqual(Math.min(a, b));
    expect(ones(union.mask!.runs) + ones(inter.mask!.runs)).toBe(a + b);
  });

  it('a stricter Dice threshold sends more slices to the queue and withdraws their automatic consensus', async () => {
    const file = await demoStudyCopy(3, 11);
    const { api } = await signedIn(file);
    const loose = await api('coord').adjudication.queue();
    await api('coord').adjudication.setSettings({ diceThreshold: 0.95, autoRule: 'primary', primarySlot: 'reader1', segmentMinSlices: 1 });
    const strict = await api('coord').adjudication.queue();
    expect(strict.remaining).toBeGreaterThan(loose.remaining);
  });

  it('a decision whose reads change afterwards comes back as stale', async () => {
    const file = await demoStudyCopy(3, 11);
    const { api, core } = await signedIn(file);
    const queue = await api('coord').adjudication.queue();
    const item = queue.items[0]!;
    await api('coord').adjudication.resolve({ seriesId: item.seriesId, image: item.image, method: 'absent' });
    const reader2 = core.registry.get(file)!.accounts.byUsername('reader2')!;
    await api('coord').assignments.reopen({ seriesId: item.seriesId, accountId: reader2.id, reason: 'second look' });
    const read = await api('r2').reading.open({ seriesId: item.seriesId });
    const slice = read.slices[item.sliceIndex]!;
    await api('r2').reading.saveSlice({
      seriesId: item.seriesId, image: item.image, label: slice.label === 'absent' ? 'present' : 'absent',
      mask: slice.label === 'absent' ? wireMask(read.width, read.height, [0, read.width * read.height]) : null,
      beforeHash: slice.hash, action: 'Second look',
    });
    await api('r2').reading.lock({ seriesId: item.seriesId });
    const after = await api('coord').adjudication.queue();
    expect(after.items.find((i) => i.seriesId === item.seriesId && i.sliceIndex === item.sliceIndex)?.reason).toBe('stale');
  });
});
