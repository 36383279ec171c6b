import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/contracts/errors';
import { GENESIS_HASH, keyedRowHash, shaRowHash } from '../../audit-key/audit-row-hash';
import type { StudyKey, StudyKeyStore } from '../../audit-key/study-key-store';

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

/** The unkeyed hash of rows written before the study's first key epoch (see audit-row-hash.ts). */
export function auditRowHash(r: Omit<AuditRow, 'id' | 'rowHash'>): string {
  return shaRowHash(r);
}

/**
 * How this connection signs the rows it appends:
 * - keyed: HMAC under the study's current key (the study's key file is on this machine);
 * - read_only: the study has a key this machine does not hold, or its trail lost its anchored
 *   newest row; every audited change is refused with `reason`;
 * - unkeyed: no key store was given (a bare repository: tests of old schemas, tools).
 */
export type AuditSigning =
  | { kind: 'keyed'; studyId: string; file: string; key: StudyKey; store: StudyKeyStore }
  | { kind: 'read_only'; reason: string }
  | { kind: 'unkeyed' };

const SELECT_ROWS = `SELECT id, at, actor_id AS actorId, action, entity, entity_id AS entityId, before_hash AS beforeHash,
  after_hash AS afterHash, details, prev_hash AS prevHash, row_hash AS rowHash FROM audit`;

/**
 * Appends one row after the current head: its id is the next one, its prev_hash the head's hash,
 * its row_hash keyed when `key` is given. Must run under the write lock (inside a transaction or
 * alone), which makes "read the head, insert after it" atomic.
 */
export function insertAuditRow(db: Database.Database, entry: AuditEntry, at: string, key: Buffer | null): AuditRow {
  const last = db.prepare('SELECT id, row_hash FROM audit ORDER BY id DESC LIMIT 1').get() as { id: number; row_hash: string } | undefined;
  const row = {
    id: (last?.id ?? 0) + 1,
    at,
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    beforeHash: entry.beforeHash ?? null,
    afterHash: entry.afterHash ?? null,
    details: JSON.stringify(entry.details ?? {}),
    prevHash: last?.row_hash ?? GENESIS_HASH,
  };
  const rowHash = key ? keyedRowHash(key, row) : shaRowHash(row);
  db.prepare(
    `INSERT INTO audit (id, at, actor_id, action, entity, entity_id, before_hash, after_hash, details, prev_hash, row_hash)
     VALUES (@id, @at, @actorId, @action, @entity, @entityId, @beforeHash, @afterHash, @details, @prevHash, @rowHash)`,
  ).run({ ...row, rowHash });
  return { ...row, rowHash };
}

/**
 * The audit trail. `append` must run inside the transaction of the change it records, so that a
 * change and its audit row are committed together or not at all. Rows are signed as `signing`
 * says, decided once per connection by `resolveSigning` (see bind-audit-key.ts); after each
 * commit the new head is anchored with the key, outside the study's folder (`afterCommit`).
 */
export class AuditRepository {
  private signing: AuditSigning | null = null;
  private anchorDue = false;

  /** `resolveSigning` returns null while the study has no study record yet (being created). */
  constructor(
    private readonly db: Database.Database,
    private readonly resolveSigning: () => AuditSigning | null = () => ({ kind: 'unkeyed' }),
  ) {}

  /** How rows are signed now (resolving it if need be); null before the study record exists. */
  currentSigning(): AuditSigning | null {
    this.signing ??= this.resolveSigning();
    return this.signing;
  }

  /** Why audited changes are refused, or null when they are allowed. */
  readOnlyReason(): string | null {
    const s = this.currentSigning();
    return s?.kind === 'read_only' ? s.reason : null;
  }

  /** Forget the decided signing (after a key import or a new epoch). */
  rebind(): void {
    this.signing = null;
  }

  append(entry: AuditEntry, at: string = new Date().toISOString()): AuditRow {
    const signing = this.currentSigning();
    if (signing?.kind === 'read_only') throw new AppError('forbidden', signing.reason);
    const row = insertAuditRow(this.db, entry, at, signing?.kind === 'keyed' ? signing.key.key : null);
    this.anchorDue = true;
    if (!this.db.inTransaction) this.afterCommit();
    return row;
  }

  /**
   * Anchors the committed head with the key (a rolled-back append leaves the head where it was,
   * which is what is read here). A failure to write the anchor never undoes the commit: it is
   * reported, and the next commit tries again.
   */
  afterCommit(): void {
    if (!this.anchorDue || this.db.inTransaction) return;
    this.anchorDue = false;
    const s = this.signing;
    if (s?.kind !== 'keyed') return;
    const head = this.head();
    if (!head) return;
    try {
      s.store.writeAnchor(s.studyId, s.file, s.key, head);
    } catch (err) {
      this.anchorDue = true;
      console.warn(`bme: ${(err as Error).message}`);
    }
  }

  head(): { id: number; rowHash: string } | null {
    return (this.db.prepare('SELECT id, row_hash AS rowHash FROM audit ORDER BY id DESC LIMIT 1').get() as { id: number; rowHash: string } | undefined) ?? null;
  }

  /** All rows in order, for verification and export. */
  all(): AuditRow[] {
    return this.db.prepare(`${SELECT_ROWS} ORDER BY id`).all() as AuditRow[];
  }
}
