import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface AuditEntry {
  /** Who did it (account id); null for the system (migrations, the CLI without a person). */
  actorId: number | null;
  /** What was done, as a dotted verb: 'study.create', 'label.set', 'consensus.resolve'. */
  action: string;
  /** The kind of record changed ('study', 'slice_read', ...) and its id. */
  entity: string;
  entityId?: string | null;
  /** SHA-256 of the record's content before and after (null where it did not exist). */
  beforeHash?: string | null;
  afterHash?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRow extends Required<Omit<AuditEntry, 'details'>> {
  id: number;
  at: string;
  details: string;
  prevHash: string;
  rowHash: string;
}

const GENESIS = '0'.repeat(64);

/** The hash that chains a row to its predecessor: any change to a stored row breaks the chain. */
export function auditRowHash(r: Omit<AuditRow, 'id' | 'rowHash'>): string {
  const canonical = JSON.stringify([
    r.prevHash, r.at, r.actorId, r.action, r.entity, r.entityId, r.beforeHash, r.afterHash, r.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The audit trail. `append` must run inside the transaction of the change it records, so that a
 * change and its audit row are committed together or not at all.
 */
export class AuditRepository {
  constructor(private readonly db: Database.Database) {}

  append(entry: AuditEntry, at: string = new Date().toISOString()): AuditRow {
    const last = this.db.prepare('SELECT row_hash FROM audit ORDER BY id DESC LIMIT 1').get() as
      | { row_hash: string }
      | undefined;
    const row = {
      at,
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      beforeHash: entry.beforeHash ?? null,
      afterHash: entry.afterHash ?? null,
      details: JSON.stringify(entry.details ?? {}),
      prevHash: last?.row_hash ?? GENESIS,
    };
    const rowHash = auditRowHash(row);
    const info = this.db
      .prepare(
        `INSERT INTO audit (at, actor_id, action, entity, entity_id, before_hash, after_hash, details, prev_hash, row_hash)
         VALUES (@at, @actorId, @action, @entity, @entityId, @beforeHash, @afterHash, @details, @prevHash, @rowHash)`,
      )
      .run({ ...row, rowHash });
    return { id: Number(info.lastInsertRowid), ...row, rowHash };
  }

  /** All rows in order, for verification and export. */
  all(): AuditRow[] {
    return this.db
      .prepare(
        `SELECT id, at, actor_id AS actorId, action, entity, entity_id AS entityId, before_hash AS beforeHash,
                after_hash AS afterHash, details, prev_hash AS prevHash, row_hash AS rowHash
         FROM audit ORDER BY id`,
      )
      .all() as AuditRow[];
  }
}
