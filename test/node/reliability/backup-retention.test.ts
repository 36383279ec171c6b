import { copyFileSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStudyDatabase } from '../../../electron/core/db/open-study-database';
import { backupDir, fileTimestamp, listBackups, type BackupInfo } from '../../../electron/core/reliability/backup-files';
import { DEFAULT_RETENTION, isoWeek, selectBackups } from '../../../electron/core/reliability/backup-retention';
import { diskFullForBackup, takeBackup } from '../../../electron/core/reliability/backup-study';
import { StudyRegistry } from '../../../electron/core/study-registry';
import type { BackupEntry } from '../../../shared/contracts/backups';
import { testCore } from '../../support/core';
import { tempDir } from '../../support/temp';
import { smallStudy } from './helpers';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A backup every 30 minutes for 40 days, newest first, 1 MB each. */
function halfHourly(now = Date.parse('2026-12-10T12:00:00Z')): BackupInfo[] {
  return Array.from({ length: 40 * 48 }, (_, i) => {
    const takenAt = new Date(now - i * 30 * 60_000).toISOString();
    return { file: `/b/s.${takenAt}.periodic.bmestudy`, takenAt, reason: 'periodic' as const, bytes: 1 << 20 };
  });
}

describe('backups kept by age', () => {
  it('keep the newest 3, one per hour for 24 hours, per day for 7 days, per week for 4 weeks', () => {
    const all = halfHourly();
    const { keep, remove } = selectBackups(all);
    expect(keep.length + remove.length).toBe(all.length);
    const hours = new Set(keep.map((b) => b.takenAt.slice(0, 13)));
    for (let h = 0; h < 24; h++) expect(hours.has(new Date(Date.parse(all[0]!.takenAt) - h * 3600_000).toISOString().slice(0, 13))).toBe(true);
    const days = new Set(keep.map((b) => b.takenAt.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(7);
    expect(new Set(keep.map((b) => isoWeek(b.takenAt))).size).toBeGreaterThanOrEqual(4);
    expect(keep.length).toBeLessThanOrEqual(3 + 24 + 7 + 4);
    // Four ISO weeks: this one and the three before it.
    expect(Date.parse(all[0]!.takenAt) - Date.parse(keep.at(-1)!.takenAt)).toBeGreaterThan(14 * 86_400_000);
  });

  it('stay within the disk budget, dropping the oldest first and never the newest', () => {
    const all = halfHourly();
    const { keep } = selectBackups(all, { ...DEFAULT_RETENTION, budgetBytes: 10 << 20 });
    expect(keep.reduce((n, b) => n + b.bytes, 0)).toBeLessThanOrEqual(10 << 20);
    expect(keep[0]).toBe(all[0]);
    expect(selectBackups(all, { ...DEFAULT_RETENTION, budgetBytes: 1 }).keep).toEqual([all[0]]);
  });

  it('a burst of backups within one hour replaces only that hour’s', () => {
    const older = halfHourly().slice(10);
    const burst = Array.from({ length: 50 }, (_, i) => {
      const takenAt = new Date(Date.parse('2026-12-10T12:59:00Z') - i * 1000).toISOString();
      return { file: `/b/s.${takenAt}.open.bmestudy`, takenAt, reason: 'open' as const, bytes: 1 << 20 };
    });
    const before = new Set(selectBackups(older).keep);
    const after = selectBackups([...burst, ...older]).keep;
    // Every day and week kept before is still kept (at most the oldest hourly slots move on).
    for (const b of before) if (!b.takenAt.startsWith('2026-12-10') && !b.takenAt.startsWith('2026-12-09')) expect(after).toContain(b);
  });

  it('say plainly when the disk is full: which disk, the study unchanged, the newest backup, what to do', async () => {
    const file = smallStudy(tempDir(), 1);
    const db = openStudyDatabase(file);
    const last = await takeBackup(db, file, 'manual');
    db.close();
    const e = diskFullForBackup(file, backupDir(file), Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(e.code).toBe('io');
    expect(e.message).toContain(`The disk holding the backups of ${file} (${backupDir(file)}) is full`);
    expect(e.message).toContain('The study itself is unchanged.');
    expect(e.message).toContain(`The newest backup is from ${last.takenAt}`);
    expect(e.message).toMatch(/Free some space on that disk/);
  });
});

describe('opening a study', () => {
  it('11 opens and closes without a change (no sign-in needed) take no backup and delete none', async () => {
    const file = smallStudy(tempDir(), 2);
    const db = openStudyDatabase(file);
    const newest = await takeBackup(db, file, 'manual');
    db.close();
    // Backups of yesterday, last week and three weeks ago (same content: the study has not changed).
    for (const daysAgo of [1, 2, 7, 21]) {
      const at = fileTimestamp(new Date(Date.now() - daysAgo * 86_400_000));
      copyFileSync(newest.file, join(backupDir(file), `small.${at}.periodic.bmestudy`));
    }
    const before = listBackups(file).map((b) => b.file);
    expect(before).toHaveLength(5);
    const { api } = testCore();
    for (let i = 0; i < 11; i++) {
      await api('anyone').study.open({ file });
      await pause(150); // time for a backup at open, were one taken
      await api('anyone').study.close();
    }
    expect(listBackups(file).map((b) => b.file)).toEqual(before);
  });

  it('an open after a change takes one', async () => {
    const file = smallStudy(tempDir(), 2);
    const db = openStudyDatabase(file);
    await takeBackup(db, file, 'manual');
    db.close();
    const registry = new StudyRegistry();
    const s = registry.acquire(file);
    s.tx(() => s.audit.append({ actorId: null, action: 'test.change', entity: 'note', entityId: 'after' }));
    registry.closeAll();
    const { api } = testCore();
    await api('anyone').study.open({ file });
    const end = Date.now() + 10_000;
    while (!listBackups(file).some((b) => b.reason === 'open') && Date.now() < end) await pause(50);
    expect(listBackups(file).map((b) => b.reason)).toContain('open');
  });
});

describe('the second location', () => {
  it('gets a checked copy of every backup, and a study whose disk lost the study and its backups is restored from it', async () => {
    const file = smallStudy(tempDir(), 2);
    const second = join(tempDir('bme-second-'), 'share', 'backups');
    const { api, core } = testCore();
    await api('c').study.open({ file });
    const end = Date.now() + 10_000;
    while (!listBackups(file).some((b) => b.reason === 'open') && Date.now() < end) await pause(50); // the backup at open
    await api('c').session.createFirstCoordinator({ username: 'chan', displayName: 'Dr Chan', password: 'coordinator-pw' });
    await expect(api('c').backups.setSecondLocation({ folder: 'relative/path' })).rejects.toMatchObject({ code: 'bad_request' });
    const set = (await api('c').backups.setSecondLocation({ folder: second })) as { folder: string; sameDiskAsStudy: boolean };
    expect(set.folder).toBe(second);
    expect(set.sameDiskAsStudy).toBe(true); // temporary folders share one disk here; the answer says so
    const audit = core.registry.get(file)!.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'backups.set_second_location'").get() as { n: number };
    expect(audit.n).toBe(1);

    await api('c').accounts.create({ username: 'lee', displayName: 'Dr Lee', role: 'reader', password: 'reader-pw-1' });
    const now = (await api('c').backups.now()) as BackupEntry & { secondCopy: { file: string; ok: boolean; problem: string | null } };
    expect(now.secondCopy).toMatchObject({ ok: true, problem: null });
    expect(now.secondCopy.file.startsWith(second)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(now.secondCopy.file).mode & 0o777).toBe(0o600);
    await api('c').study.close();

    // The disk of the study fails: the study is garbage and its backup folder is gone.
    writeFileSync(file, Buffer.alloc(statSync(file).size, 0x5a));
    rmSync(backupDir(file), { recursive: true, force: true });
    const listed = (await api('c').backups.list({ file })) as { secondFolder: string; backups: BackupEntry[] };
    expect(listed.secondFolder).toBe(second);
    const fromSecond = listed.backups.find((b) => b.location === 'second' && b.good);
    expect(fromSecond?.file).toBe(now.secondCopy.file);
    await api('c').backups.restore({ file, from: fromSecond!.file });
    await api('c').study.open({ file });
    await api('c').session.signIn({ username: 'lee', password: 'reader-pw-1' });
    expect(existsSync(now.secondCopy.file)).toBe(true);
    expect(readdirSync(second).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
