import { createHash, createHmac } from 'node:crypto';

/** The fields of an audit row that its hash covers (everything but the hash itself). */
export interface HashedAuditFields {
  id: number;
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  beforeHash: string | null;
  afterHash: string | null;
  details: string;
  prevHash: string;
}

/** The first row's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The unkeyed SHA-256 of rows written before the study had a key (schema 1 to 11, and rows a
 * migration writes with its frozen code). Anyone can recompute it: it shows accidents, not
 * tampering. The row id is not covered (it was not, then).
 */
export function shaRowHash(r: Omit<HashedAuditFields, 'id'>): string {
  const canonical = JSON.stringify([r.prevHash, r.at, r.actorId, r.action, r.entity, r.entityId, r.beforeHash, r.afterHash, r.details]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The keyed hash (HMAC-SHA256 under the study's key) of rows from the study's first key epoch on.
 * It covers the row's id too, so that rows cannot be renumbered. Without the key nobody can make
 * a row, or a chain of rows, that verifies.
 */
export function keyedRowHash(key: Buffer, r: HashedAuditFields): string {
  const canonical = JSON.stringify(['bme-audit-v2', r.id, r.prevHash, r.at, r.actorId, r.action, r.entity, r.entityId, r.beforeHash, r.afterHash, r.details]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** A key's public name: it says which key signed an epoch without revealing the key. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('bme-audit-key-id').digest('hex').slice(0, 24);
}

/** The MAC of an anchor record (see StudyKeyStore): only the key's holder can write a valid one. */
export function anchorMac(key: Buffer, a: { studyId: string; keyId: string; headId: number; headHash: string; at: string }): string {
  return createHmac('sha256', key).update(JSON.stringify(['bme-audit-anchor-v1', a.studyId, a.keyId, a.headId, a.headHash, a.at])).digest('hex');
}
