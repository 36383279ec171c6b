import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost } from '../../../electron/host/web-host';
import { decodeMessage, encodeMessage, type HostMessage } from '../../../shared/contracts/wire';
import type { Account } from '../../../shared/model/people';
import type { StudySummary } from '../../../shared/model/study';
import { testCore } from '../../support/core';
import { ROOT } from '../../support/host-process';

/** Sessions end when they should: deactivation, a new password, idleness; and the host names them. */

async function studyWithReader() {
  const t = testCore();
  const study = (await t.api('coord').study.create({ title: 'Sessions' })) as StudySummary;
  const coordinator = (await t.api('coord').session.createFirstCoordinator({ username: 'chan', displayName: 'Dr Chan', password: 'coordinator-pw' })) as Account;
  const reader = (await t.api('coord').accounts.create({ username: 'lee', displayName: 'Dr Lee', role: 'reader', password: 'reader-pw-1' })) as Account;
  for (const tab of ['lee-tab1', 'lee-tab2']) {
    await t.api(tab).study.open({ file: study.file });
    await t.api(tab).session.signIn({ username: 'lee', password: 'reader-pw-1' });
  }
  return { ...t, study, coordinator, reader };
}

describe('open sessions of an account', () => {
  it('end when the account is deactivated', async () => {
    const { api, reader } = await studyWithReader();
    await api('coord').accounts.setActive({ accountId: reader.id, active: false });
    for (const tab of ['lee-tab1', 'lee-tab2']) {
      await expect(api(tab).reading.worklist(), tab).rejects.toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('end when a coordinator sets a new password', async () => {
    const { api, reader } = await studyWithReader();
    await api('coord').accounts.setPassword({ accountId: reader.id, password: 'new-reader-pw-2' });
    await expect(api('lee-tab1').reading.worklist()).rejects.toMatchObject({ code: 'unauthenticated' });
    await api('lee-tab1').session.signIn({ username: 'lee', password: 'new-reader-pw-2' });
    expect(await api('lee-tab1').reading.worklist()).toEqual([]);
  });

  it('changing one’s own password needs the old one, and ends one’s other sessions but not this one', async () => {
    const { api, reader } = await studyWithReader();
    await expect(api('lee-tab1').accounts.setPassword({ accountId: reader.id, password: 'new-reader-pw-2' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(api('lee-tab1').accounts.setPassword({ accountId: reader.id, password: 'new-reader-pw-2', currentPassword: 'wrong-pw' })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await api('lee-tab1').accounts.setPassword({ accountId: reader.id, password: 'new-reader-pw-2', currentPassword: 'reader-pw-1' })).toEqual({ changed: true });
    expect(await api('lee-tab1').reading.worklist()).toEqual([]);
    await expect(api('lee-tab2').reading.worklist()).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('the idle timeout', () => {
  it('is set by the coordinator (audited) and signs out a session idle for longer', async () => {
    const { core, api, study } = await studyWithReader();
    await expect(api('lee-tab1').accounts.setSessionPolicy({ idleMinutes: 5 })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await api('coord').accounts.setSessionPolicy({ idleMinutes: 15 })).toEqual({ idleMinutes: 15 });
    expect(await api('coord').accounts.sessionPolicy()).toEqual({ idleMinutes: 15 });
    const audit = core.registry.get(study.file)!.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'session.set_policy'").get() as { n: number };
    expect(audit.n).toBe(1);

    const tab1 = core.sessions.get('lee-tab1');
    tab1.lastActiveAt = Date.now() - 14 * 60_000;
    expect(await api('lee-tab1').reading.worklist()).toEqual([]); // 14 minutes: still signed in
    tab1.lastActiveAt = Date.now() - 16 * 60_000;
    await expect(api('lee-tab1').reading.worklist()).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/15 minutes without activity/) });
    expect(await api('lee-tab2').reading.worklist()).toEqual([]); // the other tab was active
  });
});

describe('session ids on the Node host', () => {
  it('are issued by the host: a chosen id is not taken, an issued one resumes the same session', async () => {
    const { core } = testCore();
    const host = await startWebHost({ core, rendererDir: join(ROOT, 'dist', 'renderer') });
    try {
      const connect = async (session?: string) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}${session ? `&session=${session}` : ''}`);
        const first = await new Promise<HostMessage>((resolve, reject) => {
          ws.once('message', (d) => resolve(decodeMessage(d.toString()) as HostMessage));
          ws.once('error', reject);
        });
        return { ws, first };
      };
      // A victim's tab, and an attacker who plants an id of their choosing.
      const planted = 'attacker-chose-this-id';
      const a = await connect(planted);
      expect(a.first.t).toBe('session');
      const issued = (a.first as { id: string }).id;
      expect(issued).not.toBe(planted);
      expect(issued).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(core.sessions.find(planted)).toBeNull();
      a.ws.send(encodeMessage({ t: 'call', id: 1, method: 'study.create', params: { title: 'Resume me' } }));
      await new Promise((r) => a.ws.once('message', r));
      a.ws.close();
      // A reload presents the issued id again: same session, same open study.
      const b = await connect(issued);
      expect(b.first).toEqual({ t: 'session', id: issued });
      b.ws.send(encodeMessage({ t: 'call', id: 2, method: 'study.current', params: {} }));
      const current = (await new Promise<HostMessage>((r) => b.ws.once('message', (d) => r(decodeMessage(d.toString()) as HostMessage)))) as { result: { title: string } };
      expect(current.result.title).toBe('Resume me');
      b.ws.close();
    } finally {
      await host.close();
    }
  });
});
