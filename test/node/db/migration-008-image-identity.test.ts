import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/sqlite';
import { verifyAuditChain } from '../../../electron/core/reliability/verify-audit';
import { fixtureStudyCopy } from '../../support/fixture-study';
import { migrateTo } from '../../support/migrate-to';

/** Schema 8 binds reads, consensus, suggestions and resume points to images (migration 008). */
describe('migration 8: image identity', () => {
  it('re-keys the schema-7 fixture by image and records, per series, the position-to-image map it applied', async () => {
    const { file, manifest } = await fixtureStudyCopy(7);
    const db = openSqlite(file);
    try {
      const lastSliceBefore = db.prepare('SELECT id, series_id AS s, last_slice AS l FROM assignment ORDER BY id').all() as { id: number; s: number; l: number }[];
      const auditBefore = db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number };
      migrateTo(db, 8);

      const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('slice_read')).toEqual(['assignment_id', 'instance_id', 'label', 'mask_rle', 'mask_pixels', 'content_hash', 'updated_at', 'revision']);
      expect(columns('consensus')).not.toContain('slice_index');
      expect(columns('suggestion')).not.toContain('slice_index');
      expect(columns('assignment')).not.toContain('last_slice');

      // Each read is on the image the fixture says it was made on.
      const reads = db
        .prepare(
          `SELECT a2.username AS reader, i.sop_uid AS sop, r.content_hash AS hash FROM slice_read r JOIN assignment a ON a.id = r.assignment_id
           JOIN account a2 ON a2.id = a.account_id JOIN instance i ON i.id = r.instance_id`,
        )
        .all() as { reader: string; sop: string; hash: string }[];
      const key = (r: { reader: string; sop: string; hash: string }) => `${r.reader} ${r.sop} ${r.hash}`;
      expect(reads.map(key).sort()).toEqual(manifest.reads.map((r) => key({ reader: r.reader, sop: r.sopInstanceUid, hash: r.contentHash })).sort());

      // Resume points moved to the image at the old position.
      for (const a of lastSliceBefore) {
        const now = db.prepare('SELECT i.slice_index AS l FROM assignment a LEFT JOIN instance i ON i.id = a.last_instance_id WHERE a.id = ?').get(a.id) as { l: number | null };
        expect(now.l).toBe(a.l);
      }

      // One audit row per series with its map, chained like every other row.
      const maps = db.prepare("SELECT entity_id AS seriesId, details FROM audit WHERE action = 'migration.image_identity' ORDER BY id").all() as { seriesId: string; details: string }[];
      const seriesCount = (db.prepare('SELECT count(*) AS n FROM series').get() as { n: number }).n;
      expect(maps).toHaveLength(seriesCount);
      expect((db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n).toBe(auditBefore.n + seriesCount);
      const first = JSON.parse(maps[0]!.details) as { schema: number; seriesUid: string; map: [number, string, number][] };
      expect(first.schema).toBe(8);
      expect(first.map.map(([, sop]) => sop)).toEqual(manifest.instances.filter((i) => i.seriesUid === first.seriesUid).map((i) => i.sopInstanceUid));
      expect(first.map.map(([slice]) => slice)).toEqual(first.map.map((_, i) => i));
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, appendOnly: true });
    } finally {
      db.close();
    }
  });

  it('refuses, changing nothing, a study whose read points at a slice that has no image', async () => {
    const { file } = await fixtureStudyCopy(7);
    const db = openSqlite(file);
    try {
      const victim = db.prepare('SELECT assignment_id AS a, slice_index AS s FROM slice_read LIMIT 1').get() as { a: number; s: number };
      db.prepare('UPDATE slice_read SET slice_index = 999 WHERE assignment_id = ? AND slice_index = ?').run(victim.a, victim.s);
      expect(() => migrateTo(db, 8)).toThrow(/migration 8 \(image identity\) failed: A read of assignment \d+ refers to slice 1000 of series \d+, which has no image; restore the study from a backup .*Nothing was changed/);
      expect(db.pragma('user_version', { simple: true })).toBe(7);
      expect((db.prepare('PRAGMA table_info(slice_read)').all() as { name: string }[]).map((c) => c.name)).toContain('slice_index');
    } finally {
      db.close();
    }
  });
});
