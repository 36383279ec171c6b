import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { latestSchemaVersion, migrations } from '../../../electron/core/db/migrations';
import { openStudyDatabase } from '../../../electron/core/db/open-study-database';
import { migrateTo } from '../../support/migrate-to';
import { tempDir } from '../../support/temp';
import { openSqlite } from '../../../electron/core/db/sqlite';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function newStudyFile(dir: string): string {
  const file = join(dir, 's.bmestudy');
  const db = openStudyDatabase(file, { create: true });
  db.prepare("INSERT INTO study (id, study_id, title, created_at, created_by_app) VALUES (1, 'x', 'T', 'now', '0')").run();
  db.close();
  return file;
}

describe('opening a study database', () => {
  it('creates a file at the newest schema with WAL, synchronous=FULL and foreign keys on', () => {
    const db = openStudyDatabase(join(tempDir(), 'a.bmestudy'), { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a study written by a newer app, naming the file, and leaves it untouched', () => {
    const file = newStudyFile(tempDir());
    const raw = openSqlite(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    const before = sha(file);
    expect(() => openStudyDatabase(file)).toThrow(/newer version of BME Workstation.*schema \d+/);
    try {
      openStudyDatabase(file);
    } catch (e) {
      expect((e as { code: string }).code).toBe('study_too_new');
      expect((e as Error).message).toContain(file);
    }
    expect(sha(file)).toBe(before);
  });

  it('refuses a SQLite file that is not a study without migrating into it', () => {
    const file = join(tempDir(), 'other.sqlite');
    const raw = openSqlite(file);
    raw.exec('CREATE TABLE notes (x TEXT)');
    raw.close();
    expect(() => openStudyDatabase(file)).toThrow(/not a BME Workstation study/);
    const check = openSqlite(file);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'study'").get()).toBeUndefined();
    check.close();
  });

  it('refuses a file that is not a database, naming it', () => {
    const file = join(tempDir(), 'garbage.bmestudy');
    writeFileSync(file, 'this is not sqlite'.repeat(100));
    const before = sha(file);
    expect(() => openStudyDatabase(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a readable study database`));
    expect(sha(file)).toBe(before);
  });

  it('says so when the file does not exist', () => {
    expect(() => openStudyDatabase(join(tempDir(), 'missing.bmestudy'))).toThrow(/There is no study file at/);
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3 ... without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('run in one transaction: a failing step leaves the schema and user_version as they were', () => {
    const db = openSqlite(join(tempDir(), 'm.sqlite'));
    const broken = [...migrations, { version: migrations.length + 1, name: 'ok', up: 'CREATE TABLE fine (x)' }, { version: migrations.length + 2, name: 'bad', up: 'CREATE TABLE oops (' }];
    expect(() => migrate(db, 'm.sqlite', broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('call the backup hook before migrating, and not when nothing is pending', () => {
    const db = openSqlite(join(tempDir(), 'h.sqlite'));
    const calls: [number, number][] = [];
    migrate(db, 'h', migrations, { beforeMigrate: (a, b) => calls.push([a, b]) });
    migrate(db, 'h', migrations, { beforeMigrate: (a, b) => calls.push([a, b]) });
    expect(calls).toEqual([[0, latestSchemaVersion]]);
    db.close();
  });

  it('make the audit trail append-only', () => {
    const db = openStudyDatabase(join(tempDir(), 'a.bmestudy'), { create: true });
    db.prepare("INSERT INTO audit (at, action, entity, prev_hash, row_hash) VALUES ('t', 'x', 'y', 'p', 'r')").run();
    expect(() => db.prepare("UPDATE audit SET action = 'z'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
  });

  it('may be code: a function step runs in the same transaction and is rolled back with the rest', () => {
    const db = openSqlite(join(tempDir(), 'c.sqlite'));
    const base = migrations.length;
    const steps = [
      ...migrations,
      { version: base + 1, name: 'table', up: 'CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER)' },
      {
        version: base + 2,
        name: 'data step',
        up: (d: Database.Database) => {
          const put = d.prepare('INSERT INTO kv (k, v) VALUES (?, ?)');
          for (let i = 0; i < 5; i++) put.run(`k${i}`, i * i);
        },
      },
    ];
    expect(migrate(db, 'c.sqlite', steps)).toEqual({ from: 0, to: base + 2 });
    expect(db.prepare('SELECT SUM(v) AS s FROM kv').get()).toEqual({ s: 30 });

    const db2 = openSqlite(join(tempDir(), 'c2.sqlite'));
    const failing = [...steps.slice(0, -1), { version: base + 2, name: 'throws', up: () => { throw new Error('row 3 has no image'); } }];
    expect(() => migrate(db2, 'c2.sqlite', failing)).toThrow(/migration \d+ \(throws\) failed: row 3 has no image\. Nothing was changed/);
    expect(db2.pragma('user_version', { simple: true })).toBe(0);
    expect(db2.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    db.close();
    db2.close();
  });

  it('refuse to commit a step that leaves rows pointing at missing records', () => {
    const db = openSqlite(join(tempDir(), 'fk.sqlite'));
    db.pragma('foreign_keys = ON');
    migrateTo(db, latestSchemaVersion);
    const orphan = [...migrations, { version: latestSchemaVersion + 1, name: 'orphan', up: (d: Database.Database) => {
      d.pragma('defer_foreign_keys = ON');
      d.prepare("INSERT INTO imaging_study (patient_id, study_uid) VALUES (999, '1.2.3')").run();
    } }];
    expect(() => migrate(db, 'fk.sqlite', orphan)).toThrow(/pointing at missing records \(first: imaging_study/);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    db.close();
  });

  it('migrateTo stops at the version asked for, and step by step gives the same schema as all at once', () => {
    const stepwise = openSqlite(join(tempDir(), 's.sqlite'));
    for (let v = 1; v <= latestSchemaVersion; v++) {
      migrateTo(stepwise, v);
      expect(stepwise.pragma('user_version', { simple: true })).toBe(v);
    }
    const direct = openSqlite(join(tempDir(), 'd.sqlite'));
    migrateTo(direct, latestSchemaVersion);
    const schema = (d: Database.Database) => d.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all();
    expect(schema(stepwise)).toEqual(schema(direct));
    expect(() => migrateTo(direct, 2)).toThrow(/migrations only go forward/);
    expect(() => migrateTo(direct, latestSchemaVersion + 40)).toThrow(/no schema version/);
    stepwise.close();
    direct.close();
  });
});
