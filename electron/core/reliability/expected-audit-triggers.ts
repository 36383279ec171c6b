import type Database from 'better-sqlite3';
import { migration001 } from '../db/migrations/001_study_and_audit';
import { migration009 } from '../db/migrations/009_audit_guards';

const normal = (sql: string) => sql.replace(/\s+/g, ' ').trim().replace(/;$/, '');

/** The audit table's triggers as the migrations create them, by name (one definition: theirs). */
function expectedTriggers(version: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of [migration001, migration009]) {
    if (m.version > version || typeof m.up !== 'string') continue;
    for (const t of m.up.match(/CREATE TRIGGER[\s\S]*?\bEND;/g) ?? []) out.set(/CREATE TRIGGER (\w+)/.exec(t)![1]!, normal(t));
  }
  return out;
}

/**
 * What differs between the audit table's triggers and the ones the migrations made: a missing
 * one, one with other SQL (a no-op under the same name), an extra one. Empty when they match.
 */
export function auditTriggerProblems(db: Database.Database): string[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  const expected = expectedTriggers(version);
  const actual = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").all() as { name: string; sql: string }[];
  const problems: string[] = [];
  for (const [name, sql] of expected) {
    const found = actual.find((t) => t.name === name);
    if (!found) problems.push(`the trigger ${name} is missing`);
    else if (normal(found.sql) !== sql) problems.push(`the trigger ${name} was replaced by other SQL`);
  }
  for (const t of actual) if (!expected.has(t.name)) problems.push(`an unexpected trigger ${t.name} is on the audit table`);
  return problems;
}
