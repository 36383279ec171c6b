import type Database from 'better-sqlite3';
import { insertAuditRow, type AuditRow, type AuditSigning } from '../db/repositories/audit-repository';
import { keyedRowHash, shaRowHash } from './audit-row-hash';
import type { StudyKey, StudyKeyStore } from './study-key-store';

export const EPOCH_ACTION = 'audit.epoch';
export const COUNTERSIGN_ACTION = 'audit.countersign';

export interface BindOptions {
  /** The schema step this open just ran, if any: rows its migrations wrote are countersigned. */
  migrated?: { from: number; to: number } | null;
  /** A restore moved the study back on purpose: the anchor is not checked (it is rebased after). */
  ignoreAnchor?: boolean;
}

export function studyIdOf(db: Database.Database): string | null {
  const row = db.prepare('SELECT study_id AS id FROM study WHERE id = 1').get() as { id: string } | undefined;
  return row?.id ?? null;
}

/** The study's key epochs in order: the row that began each and the key id it names. */
export function epochsOf(db: Database.Database): { rowId: number; epoch: number; keyId: string }[] {
  const rows = db.prepare(`SELECT id, details FROM audit WHERE action = '${EPOCH_ACTION}' ORDER BY id`).all() as { id: number; details: string }[];
  return rows.map((r) => {
    let d: { epoch?: number; keyId?: string } = {};
    try {
      d = JSON.parse(r.details) as typeof d;
    } catch {
      // A damaged epoch row names no key; verify reports the row.
    }
    return { rowId: r.id, epoch: Number(d.epoch ?? 0), keyId: String(d.keyId ?? '') };
  });
}

/**
 * Decides how this connection signs audit rows (AuditSigning), writing what that takes. Runs under
 * the write lock (inside a transaction) when it may write:
 * - a study without a key epoch (older schema, or new) gets one: a key is made here (or the
 *   one this machine already holds for it is used) and an 'audit.epoch' row, signed with it,
 *   begins the keyed chain; every earlier row is covered by that row's link;
 * - a study with epochs is signed with the key of its newest epoch, if this machine holds it;
 *   if not, it is read-only until the key is imported or a new epoch is begun;
 * - where the anchor of this machine names a row the trail no longer holds as it was, the
 *   newest rows were cut or rewritten: read-only, and `bme audit verify` says more.
 * Returns null while the study has no study record (it is being created).
 */
export function resolveAuditSigning(db: Database.Database, file: string, store: StudyKeyStore, options: BindOptions = {}): AuditSigning | null {
  const studyId = studyIdOf(db);
  if (!studyId) return null;
  if (!options.ignoreAnchor) {
    const broken = anchorProblem(db, store, studyId, file);
    if (broken) {
      return {
        kind: 'read_only',
        reason: `${file}: ${broken} The study opens read-only. Run 'bme audit verify --db "${file}"' for details; to go back to a good copy, restore a backup (bme restore).`,
      };
    }
  }
  const epochs = epochsOf(db);
  const last = epochs[epochs.length - 1];
  if (!last) {
    const key = store.keys(studyId).at(-1) ?? store.createKey(studyId);
    appendEpochRow(db, key, 1, null, 'the study\'s first key');
    return { kind: 'keyed', studyId, file, key, store };
  }
  const key = store.key(studyId, last.keyId);
  if (!key) {
    return {
      kind: 'read_only',
      reason:
        `${file} is signed with an audit key this machine does not hold (key ${last.keyId}), so it opens read-only. ` +
        `Import the key from the machine it came from ('bme audit key export' there, 'bme audit key import --db "${file}" --from KEYFILE' here), ` +
        `or, if that key is lost, begin a new key epoch ('bme audit key new --db "${file}"'; rows signed before it can then be checked for consistency only).`,
    };
  }
  if (options.migrated && options.migrated.from < options.migrated.to) countersignMigrationRows(db, key, last.rowId, options.migrated);
  return { kind: 'keyed', studyId, file, key, store };
}

/** Begins a new epoch with a new key (audited); for a study whose key is lost. */
export function beginNewEpoch(db: Database.Database, store: StudyKeyStore, reason: string): { studyId: string; key: StudyKey; epoch: number } {
  const studyId = studyIdOf(db);
  if (!studyId) throw new Error('the study has no study record');
  const epochs = epochsOf(db);
  const key = store.createKey(studyId);
  const epoch = (epochs.at(-1)?.epoch ?? 0) + 1;
  appendEpochRow(db, key, epoch, epochs.at(-1)?.keyId ?? null, reason);
  return { studyId, key, epoch };
}

function appendEpochRow(db: Database.Database, key: StudyKey, epoch: number, previousKeyId: string | null, reason: string): AuditRow {
  return insertAuditRow(db, { actorId: null, action: EPOCH_ACTION, entity: 'study', entityId: '1', details: { epoch, keyId: key.keyId, previousKeyId, reason } }, new Date().toISOString(), key.key);
}

/** What is wrong with this machine's anchor of the study, or null (no anchor is no problem here). */
export function anchorProblem(db: Database.Database, store: StudyKeyStore, studyId: string, file: string): string | null {
  const a = store.anchor(studyId, file);
  if (!a || !store.anchorIsGenuine(a, studyId)) return null;
  const row = db.prepare('SELECT row_hash AS h FROM audit WHERE id = ?').get(a.headId) as { h: string } | undefined;
  if (!row) return `its audit trail ends before row ${a.headId}, the newest row this machine saw committed (${a.at}): rows were cut from its end.`;
  if (row.h !== a.headHash) return `audit row ${a.headId} is not the row this machine saw committed (${a.at}): the trail was rewritten from there or before.`;
  return null;
}

/**
 * Rows a migration wrote with its frozen, unkeyed code after the keyed chain began (a migration
 * cannot hold the key): the host that ran it vouches for them in one signed row naming each.
 * Only rows that hash unkeyed, name a 'migration.' action and no actor qualify.
 */
function countersignMigrationRows(db: Database.Database, key: StudyKey, fromId: number, migrated: { from: number; to: number }): void {
  const rows = db
    .prepare(`SELECT id, at, actor_id AS actorId, action, entity, entity_id AS entityId, before_hash AS beforeHash, after_hash AS afterHash, details, prev_hash AS prevHash, row_hash AS rowHash FROM audit WHERE id > ? ORDER BY id`)
    .all(fromId) as AuditRow[];
  const unkeyed = rows.filter((r) => keyedRowHash(key.key, r) !== r.rowHash && shaRowHash(r) === r.rowHash && r.action.startsWith('migration.') && r.actorId === null);
  if (unkeyed.length === 0) return;
  insertAuditRow(
    db,
    { actorId: null, action: COUNTERSIGN_ACTION, entity: 'audit', entityId: null, details: { schemaFrom: migrated.from, schemaTo: migrated.to, rows: unkeyed.map((r) => [r.id, r.rowHash]) } },
    new Date().toISOString(),
    key.key,
  );
}
