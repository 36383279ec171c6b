import { describe, expect, it } from 'vitest';
import { testCore } from '../../support/core';
import { openSqlite } from '../../../electron/core/db/sqlite';

async function studyWithCoordinator() {
  const t = testCore();
  const study = await t.api('coord').study.create({ title: 'Accounts' });
  await t.api('coord').session.createFirstCoordinator({ username: 'chan', displayName: 'Dr Chan', password: 'coordinator-pw' });
  return { ...t, study };
}

describe('accounts and sign-in', () => {
  it('a new study asks for its first coordinator, then never again', async () => {
    const t = testCore();
    await t.api('s').study.create({ title: 'Fresh' });
    expect(await t.api('s').session.status()).toEqual({ needsFirstCoordinator: true, user: null });
    const me = await t.api('s').session.createFirstCoordinator({ username: 'chan', displayName: 'Dr Chan', password: 'coordinator-pw' });
    expect(me).toMatchObject({ username: 'chan', role: 'coordinator', active: true });
    expect((await t.api('s').session.status()).user?.username).toBe('chan');
    await expect(t.api('s').session.createFirstCoordinator({ username: 'mallory', displayName: 'M', password: 'another-pw1' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('stores scrypt hashes, never the password', async () => {
    const { study } = await studyWithCoordinator();
    const db = openSqlite(study.file, { readonly: true });
    const row = db.prepare('SELECT password_hash AS h FROM account').get() as { h: string };
    db.close();
    expect(row.h).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.h).not.toContain('coordinator-pw');
  });

  it('signs in with the right password only, and refuses deactivated accounts', async () => {
    const { api, study } = await studyWithCoordinator();
    const reader = await api('coord').accounts.create({ username: 'lee', displayName: 'Dr Lee', role: 'reader', password: 'reader-pw-1' });
    await api('r').study.open({ file: study.file });
    await expect(api('r').session.signIn({ username: 'lee', password: 'wrong-password' })).rejects.toMatchObject({ code: 'unauthenticated', message: 'The user name or password is wrong.' });
    await expect(api('r').session.signIn({ username: 'nobody', password: 'wrong-password' })).rejects.toMatchObject({ message: 'The user name or password is wrong.' });
    expect(await api('r').session.signIn({ username: 'LEE', password: 'reader-pw-1' })).toMatchObject({ id: reader.id, role: 'reader' });
    await api('coord').accounts.setActive({ accountId: reader.id, active: false });
    await api('r2').study.open({ file: study.file });
    await expect(api('r2').session.signIn({ username: 'lee', password: 'reader-pw-1' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps readers out of coordinator methods, and everyone out before sign-in', async () => {
    const { api, study } = await studyWithCoordinator();
    await api('coord').accounts.create({ username: 'lee', displayName: 'Dr Lee', role: 'reader', password: 'reader-pw-1' });
    await api('r').study.open({ file: study.file });
    await expect(api('r').accounts.list()).rejects.toMatchObject({ code: 'unauthenticated' });
    await api('r').session.signIn({ username: 'lee', password: 'reader-pw-1' });
    const reader = api('r');
    for (const [method, attempt] of [
      ['accounts.list', () => reader.accounts.list()],
      ['accounts.create', () => reader.accounts.create({ username: 'x1', displayName: 'X', role: 'reader', password: 'whatever-1' })],
      ['imaging.importStart', () => reader.imaging.importStart({ paths: ['/tmp'] })],
      ['assignments.list', () => reader.assignments.list()],
      ['assignments.set', () => reader.assignments.set({ seriesId: 1, slot: 'reader1', accountId: 1 })],
    ] as const) {
      await expect(attempt(), method).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(api('nobody').session.status()).rejects.toMatchObject({ code: 'no_study' });
  });

  it('only admins create admins; coordinators create readers and coordinators', async () => {
    const { api } = await studyWithCoordinator();
    await expect(api('coord').accounts.create({ username: 'root', displayName: 'Root', role: 'admin', password: 'admin-pw-12' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(api('coord').accounts.create({ username: 'co2', displayName: 'Co 2', role: 'coordinator', password: 'coord-pw-12' })).resolves.toMatchObject({ role: 'coordinator' });
    await expect(api('coord').accounts.create({ username: 'CHAN', displayName: 'dup', role: 'reader', password: 'reader-pw-12' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('writes an audit row for every account change', async () => {
    const { api, study } = await studyWithCoordinator();
    const r = await api('coord').accounts.create({ username: 'lee', displayName: 'Dr Lee', role: 'reader', password: 'reader-pw-1' });
    await api('coord').accounts.setPassword({ accountId: r.id, password: 'reader-pw-2' });
    await api('coord').accounts.setActive({ accountId: r.id, active: false });
    const db = openSqlite(study.file, { readonly: true });
    const actions = (db.prepare("SELECT action FROM audit WHERE action != 'audit.epoch' ORDER BY id").all() as { action: string }[]).map((a) => a.action);
    db.close();
    expect(actions).toEqual(['study.create', 'account.create_first', 'account.create', 'account.set_password', 'account.deactivate']);
  });
});
