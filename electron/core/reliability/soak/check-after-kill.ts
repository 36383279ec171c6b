import Database from 'better-sqlite3';
import { sliceReadHash } from '../../../../shared/model/slice-read-hash';
import { checkStudyFile, listBackups } from '../backup-files';
import { verifyAuditChain } from '../verify-audit';
import type { SoakLine } from './soak-protocol';
import { openSqlite } from '../../db/sqlite';

/** What the parent carries from one kill to the next. */
export interface SoakLedger {
  /** The last audit row verified (the chain is checked incrementally from it). */
  head: { id: number; rowHash: string } | null;
  /** The newest backup already checked. */
  lastBackupChecked: string | null;
}

/** What one kill's check found. Every count but the first three must be 0. */
export interface KillCheck {
  confirmed: number;
  /** The save in flight at the kill was committed (its confirmation never printed): allowed. */
  inFlightCommitted: boolean;
  backupsChecked: number;
  /** Confirmed saves missing from the audit trail or the database. */
  lost: number;
  integrityFailures: number;
  /** Slice rows whose content is not what their newest audit row says, or audit rows no one began. */
  halfWritten: number;
  auditChainFailures: number;
  badBackups: number;
  /** Human-readable findings, for the report. */
  problems: string[];
}

const UNREAD_HASH = sliceReadHash('unread', null);

/** Pairs each `ok` line with the `begin` before it; a trailing `begin` is the save in flight. */
export function savesOf(lines: SoakLine[]): { confirmed: { entity: string; hash: string }[]; inFlight: { entity: string; hash: string } | null } {
  const confirmed: { entity: string; hash: string }[] = [];
  let pending: { entity: string; hash: string } | null = null;
  for (const l of lines) {
    if (l.kind === 'begin') pending = { entity: `${l.assignmentId}:${l.image}`, hash: l.afterHash };
    else if (l.kind === 'ok' && pending) {
      confirmed.push({ entity: pending.entity, hash: l.hash });
      pending = null;
    }
  }
  return { confirmed, inFlight: pending };
}

/**
 * Checks the study after a SIGKILL, reading it as the next process would find it (read-only, the
 * WAL left as the kill left it):
 * 1. `PRAGMA integrity_check` is ok;
 * 2. the audit rows of saves written since the last check are exactly the confirmed saves, in
 *    order, plus at most the one save in flight: none lost, none invented;
 * 3. every slice row equals what its newest audit row says it became, and every slice whose
 *    newest audit row says 'unread' has no row: no change without its audit row or the reverse;
 * 4. the audit hash chain verifies from the last checked row, and its triggers are in place;
 * 5. the newest backup, if new, is a complete study.
 */
export function checkAfterKill(file: string, lines: SoakLine[], ledger: SoakLedger): KillCheck {
  const out: KillCheck = {
    confirmed: 0,
    inFlightCommitted: false,
    backupsChecked: 0,
    lost: 0,
    integrityFailures: 0,
    halfWritten: 0,
    auditChainFailures: 0,
    badBackups: 0,
    problems: [],
  };
  const { confirmed, inFlight } = savesOf(lines);
  out.confirmed = confirmed.length;
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      out.integrityFailures++;
      out.problems.push(`integrity_check: ${String(integrity)}`);
    }

    const fresh = db
      .prepare("SELECT entity_id AS entity, after_hash AS hash FROM audit WHERE id > ? AND action = 'read.save_slice' ORDER BY id")
      .all(ledger.head?.id ?? 0) as { entity: string; hash: string }[];
    let matched = 0;
    while (matched < confirmed.length && matched < fresh.length && sameSave(fresh[matched]!, confirmed[matched]!)) matched++;
    out.lost = confirmed.length - matched;
    if (out.lost > 0) out.problems.push(`${out.lost} confirmed save(s) missing, first ${confirmed[matched]!.entity} -> ${confirmed[matched]!.hash}`);
    const extra = fresh.slice(matched);
    if (out.lost === 0 && extra.length === 1 && inFlight && sameSave(extra[0]!, inFlight)) out.inFlightCommitted = true;
    else if (out.lost === 0 && extra.length > 0) {
      out.halfWritten += extra.length;
      out.problems.push(`${extra.length} audited save(s) that the child never began, first ${extra[0]!.entity}`);
    }

    out.halfWritten += rowsDisagreeingWithAudit(db, out.problems);

    const chain = verifyAuditChain(db, ledger.head ?? undefined);
    if (!chain.ok) {
      out.auditChainFailures++;
      out.problems.push(chain.firstTampered ? `audit chain: row ${chain.firstTampered.id}: ${chain.firstTampered.problem}` : 'audit chain: append-only triggers missing');
    } else {
      ledger.head = chain.head;
    }
  } finally {
    db.close();
  }

  const newest = listBackups(file)[0];
  if (newest && newest.file !== ledger.lastBackupChecked) {
    out.backupsChecked++;
    const check = checkStudyFile(newest.file);
    if (!check.ok) {
      out.badBackups++;
      out.problems.push(`backup ${newest.file}: ${check.reason}`);
    }
    ledger.lastBackupChecked = newest.file;
  }
  return out;
}

function sameSave(a: { entity: string; hash: string }, b: { entity: string; hash: string }): boolean {
  return a.entity === b.entity && a.hash === b.hash;
}

/** Slices whose stored state is not the after-hash of their newest save audit row. */
function rowsDisagreeingWithAudit(db: Database.Database, problems: string[]): number {
  const newestAudit = new Map(
    (
      db
        .prepare(
          `SELECT entity_id AS entity, after_hash AS hash FROM audit
           WHERE id IN (SELECT max(id) FROM audit WHERE action = 'read.save_slice' GROUP BY entity_id)`,
        )
        .all() as { entity: string; hash: string }[]
    ).map((r) => [r.entity, r.hash]),
  );
  const rows = new Map(
    (db.prepare("SELECT r.assignment_id || ':' || i.sop_uid || ':1' AS entity, r.content_hash AS hash FROM slice_read r JOIN instance i ON i.id = r.instance_id").all() as { entity: string; hash: string }[]).map((r) => [
      r.entity,
      r.hash,
    ]),
  );
  let bad = 0;
  for (const [entity, hash] of rows) {
    const audited = newestAudit.get(entity);
    if (audited !== hash) {
      bad++;
      if (bad <= 3) problems.push(`slice ${entity} holds ${hash} but its newest audit row says ${audited ?? 'nothing'}`);
    }
  }
  for (const [entity, hash] of newestAudit) {
    if (!rows.has(entity) && hash !== UNREAD_HASH) {
      bad++;
      if (bad <= 3) problems.push(`slice ${entity} has no row but its newest audit row says ${hash}`);
    }
  }
  return bad;
}
