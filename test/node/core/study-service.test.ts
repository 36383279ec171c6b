import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { coreClient } from '../../../electron/core/core-client';
import { testCore } from '../../support/core';
import { openSqlite } from '../../../electron/core/db/sqlite';

describe('studies: create, open, recent', () => {
  it('creates a study as one SQLite file in the studies folder, with its audit row', async () => {
    const { api, dir } = testCore();
    const s = await api('tab1').study.create({ title: 'Spine cohort 2026' });
    expect(s.file).toBe(join(dir, 'studies', 'spine-cohort-2026.bmestudy'));
    expect(existsSync(s.file)).toBe(true);
    expect(s.title).toBe('Spine cohort 2026');
    expect(s.studyId).toMatch(/^[0-9a-f-]{36}$/);
    const db = openSqlite(s.file, { readonly: true });
    const audit = db.prepare("SELECT action, entity FROM audit WHERE action != 'audit.epoch'").all(); // the key epoch row (audit-key) aside
    db.close();
    expect(audit).toEqual([{ action: 'study.create', entity: 'study' }]);
  });

  it('refuses to create a study over an existing file', async () => {
    const { api } = testCore();
    await api('a').study.create({ title: 'Same' });
    await expect(api('b').study.create({ title: 'Same' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists/) });
  });

  it('reopens a study in another session and remembers recent studies, newest first', async () => {
    const { api } = testCore();
    const a = await api('s1').study.create({ title: 'First' });
    const b = await api('s1').study.create({ title: 'Second' });
    const reopened = await api('s2').study.open({ file: a.file });
    expect(reopened.studyId).toBe(a.studyId);
    const recent = await api('s3').study.recent();
    expect(recent.map((r) => r.title)).toEqual(['First', 'Second']);
    expect(recent.every((r) => r.exists)).toBe(true);
    const after = await api('s3').study.forgetRecent({ file: b.file });
    expect(after.map((r) => r.title)).toEqual(['First']);
  });

  it('keeps the recent list across restarts of the core (same data folder)', async () => {
    const { api, core } = testCore();
    await api('x').study.create({ title: 'Kept' });
    const { createCore } = await import('../../../electron/core/core');
    const again = createCore({ ...core.config });
    onTestFinished(() => again.close());
    expect(await coreClient(again, 'y').api.study.recent()).toMatchObject([{ title: 'Kept', exists: true }]);
  });

  it('sessions are independent: closing in one leaves the other open', async () => {
    const { api } = testCore();
    const s = await api('one').study.create({ title: 'Shared' });
    await api('two').study.open({ file: s.file });
    await api('one').study.close();
    expect(await api('one').study.current()).toBeNull();
    expect(await api('two').study.current()).toMatchObject({ studyId: s.studyId });
  });
});

describe('the router', () => {
  it('refuses unknown methods and names them', async () => {
    const { core } = testCore();
    const out = await core.router.call(core.sessions.get('x'), 'study.drop', {});
    expect(out).toEqual({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('"study.drop"') } });
    const proto = await core.router.call(core.sessions.get('x'), 'study.constructor', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('validates parameters with the contract schema and says what is wrong', async () => {
    const { core } = testCore();
    const out = await core.router.call(core.sessions.get('x'), 'study.create', { title: '', extra: 1 });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.code).toBe('bad_request');
      expect(out.error.message).toMatch(/Invalid arguments to study.create/);
      expect(out.error.message).toMatch(/title/);
    }
    const notObject = await core.router.call(core.sessions.get('x'), 'study.open', 'file.bmestudy');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('turns service failures into plain error objects with the file named', async () => {
    const { core, dir } = testCore();
    const missing = join(dir, 'nope.bmestudy');
    const out = await core.router.call(core.sessions.get('x'), 'study.open', { file: missing });
    expect(out).toEqual({ ok: false, error: { code: 'not_found', message: expect.stringContaining(missing) } });
  });
});
