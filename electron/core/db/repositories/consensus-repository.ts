import type Database from 'better-sqlite3';
import type { InstanceId } from './imaging-repository';

export type ConsensusMethod = 'auto' | 'accept_reader1' | 'accept_reader2' | 'union' | 'intersection' | 'absent' | 'edited';

export interface ConsensusRow {
  id: number;
  seriesId: number;
  /** The image decided (its instance row: SOP Instance UID and frame). */
  instanceId: InstanceId;
  /** The image's position in its series now (derived from the instance). */
  sliceIndex: number;
  label: 'present' | 'absent';
  /** maskToCanonicalBytes (shared/geometry/mask.ts), or null when absent. */
  mask: Uint8Array | null;
  maskPixels: number;
  contentHash: string;
  method: ConsensusMethod;
  rule: string | null;
  diceThreshold: number | null;
  reason: string | null;
  sourceHashes: { reader1: string; reader2: string };
  decidedBy: number | null;
  decidedAt: string;
  isCurrent: boolean;
}

type Raw = Omit<ConsensusRow, 'sourceHashes' | 'isCurrent'> & { sourceHashes: string; isCurrent: number };

const SELECT = `SELECT c.id, c.series_id AS seriesId, c.instance_id AS instanceId, i.slice_index AS sliceIndex, c.label, c.mask_rle AS mask,
  c.mask_pixels AS maskPixels, c.content_hash AS contentHash, c.method, c.rule, c.dice_threshold AS diceThreshold, c.reason,
  c.source_hashes AS sourceHashes, c.decided_by AS decidedBy, c.decided_at AS decidedAt, c.is_current AS isCurrent
  FROM consensus c JOIN instance i ON i.id = c.instance_id`;

const parse = (r: Raw): ConsensusRow => ({ ...r, sourceHashes: JSON.parse(r.sourceHashes) as ConsensusRow['sourceHashes'], isCurrent: r.isCurrent === 1 });

/** Consensus decisions per image, with their history. */
export class ConsensusRepository {
  constructor(private readonly db: Database.Database) {}

  current(seriesId: number): ConsensusRow[] {
    return (this.db.prepare(`${SELECT} WHERE c.series_id = ? AND c.is_current = 1 ORDER BY i.slice_index, i.id`).all(seriesId) as Raw[]).map(parse);
  }

  currentOf(instanceId: InstanceId): ConsensusRow | null {
    const r = this.db.prepare(`${SELECT} WHERE c.instance_id = ? AND c.is_current = 1`).get(instanceId) as Raw | undefined;
    return r ? parse(r) : null;
  }

  history(instanceId: InstanceId): ConsensusRow[] {
    return (this.db.prepare(`${SELECT} WHERE c.instance_id = ? ORDER BY c.id`).all(instanceId) as Raw[]).map(parse);
  }

  allCurrent(): ConsensusRow[] {
    return (this.db.prepare(`${SELECT} WHERE c.is_current = 1 ORDER BY c.series_id, i.slice_index, i.id`).all() as Raw[]).map(parse);
  }

  /** Makes `row` the image's current decision; the previous one stays in the history. */
  decide(row: Omit<ConsensusRow, 'id' | 'isCurrent' | 'sliceIndex'>): number {
    this.db.prepare('UPDATE consensus SET is_current = 0 WHERE instance_id = ? AND is_current = 1').run(row.instanceId);
    return Number(
      this.db
        .prepare(
          `INSERT INTO consensus (series_id, instance_id, label, mask_rle, mask_pixels, content_hash, method, rule, dice_threshold, reason,
             source_hashes, decided_by, decided_at, is_current)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(
          row.seriesId, row.instanceId, row.label, row.mask, row.maskPixels, row.contentHash, row.method, row.rule, row.diceThreshold, row.reason,
          JSON.stringify(row.sourceHashes), row.decidedBy, row.decidedAt,
        ).lastInsertRowid,
    );
  }

  /** Withdraws the image's current decision (its reads changed and no longer agree); history stays. */
  withdraw(instanceId: InstanceId): void {
    this.db.prepare('UPDATE consensus SET is_current = 0 WHERE instance_id = ? AND is_current = 1').run(instanceId);
  }
}
