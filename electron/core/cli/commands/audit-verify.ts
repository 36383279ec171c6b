import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyAuditChain } from '../../reliability/verify-audit';
import { CliError, jsonOption, requireString, type CliCommand } from '../command';
import { openSqlite } from '../../db/sqlite';
import { StudyKeyStore } from '../../audit-key/study-key-store';

/**
 * `bme audit verify --db FILE`: walks the audit trail's hash chain and names the first row that
 * is not as written. Read-only: the file (perhaps evidence) is not migrated or changed.
 */
export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: "check the study's append-only, hash-chained audit trail and name the first tampered row",
  options: { db: { type: 'string', description: 'the study file (opened read-only)', valueName: 'FILE' }, ...jsonOption },
  examples: ['bme audit verify --db spine.bmestudy'],
  run(values, _p, io) {
    const file = resolve(requireString(values, 'db'));
    if (!existsSync(file)) throw new CliError(`there is no study file at ${file}`);
    let db: Database.Database;
    try {
      db = openSqlite(file, { readonly: true, fileMustExist: true });
      db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit'").get();
    } catch (err) {
      throw new CliError(`${file} cannot be read as a study database (${(err as Error).message})`);
    }
    try {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get()) {
        throw new CliError(`${file} has no audit trail: it is not a BME Workstation study`);
      }
      const v = verifyAuditChain(db, undefined, new StudyKeyStore());
      if (values.json) io.json({ file, ...v });
      else if (v.firstTampered) {
        const t = v.firstTampered;
        io.out(`TAMPERED: ${file}: audit row ${t.id}${t.action ? ` (${t.action} at ${t.at})` : ''}: ${t.problem}.`);
        io.out(`${v.rows - 1} row(s) before it verify.${v.appendOnly ? '' : ' The append-only triggers are missing too.'}`);
      } else if (!v.appendOnly) {
        io.out(`TAMPERED: ${file}: the ${v.rows} rows chain correctly, but the triggers that make the audit trail append-only were removed or changed (${v.triggerProblems.join('; ')}).`);
      } else if (v.anchor && !v.anchor.ok) {
        io.out(`TAMPERED: ${file}: ${v.anchor.problem}`);
      } else {
        io.out(`OK: ${file}: ${v.rows} audit rows, hash chain intact${v.head ? ` (head: row ${v.head.id}, ${v.head.rowHash.slice(0, 16)}...)` : ''}; append-only triggers in place.`);
        if (v.authenticity === 'authentic') io.out("Authentic: every keyed row is signed with the study's key held on this machine" + (v.anchor ? ', and the trail holds the newest row this machine anchored.' : '.'));
        else if (v.authenticity === 'consistency_only') io.out("Consistency only: this machine does not hold the study's audit key, so who wrote the rows cannot be checked (bme audit key import).");
        else io.out('Unkeyed: the study has no audit key yet (it gets one when the app or a bme command next opens it); consistency only.');
      }
      return v.ok ? 0 : 1;
    } finally {
      db.close();
    }
  },
};
