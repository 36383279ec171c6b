import { createHash } from 'node:crypto';
import type { Migration } from './migration';

/**
 * Reads, consensus decisions, suggestions and resume points belong to an image, not to a
 * position: until schema 7 they were keyed by slice_index, the image's place in its sorted series,
 * and a file imported later (a second CD) re-sorted the series under them. From schema 8 they
 * refer to the image's row in `instance` (its SOP Instance UID and frame: a row is never re-keyed,
 * only re-sorted), and slice_index lives on the instance alone.
 *
 * The audit trail is append-only and its old rows name positions ('<assignment>:<slice>',
 * details.sliceIndex). So this step appends, per series, one row holding the position-to-image
 * map it applied ('migration.image_identity'); verification reads older rows through it.
 *
 * Written against the schema-7 tables and frozen: it must not call the app's repositories, which
 * will go on changing after it.
 */
export const migration008: Migration = {
  version: 8,
  name: 'image identity',
  up: (db) => {
    const now = new Date().toISOString();
    const series = db.prepare('SELECT id, series_uid AS uid FROM series ORDER BY id').all() as { id: number; uid: string }[];
    const instancesOf = db.prepare('SELECT id, sop_uid AS sop, slice_index AS slice FROM instance WHERE series_id = ? ORDER BY slice_index');
    const maps = new Map<number, Map<number, { id: number; sop: string }>>();
    for (const s of series) {
      const bySlice = new Map<number, { id: number; sop: string }>();
      for (const i of instancesOf.all(s.id) as { id: number; sop: string; slice: number }[]) bySlice.set(i.slice, { id: i.id, sop: i.sop });
      maps.set(s.id, bySlice);
    }
    const imageAt = (seriesId: number, slice: number, what: string): number => {
      const hit = maps.get(seriesId)?.get(slice);
      if (!hit) throw new Error(`${what} refers to slice ${slice + 1} of series ${seriesId}, which has no image; restore the study from a backup made before it was damaged`);
      return hit.id;
    };

    db.pragma('defer_foreign_keys = ON');

    // Reader reads: (assignment, slice) -> (assignment, image). The never-used bbox column goes.
    db.exec(`
      CREATE TABLE slice_read_v8 (
        assignment_id INTEGER NOT NULL REFERENCES assignment(id),
        instance_id INTEGER NOT NULL REFERENCES instance(id),
        label TEXT NOT NULL CHECK (label IN ('present', 'absent')),
        mask_rle BLOB,
        mask_pixels INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (assignment_id, instance_id)
      );
    `);
    const reads = db
      .prepare('SELECT r.*, a.series_id AS seriesId FROM slice_read r JOIN assignment a ON a.id = r.assignment_id')
      .all() as { assignment_id: number; slice_index: number; seriesId: number; label: string; mask_rle: Buffer | null; mask_pixels: number; content_hash: string; updated_at: string; revision: number }[];
    const putRead = db.prepare(
      `INSERT INTO slice_read_v8 (assignment_id, instance_id, label, mask_rle, mask_pixels, content_hash, updated_at, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of reads) {
      const image = imageAt(r.seriesId, r.slice_index, `A read of assignment ${r.assignment_id}`);
      putRead.run(r.assignment_id, image, r.label, r.mask_rle, r.mask_pixels, r.content_hash, r.updated_at, r.revision);
    }
    db.exec('DROP TABLE slice_read; ALTER TABLE slice_read_v8 RENAME TO slice_read;');
    db.exec('CREATE INDEX slice_read_instance ON slice_read(instance_id);');

    // Consensus decisions and their history.
    db.exec(`
      CREATE TABLE consensus_v8 (
        id INTEGER PRIMARY KEY,
        series_id INTEGER NOT NULL REFERENCES series(id),
        instance_id INTEGER NOT NULL REFERENCES instance(id),
        label TEXT NOT NULL CHECK (label IN ('present', 'absent')),
        mask_rle BLOB,
        mask_pixels INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL,
        method TEXT NOT NULL,
        rule TEXT,
        dice_threshold REAL,
        reason TEXT,
        source_hashes TEXT NOT NULL,
        decided_by INTEGER REFERENCES account(id),
        decided_at TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 1
      );
    `);
    const decisions = db.prepare('SELECT * FROM consensus ORDER BY id').all() as (Record<string, unknown> & { id: number; series_id: number; slice_index: number })[];
    const putDecision = db.prepare(
      `INSERT INTO consensus_v8 (id, series_id, instance_id, label, mask_rle, mask_pixels, content_hash, method, rule, dice_threshold, reason,
         source_hashes, decided_by, decided_at, is_current)
       VALUES (@id, @series_id, @instance_id, @label, @mask_rle, @mask_pixels, @content_hash, @method, @rule, @dice_threshold, @reason,
         @source_hashes, @decided_by, @decided_at, @is_current)`,
    );
    for (const c of decisions) {
      const { slice_index: slice, ...rest } = c;
      putDecision.run({ ...rest, instance_id: imageAt(c.series_id, slice, `Consensus decision ${c.id}`) });
    }
    db.exec('DROP TABLE consensus; ALTER TABLE consensus_v8 RENAME TO consensus;');
    db.exec(`
      CREATE UNIQUE INDEX consensus_current ON consensus(instance_id) WHERE is_current = 1;
      CREATE INDEX consensus_series ON consensus(series_id, is_current);
      CREATE INDEX consensus_image ON consensus(instance_id, id);
    `);

    // Model suggestions.
    db.exec(`
      CREATE TABLE suggestion_v8 (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES model(id),
        series_id INTEGER NOT NULL REFERENCES series(id),
        instance_id INTEGER NOT NULL REFERENCES instance(id),
        mask_rle BLOB,
        max_probability REAL NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (model_id, instance_id)
      );
    `);
    const suggestions = db.prepare('SELECT * FROM suggestion ORDER BY id').all() as { id: number; model_id: number; series_id: number; slice_index: number; mask_rle: Buffer | null; max_probability: number; created_at: string }[];
    const putSuggestion = db.prepare('INSERT INTO suggestion_v8 (id, model_id, series_id, instance_id, mask_rle, max_probability, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const s of suggestions) {
      putSuggestion.run(s.id, s.model_id, s.series_id, imageAt(s.series_id, s.slice_index, `Suggestion ${s.id}`), s.mask_rle, s.max_probability, s.created_at);
    }
    db.exec('DROP TABLE suggestion; ALTER TABLE suggestion_v8 RENAME TO suggestion;');
    db.exec('CREATE INDEX suggestion_series ON suggestion(series_id, model_id);');

    // Where each reader resumes: the image they were on (null before they opened the series).
    db.exec('ALTER TABLE assignment ADD COLUMN last_instance_id INTEGER REFERENCES instance(id)');
    const assignments = db.prepare('SELECT id, series_id AS seriesId, last_slice AS lastSlice FROM assignment').all() as { id: number; seriesId: number; lastSlice: number }[];
    const setLast = db.prepare('UPDATE assignment SET last_instance_id = ? WHERE id = ?');
    for (const a of assignments) setLast.run(maps.get(a.seriesId)?.get(a.lastSlice)?.id ?? null, a.id);
    db.exec('ALTER TABLE assignment DROP COLUMN last_slice');

    // One audit row per series with the map applied, so that older rows naming positions can be
    // read as the images they meant (frame 1: schema 7 had one image per file).
    const last = db.prepare('SELECT row_hash FROM audit ORDER BY id DESC LIMIT 1');
    const insertAudit = db.prepare(
      `INSERT INTO audit (at, actor_id, action, entity, entity_id, before_hash, after_hash, details, prev_hash, row_hash)
       VALUES (?, NULL, 'migration.image_identity', 'series', ?, NULL, NULL, ?, ?, ?)`,
    );
    for (const s of series) {
      const bySlice = maps.get(s.id)!;
      const map = [...bySlice.entries()].sort((a, b) => a[0] - b[0]).map(([slice, image]) => [slice, image.sop, 1]);
      const details = JSON.stringify({ schema: 8, seriesUid: s.uid, map, format: '[sliceIndex (0-based, as audit rows before schema 8 name it), SOP Instance UID, frame]' });
      const prev = (last.get() as { row_hash: string } | undefined)?.row_hash ?? '0'.repeat(64);
      // The chain's row hash as schema 8 computes it (audit-repository.ts at the time of writing).
      const rowHash = createHash('sha256').update(JSON.stringify([prev, now, null, 'migration.image_identity', 'series', String(s.id), null, null, details])).digest('hex');
      insertAudit.run(now, String(s.id), details, prev, rowHash);
    }
  },
};
