import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { latestSchemaVersion, migrations } from '../../../electron/core/db/migrations';
import { openStudyDatabase } from '../../../electron/core/db/open-study-database';
import { backupDir, checkStudyFile, listBackups } from '../../../electron/core/reliability/backup-files';
import { BackupScheduler } from '../../../electron/core/reliability/backup-scheduler';
import { takeBackup } from '../../../electron/core/reliability/backup-study';
import { restoreBackup } from '../../../electron/core/reliability/restore-backup';
import { StudyRegistry } from '../../../electron/core/study-registry';
import { testCore } from '../../support/core';
import { ROOT } from '../../support/host-process';
import { tempDir } from '../../support/temp';
import { auditCount, sha, smallStudy } from './helpers';
import { openSqlite } from '../../../electron/core/db/sqlite';

async function waitFor<T>(what: string, probe: () => T | null | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('rolling backups', () => {
  it("copy a study with SQLite's online backup, including what is still in the WAL, and keep the newest N", async () => {
    const file = smallStudy(tempDir(), 5);
    const db = openStudyDatabase(file);
    try {
      // Uncheckpointed changes live in the WAL only: the backup must carry them.
      db.prepare("INSERT INTO audit (at, action, entity, prev_hash, row_hash) VALUES ('t', 'wal.only', 'x', 'p', 'wal-row')").run();
      const taken = [];
      for (let i = 0; i < 4; i++) taken.push(await takeBackup(db, file, 'manual', { keep: 2 }));
      const kept = listBackups(file);
      expect(kept.map((b) => b.file)).toEqual([taken[3]!.file, taken[2]!.file]);
      for (const b of kept) {
        expect(checkStudyFile(b.file)).toEqual({ ok: true });
        expect(b.reason).toBe('manual');
        expect(auditCount(b.file)).toBe(auditCount(file));
      }
      // Kept as plain rollback-journal files: reading them leaves no -wal or -shm beside them.
      expect(readdirSync(backupDir(file)).filter((n) => !n.endsWith('.bmestudy'))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a backup killed half-way (SIGKILL during bme backup) leaves the previous backup valid and unchanged', async () => {
    const file = smallStudy(tempDir(), 5);
    // Enough pages that a copy of one page per step takes a while.
    const raw = openSqlite(file);
    raw.exec('CREATE TABLE filler (x BLOB)');
    const fill = raw.prepare('INSERT INTO filler VALUES (randomblob(3000))');
    raw.transaction(() => {
      for (let i = 0; i < 4000; i++) fill.run();
    })();
    raw.close();
    const db = openStudyDatabase(file);
    const previous = await takeBackup(db, file, 'manual');
    db.close();
    const before = sha(previous.file);

    const child = spawn(process.execPath, [join(ROOT, 'bin/bme.cjs'), 'backup', '--db', file, '--step-pages', '1', '--progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let progress = '';
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const killedAt = await new Promise<string>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        progress += d.toString();
        const lines = progress.split('\n').filter((l) => l.startsWith('copied '));
        if (lines.length >= 20 && child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          resolve(lines[lines.length - 1]!);
        }
      });
    });
    await new Promise((r) => child.on('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(out).not.toContain('Backed up');
    const [copied, total] = /copied (\d+) of (\d+)/.exec(killedAt)!.slice(1).map(Number) as [number, number];
    expect(copied).toBeLessThan(total);

    // The half-written copy never got a backup's name; the previous backup is as it was.
    expect(listBackups(file).map((b) => b.file)).toEqual([previous.file]);
    expect(sha(previous.file)).toBe(before);
    expect(checkStudyFile(previous.file)).toEqual({ ok: true });
    expect(readdirSync(backupDir(file)).some((n) => /\.tmp/.test(n))).toBe(true);

    // The next backup removes what the killed one left behind.
    const next = openStudyDatabase(file);
    await takeBackup(next, file, 'manual');
    next.close();
    expect(readdirSync(backupDir(file)).filter((n) => /\.tmp/.test(n))).toEqual([]);
    expect(listBackups(file)).toHaveLength(2);
  });

  it('are taken when the app opens a study, and periodically only while it changes', async () => {
    const file = smallStudy(tempDir(), 3);
    const { api, core } = testCore();
    await api('s1').study.open({ file });
    const study = core.registry.get(file)!;
    await waitFor('the backup at open', () => listBackups(file).find((b) => b.reason === 'open'));

    const scheduler = new BackupScheduler(study.db, file, { atOpen: false, intervalMinutes: 0.002, keep: 10 });
    try {
      scheduler.start();
      const first = await waitFor('a first periodic backup', () => listBackups(file).find((b) => b.reason === 'periodic'));
      // Several intervals without a change: no new backup.
      await new Promise((r) => setTimeout(r, 600));
      expect(listBackups(file).filter((b) => b.reason === 'periodic').map((b) => b.file)).toEqual([first.file]);
      study.tx(() => study.audit.append({ actorId: null, action: 'test.change', entity: 'note', entityId: 'x' }));
      const second = await waitFor('a periodic backup after a change', () => listBackups(file).find((b) => b.reason === 'periodic' && b.file !== first.file));
      expect(auditCount(second.file)).toBe(auditCount(first.file) + 1);
    } finally {
      scheduler.stop();
    }
  });

  it('are taken before a migration, holding the study as it was before it', () => {
    const dir = tempDir();
    const file = join(dir, 'old.bmestudy');
    const old = openSqlite(file);
    old.pragma('journal_mode = WAL');
    migrate(old, file, migrations.slice(0, 3));
    old.prepare("INSERT INTO study (id, study_id, title, created_at, created_by_app) VALUES (1, 'x', 'Old study', 'then', 'old app')").run();
    old.close();

    const db = openStudyDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    db.close();
    const [backup] = listBackups(file);
    expect(backup?.reason).toBe('pre-migration');
    const copy = openSqlite(backup!.file, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(3);
    copy.close();
    // A study opened at the newest schema takes none.
    openStudyDatabase(file).close();
    expect(listBackups(file)).toHaveLength(1);
  });
});

describe('restoring a backup', () => {
  it('puts the backup in place and keeps the current file aside, byte for byte', async () => {
    const file = smallStudy(tempDir(), 4);
    const db = openStudyDatabase(file);
    const backup = await takeBackup(db, file, 'manual');
    db.prepare("INSERT INTO study_setting (key, value, updated_at) VALUES ('after.backup', '1', 'now')").run();
    db.close();
    const current = sha(file);

    const result = restoreBackup(file, backup.file);
    expect(result.keptAside).toMatch(/\.before-restore-/);
    expect(sha(result.keptAside!)).toBe(current);
    const restored = openSqlite(file, { readonly: true });
    expect(restored.prepare("SELECT 1 FROM study_setting WHERE key = 'after.backup'").get()).toBeUndefined();
    restored.close();
    expect(existsSync(backup.file)).toBe(true);
  });

  it('is refused while another connection has the study open, and with a damaged backup', async () => {
    const file = smallStudy(tempDir(), 2);
    const registry = new StudyRegistry();
    const study = registry.acquire(file);
    const backup = await takeBackup(study.db, file, 'manual');
    const before = sha(file);
    try {
      expect(() => restoreBackup(file, backup.file)).toThrow(/is open in another program.*nothing was changed/);
    } finally {
      registry.closeAll();
    }
    expect(sha(file)).toBe(before);
    const bogus = join(tempDir(), 'not-a-backup.bmestudy');
    openSqlite(bogus).close();
    expect(() => restoreBackup(file, bogus)).toThrow(/is not a usable backup \(it has no study record\)/);
  });
});
