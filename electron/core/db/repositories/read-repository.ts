import type Database from 'better-sqlite3';
import type { SliceLabel } from '../../../../shared/model/reading';

export interface StoredSliceRead {
  sliceIndex: number;
  label: Exclude<SliceLabel, 'unread'>;
  /** maskToCanonicalBytes (shared/geometry/mask.ts), or null without a ROI. */
  mask: Uint8Array | null;
  maskPixels: number;
  contentHash: string;
  updatedAt: string;
  revision: number;
}

const SELECT = `SELECT slice_index AS sliceIndex, label, mask_rle AS mask, mask_pixels AS maskPixels, content_hash AS contentHash,
  updated_at AS updatedAt, revision FROM slice_read`;

/** Every reader's per-slice labels and masks, by assignment. No row means unread. */
export class ReadRepository {
  constructor(private readonly db: Database.Database) {}

  forAssignment(assignmentId: number): StoredSliceRead[] {
    return this.db.prepare(`${SELECT} WHERE assignment_id = ? ORDER BY slice_index`).all(assignmentId) as StoredSliceRead[];
  }

  get(assignmentId: number, sliceIndex: number): StoredSliceRead | null {
    return (this.db.prepare(`${SELECT} WHERE assignment_id = ? AND slice_index = ?`).get(assignmentId, sliceIndex) as StoredSliceRead | undefined) ?? null;
  }

  /** Counts per assignment: slices read and slices present. */
  progress(assignmentId: number): { read: number; present: number } {
    return this.db
      .prepare("SELECT count(*) AS read, coalesce(sum(label = 'present'), 0) AS present FROM slice_read WHERE assignment_id = ?")
      .get(assignmentId) as { read: number; present: number };
  }

  upsert(assignmentId: number, r: Omit<StoredSliceRead, 'revision'>): number {
    this.db
      .prepare(
        `INSERT INTO slice_read (assignment_id, slice_index, label, mask_rle, mask_pixels, bbox, content_hash, updated_at, revision)
         VALUES (@assignmentId, @sliceIndex, @label, @mask, @maskPixels, NULL, @contentHash, @updatedAt, 1)
         ON CONFLICT (assignment_id, slice_index) DO UPDATE SET label = excluded.label, mask_rle = excluded.mask_rle,
           mask_pixels = excluded.mask_pixels, content_hash = excluded.content_hash, updated_at = excluded.updated_at,
           revision = slice_read.revision + 1`,
      )
      .run({ assignmentId, ...r });
    return this.get(assignmentId, r.sliceIndex)!.revision;
  }

  remove(assignmentId: number, sliceIndex: number): void {
    this.db.prepare('DELETE FROM slice_read WHERE assignment_id = ? AND slice_index = ?').run(assignmentId, sliceIndex);
  }
}
