import type Database from 'better-sqlite3';
import type { AuditRow } from '../db/repositories/audit-repository';
import { GENESIS_HASH, keyedRowHash, shaRowHash } from '../audit-key/audit-row-hash';
import { COUNTERSIGN_ACTION, EPOCH_ACTION, anchorProblem, epochsOf, studyIdOf } from '../audit-key/bind-audit-key';
import type { StudyKeyStore } from '../audit-key/study-key-store';
import { auditTriggerProblems } from './expected-audit-triggers';

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
  /** Whether the append-only triggers are in place with exactly their expected SQL text. */
  appendOnly: boolean;
  /** What is wrong with the triggers, in words (empty when appendOnly). */
  triggerProblems: string[];
  firstTampered: AuditTamper | null;
  /**
   * 'authentic': every keyed row was checked with its key (held on this machine);
   * 'consistency_only': the trail is keyed but a key is not here: links and unkeyed hashes were
   * checked, not who wrote the rows; 'unkeyed': the trail has no key epoch yet.
   */
  authenticity: 'authentic' | 'consistency_only' | 'unkeyed';
  /** The anchor check (newest rows cut): null when there was none to make; else its finding. */
  anchor: { ok: boolean; problem: string | null } | null;
}

/**
 * Walks the audit trail in id order. Every row must name its predecessor's hash (the first names
 * 64 zeros); rows before the study's first key epoch hash unkeyed (SHA-256), rows from an
 * 'audit.epoch' row on carry an HMAC under that epoch's key, checked when `keys` holds it. Rows
 * a migration wrote unkeyed inside a keyed epoch must be named by a later signed countersign
 * row. With `keys`, the trail must also still hold this machine's anchored newest row.
 *
 * @param from resume after a row already verified (its id and hash), to check only what is new
 */
export function verifyAuditChain(db: Database.Database, from?: { id: number; rowHash: string }, keys?: StudyKeyStore | null): AuditVerification {
  const triggerProblems = auditTriggerProblems(db);
  const appendOnly = triggerProblems.length === 0;
  const studyId = hasStudyTable(db) ? studyIdOf(db) : null;
  const keyring = new Map<string, Buffer>();
  if (keys && studyId) for (const k of keys.keys(studyId)) keyring.set(k.keyId, k.key);
  const epochs = epochsOf(db);
  let mode: { keyId: string; key: Buffer | null } | null = null;
  if (from) {
    const e = epochs.filter((x) => x.rowId <= from.id).at(-1);
    if (e) mode = { keyId: e.keyId, key: keyring.get(e.keyId) ?? null };
  }
  const rows = db
    .prepare(
      `SELECT id, at, actor_id AS actorId, action, entity, entity_id AS entityId, before_hash AS beforeHash,
              after_hash AS afterHash, details, prev_hash AS prevHash, row_hash AS rowHash
       FROM audit WHERE id > ? ORDER BY id`,
    )
    .iterate(from?.id ?? 0) as IterableIterator<AuditRow>;
  let expectedPrev = from?.rowHash ?? GENESIS_HASH;
  let previous: Pick<AuditRow, 'id' | 'at' | 'action'> | null = from ? { id: from.id, at: '', action: '' } : null;
  let count = 0;
  let head = from ? { ...from } : null;
  let unchecked = false;
  const pending = new Map<number, AuditRow>();
  const authenticity = (): AuditVerification['authenticity'] => (epochs.length === 0 ? 'unkeyed' : unchecked || epochs.some((e) => !keyring.has(e.keyId)) ? 'consistency_only' : 'authentic');
  const fail = (t: AuditTamper): AuditVerification => ({ ok: false, rows: count, head, appendOnly, triggerProblems, firstTampered: t, authenticity: authenticity(), anchor: null });
  for (const r of rows) {
    count++;
    const base = { id: r.id, at: r.at, action: r.action };
    const link = checkLink(r, expectedPrev, previous);
    if (r.action === EPOCH_ACTION) {
      const keyId = epochs.find((e) => e.rowId === r.id)?.keyId ?? '';
      mode = { keyId, key: keyring.get(keyId) ?? null };
      if (mode.key && keyedRowHash(mode.key, r) !== r.rowHash) return fail({ ...base, problem: `it begins a key epoch but is not signed with the key it names (${keyId}): it was forged or changed` });
      if (!mode.key) unchecked = true;
    } else if (!mode) {
      if (shaRowHash(r) !== r.rowHash) return fail({ ...base, problem: 'its content was changed after it was written (its hash no longer matches)' });
    } else {
      const keyedOk = mode.key ? keyedRowHash(mode.key, r) === r.rowHash : null;
      if (keyedOk === false || keyedOk === null) {
        const migrationRow = shaRowHash(r) === r.rowHash && r.action.startsWith('migration.') && r.actorId === null;
        if (migrationRow) pending.set(r.id, r);
        else if (keyedOk === false) {
          return fail({ ...base, problem: `it is not signed with the study's key (${mode.keyId}): it was written, changed or renumbered by someone without the key` });
        } else unchecked = true;
      }
    }
    if (link) return fail(link);
    if (r.action === COUNTERSIGN_ACTION && mode?.key) {
      try {
        for (const [id, hash] of (JSON.parse(r.details) as { rows: [number, string][] }).rows) if (pending.get(id)?.rowHash === hash) pending.delete(id);
      } catch {
        // A countersign without its list vouches for nothing.
      }
    }
    expectedPrev = r.rowHash;
    previous = base;
    head = { id: r.id, rowHash: r.rowHash };
  }
  const stray = [...pending.values()][0];
  if (stray && keyring.size > 0) {
    return fail({ id: stray.id, at: stray.at, action: stray.action, problem: 'it was written without the key inside a keyed epoch and no signed row vouches for it' });
  }
  let anchor: AuditVerification['anchor'] = null;
  if (keys && studyId && epochs.length > 0) {
    const a = keys.anchor(studyId, db.name);
    if (a && keyring.has(a.keyId)) {
      const problem = keys.anchorIsGenuine(a, studyId) ? anchorProblem(db, keys, studyId, db.name) : "this machine's anchor of the study is not signed with its key (the anchor file was changed)";
      anchor = { ok: problem === null, problem };
    }
  }
  const ok = appendOnly && (anchor?.ok ?? true);
  return { ok, rows: count, head, appendOnly, triggerProblems, firstTampered: null, authenticity: authenticity(), anchor };
}

function hasStudyTable(db: Database.Database): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'study'").get();
}

function checkLink(r: AuditRow, expectedPrev: string, previous: Pick<AuditRow, 'id' | 'at' | 'action'> | null): AuditTamper | null {
  const base = { id: r.id, at: r.at, action: r.action };
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
