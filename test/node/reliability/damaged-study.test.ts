import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contracts/errors';
import { openStudyDatabase } from '../../../electron/core/db/open-study-database';
import { listBackups } from '../../../electron/core/reliability/backup-files';
import { takeBackup } from '../../../electron/core/reliability/backup-study';
import type { DamagedStudyDetails } from '../../../electron/core/reliability/damaged-study';
import { restoreBackup } from '../../../electron/core/reliability/restore-backup';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { tempDir } from '../../support/temp';
import { auditCount, sha, smallStudy } from './helpers';
import { openSqlite } from '../../../electron/core/db/sqlite';

/** Overwrites pages 2 .. n-1 of a closed SQLite file with a pattern, keeping its header intact. */
function damage(file: string): void {
  const db = openSqlite(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  const junk = Buffer.alloc(pageSize, 0xa5);
  for (let p = 1; p < pages - 1; p += 2) writeSync(fd, junk, 0, pageSize, p * pageSize);
  closeSync(fd);
}

async function studyWithBackup(): Promise<{ file: string; backup: string; rows: number }> {
  const file = smallStudy(tempDir(), 300);
  const db = openStudyDatabase(file);
  const backup = await takeBackup(db, file, 'manual');
  db.close();
  return { file, backup: backup.file, rows: auditCount(backup.file) };
}

describe('a damaged study database', () => {
  it('is moved aside, never deleted; the error says so and offers the newest good backup, which restores', async () => {
    const { file, backup, rows } = await studyWithBackup();
    damage(file);
    const damagedBytes = sha(file);

    let error: AppError | null = null;
    try {
      openStudyDatabase(file).close();
    } catch (e) {
      error = e as AppError;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error!.code).toBe('invalid_file');
    expect(error!.message).toContain(`The study database ${file} is damaged`);
    expect(error!.message).toContain('It was not deleted: it was moved aside to');
    expect(error!.message).toContain(`The newest good backup is ${backup}`);
    expect(error!.message).toContain(`bme restore --db "${file}" --from "${backup}"`);
    const details = error!.details as DamagedStudyDetails;
    expect(details.backups.map((b) => b.file)).toEqual([backup]);
    expect(existsSync(file)).toBe(false);
    expect(details.movedTo).toMatch(/\.damaged-\d{4}-\d{2}-\d{2}T/);
    expect(sha(details.movedTo!)).toBe(damagedBytes);

    const restored = restoreBackup(file, details.backups[0]!.file);
    expect(restored.keptAside).toBeNull();
    // Every row of the backup, and the restore's own signed row (see restore-backup.ts).
    expect(auditCount(file)).toBe(rows + 1);
    expect(sha(details.movedTo!)).toBe(damagedBytes);
  });

  it('reaches a client of the contract as invalid_file with the backups in its details', async () => {
    const { file, backup } = await studyWithBackup();
    damage(file);
    const { api } = testCore();
    const refusal = await api('s').study.open({ file }).catch((e: unknown) => e as { code: string; message: string; details: DamagedStudyDetails });
    expect(refusal).toMatchObject({ code: 'invalid_file' });
    const r = refusal as { message: string; details: DamagedStudyDetails };
    expect(r.message).toMatch(/is damaged .* moved aside .* newest good backup/s);
    expect(r.details.backups[0]!.file).toBe(backup);
    expect(existsSync(r.details.movedTo!)).toBe(true);
  });

  it('says when there is no backup, and a backup that is itself damaged is not offered', async () => {
    const { file, backup } = await studyWithBackup();
    damage(backup);
    damage(file);
    expect(() => openStudyDatabase(file)).toThrow(/No backup of this study was found in .*keep the damaged file/);
    expect(listBackups(file).map((b) => b.file)).toEqual([backup]);
  });

  it('a file that is not SQLite at all is left where it is, untouched', () => {
    const file = `${tempDir()}/notes.bmestudy`;
    const fd = openSync(file, 'w');
    writeSync(fd, Buffer.from('these are my notes, not a database\n'.repeat(200)));
    closeSync(fd);
    const before = readFileSync(file);
    expect(() => openStudyDatabase(file)).toThrow(/is not a readable study database .* It was left untouched/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('backups through the contract (what the app offers)', () => {
  it('a damaged study: the refusal lists the backups, backups.restore puts the newest good one back, and it opens', async () => {
    const { file, backup, rows } = await studyWithBackup();
    damage(file);
    const { api } = testCore();
    const refusal = (await api('s').study.open({ file }).catch((e: unknown) => e)) as { code: string; details: DamagedStudyDetails };
    expect(refusal.code).toBe('invalid_file');
    const listed = await api('s').backups.list({ file });
    expect(listed.backups).toEqual([expect.objectContaining({ file: backup, good: true })]);

    await expect(api('s').backups.restore({ file, from: refusal.details.movedTo! })).rejects.toMatchObject({ code: 'not_found' });
    const restored = await api('s').backups.restore({ file, from: listed.backups[0]!.file });
    expect(restored.keptAside).toBeNull();
    await api('s').study.open({ file });
    // Every row of the backup, and the restore's own signed row (see restore-backup.ts).
    expect(auditCount(file)).toBe(rows + 1);
    // Open now: not replaced from a window, whoever asks.
    await expect(api('s').backups.restore({ file, from: backup })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('is open in this app') });
  });

  it('a study that opens normally is not rolled back from a window; a coordinator can back it up now', async () => {
    const file = await demoStudyCopy(1, 7);
    const { api } = testCore();
    await api('c').study.open({ file });
    await expect(api('c').backups.now()).rejects.toMatchObject({ code: 'unauthenticated' });
    await api('c').session.signIn({ username: 'coordinator', password: 'coordinator-demo' });
    const taken = await api('c').backups.now();
    expect(taken).toMatchObject({ good: true, reason: 'manual' });
    await api('c').study.close();
    await expect(api('c').backups.restore({ file, from: taken.file })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('opens normally') });
  });
});
