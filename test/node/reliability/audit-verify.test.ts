import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditVerifyCommand } from '../../../electron/core/cli/commands/audit-verify';
import { auditRowHash, type AuditRow } from '../../../electron/core/db/repositories/audit-repository';
import { ROOT } from '../../support/host-process';
import { tempDir } from '../../support/temp';
import { runCommand, smallStudy } from './helpers';
import { openSqlite } from '../../../electron/core/db/sqlite';

/** A copy of the study, tampered with the way someone with the file and sqlite3 would: drop the triggers first. */
function tamperedCopy(file: string, sql: (db: Database.Database) => void): string {
  const copy = join(tempDir(), 'tampered.bmestudy');
  copyFileSync(file, copy);
  const db = openSqlite(copy);
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  sql(db);
  db.close();
  return copy;
}

function rowOf(db: Database.Database, id: number): AuditRow {
  return db
    .prepare(
      `SELECT id, at, actor_id AS actorId, action, entity, entity_id AS entityId, before_hash AS beforeHash, after_hash AS afterHash,
              details, prev_hash AS prevHash, row_hash AS rowHash FROM audit WHERE id = ?`,
    )
    .get(id) as AuditRow;
}

describe('bme audit verify', () => {
  it('passes an untouched study and names the first tampered row of an edited copy (exit code 1)', () => {
    const file = smallStudy(tempDir(), 60);
    const ok = execFileSync(process.execPath, [join(ROOT, 'bin/bme.cjs'), 'audit', 'verify', '--db', file], { encoding: 'utf8' });
    expect(ok).toMatch(/^OK: .* 62 audit rows, hash chain intact .* append-only triggers in place\./);

    const copy = tamperedCopy(file, (db) => db.prepare(`UPDATE audit SET details = '{"i":999}' WHERE id IN (43, 50)`).run());
    let out = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [join(ROOT, 'bin/bme.cjs'), 'audit', 'verify', '--db', copy], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
      status = (e as { status: number }).status;
    }
    expect(status).toBe(1);
    expect(out).toContain(`TAMPERED: ${copy}: audit row 43 (test.note at `);
    expect(out).toContain('it is not signed with the study\'s key');
    expect(out).toContain('42 row(s) before it verify. The append-only triggers are missing too.');
  });

  it('finds deleted rows, a row re-hashed to hide an edit, and dropped triggers alone', async () => {
    const file = smallStudy(tempDir(), 30);
    const deleted = tamperedCopy(file, (db) => db.prepare('DELETE FROM audit WHERE id IN (10, 11)').run());
    const d = await runCommand(auditVerifyCommand, { db: deleted, json: true });
    expect(d.code).toBe(1);
    expect(d.json).toMatchObject({ ok: false, appendOnly: false, firstTampered: { id: 12, problem: expect.stringContaining('rows 10 to 11 were deleted') } });

    const rehashed = tamperedCopy(file, (db) => {
      const r = { ...rowOf(db, 20), details: '{"i":-1}' };
      db.prepare('UPDATE audit SET details = ?, row_hash = ? WHERE id = 20').run(r.details, auditRowHash(r));
    });
    const h = await runCommand(auditVerifyCommand, { db: rehashed, json: true });
    expect(h.json).toMatchObject({ ok: false, firstTampered: { id: 20, problem: expect.stringContaining('not signed with the study\'s key') } });

    const triggersOnly = tamperedCopy(file, () => undefined);
    const t = await runCommand(auditVerifyCommand, { db: triggersOnly });
    expect(t.code).toBe(1);
    expect(t.out).toContain('the 32 rows chain correctly, but the triggers that make the audit trail append-only were removed');

    const clean = await runCommand(auditVerifyCommand, { db: file, json: true });
    expect(clean).toMatchObject({ code: 0, json: { ok: true, rows: 32, appendOnly: true, firstTampered: null, authenticity: 'authentic', anchor: { ok: true } } });
  });

  it('refuses a missing file and a database without an audit trail in words', async () => {
    const dir = tempDir();
    await expect(runCommand(auditVerifyCommand, { db: join(dir, 'none.bmestudy') })).rejects.toThrow(/there is no study file at/);
    const other = join(dir, 'other.sqlite');
    openSqlite(other).exec('CREATE TABLE t (x)');
    await expect(runCommand(auditVerifyCommand, { db: other })).rejects.toThrow(/has no audit trail: it is not a BME Workstation study/);
  });
});
