import { describe, expect, it, vi } from 'vitest';
import { hashingStats, hashPassword, PRODUCTION_SCRYPT, verifyPassword } from '../../../electron/core/auth/password-hash';
import type { Account } from '../../../shared/model/people';
import type { StudySummary } from '../../../shared/model/study';
import { testCore } from '../../support/core';

/**
 * Sign-in against guessing: attempts are limited per account before any hashing, hashing is
 * queued (scrypt at N=2^17 takes 128 MiB each, so guesses must not run in parallel without bound),
 * failures are audited, and stored hashes move to the current parameters on sign-in.
 */

async function study() {
  const t = testCore();
  const s = (await t.api('coord').study.create({ title: 'Sign-in' })) as StudySummary;
  await t.api('coord').session.createFirstCoordinator({ username: 'chan', displayName: 'Dr Chan', password: 'coordinator-pw' });
  const reader = (await t.api('coord').accounts.create({ username: 'lee', displayName: 'Dr Lee', role: 'reader', password: 'reader-pw-1' })) as Account;
  await t.api('guess').study.open({ file: s.file });
  const audit = (action: string) => t.core.registry.get(s.file)!.db.prepare('SELECT actor_id AS actorId, entity_id AS entityId, details FROM audit WHERE action = ? ORDER BY id').all(action) as { actorId: number | null; entityId: string | null; details: string }[];
  return { ...t, file: s.file, reader, audit };
}

describe('sign-in attempts', () => {
  it('after 5 wrong passwords the account refuses even the right one for a while, without hashing; failures are audited', async () => {
    const { api, audit, reader } = await study();
    for (let i = 0; i < 5; i++) {
      await expect(api('guess').session.signIn({ username: 'lee', password: `guess-${i}` })).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    const hashed = hashingStats().completed;
    await expect(api('guess').session.signIn({ username: 'lee', password: 'reader-pw-1' })).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/Too many failed sign-ins .*lee.* try again in \d+ s/),
    });
    expect(hashingStats().completed, 'a refused attempt is not hashed').toBe(hashed);
    const failed = audit('session.sign_in_failed');
    expect(failed).toHaveLength(5);
    expect(failed.every((r) => r.entityId === String(reader.id) && r.actorId === null)).toBe(true);
    // A name nobody has is audited without the name (people type passwords into the wrong field).
    await expect(api('guess').session.signIn({ username: 'Tr0ub4dor&3', password: 'x' })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(audit('session.sign_in_failed').at(-1)!.details).not.toContain('Tr0ub4dor');
  });

  it('queues hashing: a burst of 60 guesses never runs more than 2 hashes at once and the rest are refused, not buffered', async () => {
    const { core } = await study();
    const session = core.sessions.get('guess');
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => core.router.call(session, 'session.signIn', { username: `user${i}`, password: 'wrong-password' })));
    expect(hashingStats().maxRunning).toBeLessThanOrEqual(2);
    const codes = outcomes.map((o) => (o.ok ? 'ok' : o.error.code));
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 'rate_limited' || c === 'unauthenticated')).toBe(true);
  });

  it('rehashes a hash with weaker parameters on sign-in', async () => {
    const { api, core, file, reader } = await study();
    const db = core.registry.get(file)!.db;
    const weak = await hashPassword('reader-pw-1', { N: 1024, r: 8, p: 1 });
    db.prepare('UPDATE account SET password_hash = ? WHERE id = ?').run(weak, reader.id);
    vi.stubEnv('BME_TEST_SCRYPT_N', '2048');
    try {
      await api('guess').session.signIn({ username: 'lee', password: 'reader-pw-1' });
    } finally {
      vi.unstubAllEnvs();
    }
    const stored = (db.prepare('SELECT password_hash AS h FROM account WHERE id = ?').get(reader.id) as { h: string }).h;
    expect(stored).toMatch(/^scrypt\$2048\$8\$1\$/);
  });
});

describe('the production scrypt parameters', () => {
  it('are N=2^17, r=8, p=1 (128 MiB, OWASP), written into the hash, and verify', async () => {
    expect(PRODUCTION_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const h = await hashPassword('a production password', PRODUCTION_SCRYPT);
    expect(h).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('a production password', h)).toBe(true);
    expect(await verifyPassword('another password', h)).toBe(false);
  });

  it('are what the app uses when no test override is set', async () => {
    vi.stubEnv('BME_TEST_SCRYPT_N', '');
    try {
      expect(await hashPassword('x')).toMatch(/^scrypt\$131072\$8\$1\$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
