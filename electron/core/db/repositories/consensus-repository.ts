import type Database from 'better-sqlite3';

export type ConsensusMethod = 'auto' | 'accept_reader1' | 'accept_reader2' | 'union' | 'intersection' | 'absent' | 'edited';

export interface ConsensusRow {
  id: number;
  seriesId: number;
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

const SELECT = `SELECT id, series_id AS seriesId, slice_index AS sliceIndex, label, mask_rle AS mask, mask_pixels AS maskPixels,
  content_hash AS contentHash, method, rule, dice_threshold AS diceThreshold, reason, source_hashes AS sourceHashes,
  decided_by AS decidedBy, decided_at AS decidedAt, is_current AS isCurrent FROM consensus`;

const parse = (r: Raw): ConsensusRow => ({ ...r, sourceHashes: JSON.parse(r.sourceHashes) as ConsensusRow['sourceHashes'], isCurrent: r.isCurrent === 1 });

/** Consensus decisions per slice, with their history. */
export class ConsensusRepository {
  constructor(private readonly db: Database.Database) {}

  current(seriesId: number): ConsensusRow[] {
    return (this.db.prepare(`${SELECT} WHERE series_id = ? AND is_current = 1 ORDER BY slice_index`).all(seriesId) as Raw[]).map(parse);
  }

  currentAt(seriesId: number, sliceIndex: number): ConsensusRow | null {
    const r = this.db.prepare(`${SELECT} WHERE series_id = ? AND slice_index = ? AND is_current = 1`).get(seriesId, sliceIndex) as Raw | undefined;
    return r ? parse(r) : null;
  }

  history(seriesId: number, sliceIndex: number): ConsensusRow[] {
    return (this.db.prepare(`${SELECT} WHERE series_id = ? AND slice_index = ? ORDER BY id`).all(seriesId, sliceIndex) as Raw[]).map(parse);
  }

  allCurrent(): ConsensusRow[] {
    return (this.db.prepare(`${SELECT} WHERE is_current = 1 ORDER BY series_id, slice_index`).all() as Raw[]).map(parse);
  }

  /** Makes `row` the slice's current decision; the previous one stays in the history. */
  decide(row: Omit<ConsensusRow, 'id' | 'isCurrent'>): number {
    this.db.prepare('UPDATE consensus SET is_current = 0 WHERE series_id = ? AND slice_index = ? AND is_current = 1').run(row.seriesId, row.sliceIndex);
    return Number(
      this.db
        .prepare(
          `INSERT INTO consensus (series_id, slice_index, label, mask_rle, mask_pixels, content_hash, method, rule, dice_threshold, reason,
             source_hashes, decided_by, decided_at, is_current)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(
          row.seriesId, row.sliceIndex, row.label, row.mask, row.maskPixels, row.contentHash, row.method, row.rule, row.diceThreshold, row.reason,
          JSON.stringify(row.sourceHashes), row.decidedBy, row.decidedAt,
        ).lastInsertRowid,
    );
  }

  /** Withdraws the slice's current decision (its reads changed and no longer agree); history stays. */
  withdraw(seriesId: number, sliceIndex: number): void {
    this.db.prepare('UPDATE consensus SET is_current = 0 WHERE series_id = ? AND slice_index = ? AND is_current = 1').run(seriesId, sliceIndex);
  }
}
