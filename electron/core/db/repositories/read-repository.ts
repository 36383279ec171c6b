import type Database from 'better-sqlite3';
import type { SliceLabel } from '../../../../shared/model/reading';
import type { InstanceId } from './imaging-repository';

export interface StoredSliceRead {
  /** The image read (its instance row: SOP Instance UID and frame). */
  instanceId: InstanceId;
  /** The image's position in its series now (derived; changes when a late import re-sorts). */
  sliceIndex: number;
  label: Exclude<SliceLabel, 'unread'>;
  /** maskToCanonicalBytes (shared/geometry/mask.ts), or null without a ROI. */
  mask: Uint8Array | null;
  maskPixels: number;
  contentHash: string;
  updatedAt: string;
  revision: number;
}

const SELECT = `SELECT r.instance_id AS instanceId, i.slice_index AS sliceIndex, r.label, r.mask_rle AS mask, r.mask_pixels AS maskPixels,
  r.content_hash AS contentHash, r.updated_at AS updatedAt, r.revision FROM slice_read r JOIN instance i ON i.id = r.instance_id`;

/** Every reader's per-image labels and masks, by assignment. No row means unread. */
export class ReadRepository {
  constructor(private readonly db: Database.Database) {}

  forAssignment(assignmentId: number): StoredSliceRead[] {
    return this.db.prepare(`${SELECT} WHERE r.assignment_id = ? ORDER BY i.slice_index, i.id`).all(assignmentId) as StoredSliceRead[];
  }

  get(assignmentId: number, instanceId: InstanceId): StoredSliceRead | null {
    return (this.db.prepare(`${SELECT} WHERE r.assignment_id = ? AND r.instance_id = ?`).get(assignmentId, instanceId) as StoredSliceRead | undefined) ?? null;
  }

  /** Counts per assignment: slices read and slices present. */
  progress(assignmentId: number): { read: number; present: number } {
    return this.db
      .prepare("SELECT count(*) AS read, coalesce(sum(label = 'present'), 0) AS present FROM slice_read WHERE assignment_id = ?")
      .get(assignmentId) as { read: number; present: number };
  }

  upsert(assignmentId: number, r: Omit<StoredSliceRead, 'revision' | 'sliceIndex'>): number {
    this.db
      .prepare(
        `INSERT INTO slice_read (assignment_id, instance_id, label, mask_rle, mask_pixels, content_hash, updated_at, revision)
         VALUES (@assignmentId, @instanceId, @label, @mask, @maskPixels, @contentHash, @updatedAt, 1)
         ON CONFLICT (assignment_id, instance_id) DO UPDATE SET label = excluded.label, mask_rle = excluded.mask_rle,
           mask_pixels = excluded.mask_pixels, content_hash = excluded.content_hash, updated_at = excluded.updated_at,
           revision = slice_read.revision + 1`,
      )
      .run({ assignmentId, ...r });
    return this.get(assignmentId, r.instanceId)!.revision;
  }

  remove(assignmentId: number, instanceId: InstanceId): void {
    this.db.prepare('DELETE FROM slice_read WHERE assignment_id = ? AND instance_id = ?').run(assignmentId, instanceId);
  }
}
