import type Database from 'better-sqlite3';
import { auditRowHash, type AuditRow } from '../db/repositories/audit-repository';

const GENESIS = '0'.repeat(64);

/** The first row where the audit trail stops being what was written. */
export interface AuditTamper {
  /** The row's id (for a deleted row: the first row after the gap). */
  id: number;
  at: string;
  action: string;
  /** What is wrong, in words. */
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  /** Id and hash of the last row checked (the head of the chain), null when empty. */
  head: { id: number; rowHash: string } | null;
  /** Whether the triggers that refuse UPDATE and DELETE on the audit table are in place. */
  appendOnly: boolean;
  firstTampered: AuditTamper | null;
}

/**
 * Walks the audit trail's hash chain in id order: every row must name its predecessor's hash
 * (the first names 64 zeros) and hash to its stored row_hash. A changed row fails its own hash;
 * a deleted or inserted row breaks the link of the row after it. Also reports whether the
 * append-only triggers are still there (someone who edits rows must drop them first).
 *
 * A chain cut off at its end (the newest rows deleted) still links; compare `head` with a copy
 * kept elsewhere (a backup, an export) to detect that.
 *
 * @param from resume after a row already verified (its id and hash), to check only what is new
 */
export function verifyAuditChain(db: Database.Database, from?: { id: number; rowHash: string }): AuditVerification {
  const triggers = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit' AND name IN ('audit_no_update', 'audit_no_delete')")
    .all() as { name: string }[];
  const appendOnly = triggers.length === 2;
  const rows = db
    .prepare(
      `SELECT id, at, actor_id AS actorId, action, entity, entity_id AS entityId, before_hash AS beforeHash,
              after_hash AS afterHash, details, prev_hash AS prevHash, row_hash AS rowHash
       FROM audit WHERE id > ? ORDER BY id`,
    )
    .iterate(from?.id ?? 0) as IterableIterator<AuditRow>;
  let expectedPrev = from?.rowHash ?? GENESIS;
  let previous: Pick<AuditRow, 'id' | 'at' | 'action'> | null = from ? { id: from.id, at: '', action: '' } : null;
  let count = 0;
  let head = from ? { ...from } : null;
  for (const r of rows) {
    count++;
    const tamper = checkRow(r, expectedPrev, previous);
    if (tamper) return { ok: false, rows: count, head, appendOnly, firstTampered: tamper };
    expectedPrev = r.rowHash;
    previous = { id: r.id, at: r.at, action: r.action };
    head = { id: r.id, rowHash: r.rowHash };
  }
  return { ok: appendOnly, rows: count, head, appendOnly, firstTampered: null };
}

function checkRow(r: AuditRow, expectedPrev: string, previous: Pick<AuditRow, 'id' | 'at' | 'action'> | null): AuditTamper | null {
  const base = { id: r.id, at: r.at, action: r.action };
  if (auditRowHash(r) !== r.rowHash) {
    return { ...base, problem: 'its content was changed after it was written (its hash no longer matches)' };
  }
  if (r.prevHash === expectedPrev) return null;
  if (previous === null) return { ...base, problem: 'it does not link to the start of the trail: rows before it were deleted or it was rewritten' };
  const previousId = previous.id;
  if (r.id !== previousId + 1) {
    return { ...base, problem: `rows ${previousId + 1} to ${r.id - 1} were deleted (ids jump from ${previousId} to ${r.id} and the link is broken)` };
  }
  // Each row hashes correctly but the link between them does not hold: one of the two was
  // rewritten with a recomputed hash. The earlier one is reported.
  return {
    ...previous,
    problem: `row ${previousId} and row ${r.id} no longer link: row ${previousId} was changed and re-hashed, or row ${r.id}'s link was rewritten`,
  };
}
