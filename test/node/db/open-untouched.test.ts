import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../electron/core/db/migrations';
import { openSqlite } from '../../../electron/core/db/sqlite';
import { takeBackup } from '../../../electron/core/reliability/backup-study';
import { StudyRegistry } from '../../../electron/core/study-registry';
import { testCore } from '../../support/core';
import { tempDir } from '../../support/temp';
import { smallStudy } from '../reliability/helpers';

/**
 * study.open says "it was left untouched" when it refuses a file: then not one byte of it, nor a
 * file beside it, may have changed. It looks at a file read-only until it knows it is a study it
 * can open; only then does it set WAL mode and migrate.
 */

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const beside = (file: string) => readdirSync(dirname(file)).filter((n) => n.startsWith(basename(file)) && n !== basename(file));

async function expectUntouched(file: string, code: string, words: RegExp): Promise<void> {
  const before = sha(file);
  const besideBefore = beside(file);
  const { api } = testCore();
  await expect(api('s').study.open({ file })).rejects.toMatchObject({ code, message: expect.stringMatching(words) });
  expect(sha(file), 'the file changed').toBe(before);
  expect(beside(file), 'files appeared beside it').toEqual(besideBefore);
}

/** A SQLite database in rollback-journal mode (as other programs and backups leave them). */
function plainDatabase(file: string, setup: string): string {
  const db = openSqlite(file);
  db.pragma('journal_mode = DELETE');
  db.exec(setup);
  db.close();
  return file;
}

describe('study.open on a file that it refuses', () => {
  it('leaves a 0-byte file as it is', async () => {
    const file = join(tempDir(), 'empty.bmestudy');
    writeFileSync(file, '');
    await expectUntouched(file, 'invalid_file', /not a BME Workstation study|not a readable study/);
  });

  it('leaves a SQLite database that is not a study in its journal mode, byte for byte', async () => {
    const file = plainDatabase(join(tempDir(), 'other.bmestudy'), 'CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)');
    await expectUntouched(file, 'invalid_file', /not a BME Workstation study.*left untouched/);
  });

  it('leaves a WAL database that is not a study without -wal or -shm beside it', async () => {
    const file = join(tempDir(), 'wal-other.bmestudy');
    const db = openSqlite(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE notes (x TEXT)');
    db.close();
    await expectUntouched(file, 'invalid_file', /not a BME Workstation study/);
  });

  it('leaves a study written by a newer app, in rollback-journal mode, byte for byte', async () => {
    const file = smallStudy(tempDir(), 1);
    const db = openSqlite(file);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${latestSchemaVersion + 3}`);
    db.close();
    await expectUntouched(file, 'study_too_new', /newer version of BME Workstation/);
  });

  it('does not open a backup as a study: it says how to restore it, and leaves it as it is', async () => {
    const file = smallStudy(tempDir(), 1);
    const registry = new StudyRegistry();
    const backup = await takeBackup(registry.acquire(file).db, file, 'manual');
    registry.closeAll();
    await expectUntouched(backup.file, 'invalid_file', /is a backup of .*bme restore/);
  });

  it('still opens a real study (and then sets WAL mode)', async () => {
    const file = smallStudy(tempDir(), 1);
    const { api } = testCore();
    await expect(api('s').study.open({ file })).resolves.toMatchObject({ title: 'Reliability test' });
  });
});
