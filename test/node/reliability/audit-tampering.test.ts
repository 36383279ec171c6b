import type Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shaRowHash } from '../../../electron/core/audit-key/audit-row-hash';
import { StudyKeyStore } from '../../../electron/core/audit-key/study-key-store';
import type { AuditRow } from '../../../electron/core/db/repositories/audit-repository';
import { openSqlite } from '../../../electron/core/db/sqlite';
import { restoreBackup } from '../../../electron/core/reliability/restore-backup';
import { verifyAuditChain } from '../../../electron/core/reliability/verify-audit';
import { StudyRegistry } from '../../../electron/core/study-registry';
import { tempDir } from '../../support/temp';
import { smallStudy } from './helpers';

const TRIGGERS = `
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be changed'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be deleted'); END;`;

const rows = (db: Database.Database, fromId = 0): AuditRow[] =>
  db
    .prepare(`SELECT id, at, actor_id AS actorId, action, entity, entity_id AS entityId, before_hash AS beforeHash, after_hash AS afterHash,
              details, prev_hash AS prevHash, row_hash AS rowHash FROM audit WHERE id >= ? ORDER BY id`)
    .all(fromId) as AuditRow[];

/** Re-hashes every row from `fromId` to the head the only way someone without the key can: unkeyed. */
function rehashFrom(db: Database.Database, fromId: number): void {
  let prev = (db.prepare('SELECT row_hash AS h FROM audit WHERE id = ?').get(fromId - 1) as { h: string }).h;
  for (const r of rows(db, fromId)) {
    const h = shaRowHash({ ...r, prevHash: prev });
    db.prepare('UPDATE audit SET prev_hash = ?, row_hash = ? WHERE id = ?').run(prev, `${h}`, r.id);
    prev = h;
  }
}

/**
 * The study put back as it was (`pristine`), then tampered with by `sql` in place: the anchor of
 * this machine is per study file, and the tamperer edits the file the workstation opens.
 */
function tampered(file: string, pristine: string, sql: (db: Database.Database) => void): string {
  copyFileSync(pristine, file);
  const db = openSqlite(file);
  try {
    sql(db);
  } finally {
    db.close();
  }
  return file;
}

function verify(file: string) {
  const db = openSqlite(file, { readonly: true });
  try {
    return verifyAuditChain(db, undefined, new StudyKeyStore());
  } finally {
    db.close();
  }
}

const dropTriggers = (db: Database.Database) => db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');

describe('the keyed audit trail against someone who can write the study file but does not hold its key', () => {
  it('detects each tampering of the audit (issue 16) and INSERT OR REPLACE, and passes the untouched study', () => {
    const file = smallStudy(tempDir(), 120);
    const pristine = join(tempDir(), 'pristine.bmestudy');
    copyFileSync(file, pristine);
    expect(verify(file)).toMatchObject({ ok: true, authenticity: 'authentic', appendOnly: true, anchor: { ok: true }, rows: 122 });

    const refused = (sql: string) => {
      const copy = tampered(file, pristine, () => undefined);
      const c = openSqlite(copy);
      try {
        expect(() => c.exec(sql)).toThrow(/append-only/);
      } finally {
        c.close();
      }
      expect(verify(copy).ok).toBe(true);
    };
    refused("UPDATE audit SET details = '{}' WHERE id = 40");
    refused('DELETE FROM audit WHERE id = 40');
    const reader = openSqlite(file, { readonly: true });
    const forgedSame = rows(reader, 40)[0]!;
    reader.close();
    refused(`INSERT OR REPLACE INTO audit (id, at, actor_id, action, entity, entity_id, before_hash, after_hash, details, prev_hash, row_hash)
             VALUES (40, '${forgedSame.at}', NULL, 'test.note', 'note', '37', NULL, NULL, '{"i":-1}', '${forgedSame.prevHash}', 'f00d')`);
    refused(`REPLACE INTO audit (id, at, actor_id, action, entity, entity_id, details, prev_hash, row_hash) VALUES (41, 'x', NULL, 'a', 'b', NULL, '{}', 'p', 'q')`);

    const cases: [string, (db: Database.Database) => void, RegExp][] = [
      ['dropped triggers', dropTriggers, /./],
      ['a row edited, triggers dropped and recreated', (db) => { dropTriggers(db); db.exec(`UPDATE audit SET details = '{"i":999}' WHERE id = 50`); db.exec(TRIGGERS); }, /not signed with the study's key/],
      ['a middle row deleted, triggers dropped and recreated', (db) => { dropTriggers(db); db.exec('DELETE FROM audit WHERE id = 60'); db.exec(TRIGGERS); }, /rows 60 to 60 were deleted/],
      ['one row edited and re-hashed alone', (db) => { dropTriggers(db); const r = rows(db, 70)[0]!; const d = '{"i":-7}'; db.prepare('UPDATE audit SET details = ?, row_hash = ? WHERE id = 70').run(d, shaRowHash({ ...r, details: d })); db.exec(TRIGGERS); }, /not signed/],
      ['an edit re-hashed from that row to the head', (db) => { dropTriggers(db); db.exec(`UPDATE audit SET details = '{"i":-8}' WHERE id = 80`); rehashFrom(db, 80); db.exec(TRIGGERS); }, /not signed/],
      ['a middle row deleted, later ids shifted and re-hashed', (db) => { dropTriggers(db); db.exec('DELETE FROM audit WHERE id = 90; UPDATE audit SET id = id - 1 WHERE id > 90'); rehashFrom(db, 90); db.exec(TRIGGERS); }, /not signed/],
      ['the newest 50 rows cut', (db) => { dropTriggers(db); db.exec('DELETE FROM audit WHERE id > (SELECT max(id) - 50 FROM audit)'); db.exec(TRIGGERS); }, /./],
      ['a forged, correctly chained row appended', (db) => {
        const head = rows(db, 122)[0]!;
        const forged = { at: new Date().toISOString(), actorId: 1, action: 'read.save_slice', entity: 'slice_read', entityId: '1:x:1', beforeHash: null, afterHash: null, details: '{}', prevHash: head.rowHash };
        db.prepare(`INSERT INTO audit (id, at, actor_id, action, entity, entity_id, before_hash, after_hash, details, prev_hash, row_hash)
                    VALUES (123, @at, @actorId, @action, @entity, @entityId, @beforeHash, @afterHash, @details, @prevHash, @rowHash)`).run({ ...forged, rowHash: shaRowHash(forged) });
      }, /not signed/],
      ['triggers replaced by no-ops with the same names', (db) => {
        dropTriggers(db);
        db.exec('DROP TRIGGER audit_no_replace');
        db.exec(`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT 1; END;
                 CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END;
                 CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit BEGIN SELECT 1; END;`);
      }, /./],
    ];
    for (const [what, sql, problem] of cases) {
      const v = verify(tampered(file, pristine, sql));
      expect(v.ok, what).toBe(false);
      const said = [v.firstTampered?.problem ?? '', ...v.triggerProblems, v.anchor?.problem ?? ''].join(' ');
      expect(said, what).toMatch(problem);
      if (what.startsWith('the newest 50')) expect(v.anchor?.problem, what).toMatch(/ends before row 122/);
      if (what.startsWith('triggers replaced')) expect(v.triggerProblems, what).toContain('the trigger audit_no_update was replaced by other SQL');
    }
  });

  it('opens a study whose anchored newest rows were cut read-only, and a restored backup for work again', () => {
    const dir = tempDir();
    const file = smallStudy(dir, 20);
    const backup = join(dir, 'copy-before.bmestudy');
    copyFileSync(file, backup);
    const registry = new StudyRegistry();
    const s = registry.acquire(file);
    s.tx(() => s.audit.append({ actorId: null, action: 'test.note', entity: 'note', entityId: 'late' }));
    registry.closeAll();
    // The older copy put in place of the study by hand: its trail ends before the anchored row.
    copyFileSync(backup, file);
    const r2 = new StudyRegistry();
    const cut = r2.acquire(file);
    expect(() => cut.tx(() => cut.audit.append({ actorId: null, action: 'test.note', entity: 'note' }))).toThrow(/read-only/);
    r2.closeAll();
    expect(verify(file)).toMatchObject({ ok: false, anchor: { ok: false } });

    // A restore is the audited way back: recorded in the trail, the anchor moved to it.
    restoreBackup(file, backup);
    expect(verify(file)).toMatchObject({ ok: true, authenticity: 'authentic', anchor: { ok: true } });
    const r3 = new StudyRegistry();
    const back = r3.acquire(file);
    back.tx(() => back.audit.append({ actorId: null, action: 'test.note', entity: 'note', entityId: 'after restore' }));
    expect(back.audit.all().some((r) => r.action === 'study.restore')).toBe(true);
    r3.closeAll();
  });
});
