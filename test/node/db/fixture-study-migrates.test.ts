import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../electron/core/db/migrations';
import { BlobStore, studyDataDir } from '../../../electron/core/dicom/import/blob-store';
import { verifyAuditChain } from '../../../electron/core/reliability/verify-audit';
import { StudyRegistry } from '../../../electron/core/study-registry';
import { fixtureStudyCopy, fixtureSchemas } from '../../support/fixture-study';

/**
 * Every committed fixture study (made by an earlier version, with months of reading in miniature:
 * reads by two readers and a comparison reader, locks, consensus, a trained model, an evaluation,
 * suggestions and their audit rows) opens in this version, migrates to the newest schema, keeps a
 * verifying audit chain, and keeps every read and consensus decision on the image it was made on.
 */
describe.each(fixtureSchemas())('the fixture study of schema %i', (version) => {
  it(`migrates to schema ${latestSchemaVersion} and keeps every read, lock, consensus decision, model and audit row`, async () => {
    const { file, manifest } = await fixtureStudyCopy(version);
    expect(manifest.schemaVersion).toBe(version);
    const registry = new StudyRegistry();
    const study = registry.acquire(file);
    try {
      expect(study.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);

      const chain = verifyAuditChain(study.db);
      expect(chain.firstTampered).toBeNull();
      expect(chain.ok).toBe(true);
      expect(chain.appendOnly).toBe(true);
      // The old rows are still there, unchanged: the head the fixture recorded is still in the chain.
      const head = study.audit.all().find((r) => r.id === manifest.auditHead.id);
      expect(head?.rowHash).toBe(manifest.auditHead.rowHash);
      expect(chain.rows).toBeGreaterThanOrEqual(manifest.counts.audit);

      const seriesOf = (uid: string) => {
        const id = study.imaging.seriesIdByUid(uid);
        expect(id, `series ${uid}`).not.toBeNull();
        return id!;
      };
      const sliceOf = (seriesId: number, sop: string) => {
        const inst = study.imaging.instances(seriesId).find((i) => i.sopUid === sop);
        expect(inst, `image ${sop}`).toBeDefined();
        return inst!;
      };
      const blobs = BlobStore.forStudy(file);
      for (const i of manifest.instances) {
        const inst = sliceOf(seriesOf(i.seriesUid), i.sopInstanceUid);
        expect(inst.blobSha256).toBe(i.blobSha256);
        expect(blobs.has(inst.blobSha256)).toBe(true);
      }

      let reads = 0;
      for (const r of manifest.reads) {
        const account = study.accounts.byUsername(r.reader)!;
        const seriesId = seriesOf(r.seriesUid);
        const assignment = study.assignments.get(seriesId, account.id)!;
        expect(assignment.readerSlot).toBe(r.slot);
        const stored = study.reads.get(assignment.id, sliceOf(seriesId, r.sopInstanceUid).id);
        expect(stored, `${r.reader}'s read of ${r.sopInstanceUid}`).not.toBeNull();
        expect({ label: stored!.label, hash: stored!.contentHash, pixels: stored!.maskPixels, revision: stored!.revision }).toEqual({
          label: r.label,
          hash: r.contentHash,
          pixels: r.maskPixels,
          revision: r.revision,
        });
        reads++;
      }
      expect(reads).toBe(manifest.reads.length);
      const storedReads = study.assignments.all().reduce((n, a) => n + study.reads.forAssignment(a.id).length, 0);
      expect(storedReads).toBe(manifest.reads.length);

      for (const l of manifest.locks) {
        const a = study.assignments.get(seriesOf(l.seriesUid), study.accounts.byUsername(l.reader)!.id)!;
        expect(a.lockedAt !== null, `${l.reader}'s lock of ${l.seriesUid}`).toBe(l.locked === 1);
      }

      for (const c of manifest.consensus) {
        const seriesId = seriesOf(c.seriesUid);
        const row = study.consensus.currentOf(sliceOf(seriesId, c.sopInstanceUid).id);
        expect({ label: row?.label, hash: row?.contentHash, method: row?.method }).toEqual({ label: c.label, hash: c.contentHash, method: c.method });
      }
      expect(study.consensus.allCurrent()).toHaveLength(manifest.consensus.length);

      const models = study.models.all();
      expect(models).toHaveLength(manifest.counts.models);
      for (const m of models) {
        expect(m.status).toBe('done');
        const dir = join(studyDataDir(file), study.models.filesDir(m.id)!);
        expect(existsSync(join(dir, 'fold-0', 'model.json'))).toBe(true);
        expect(study.evaluations.forModel(m.id).length).toBeGreaterThan(0);
      }
      const suggestions = study.imaging.allSeries().reduce((n, s) => n + study.evaluations.suggestions(s.id).length, 0);
      expect(suggestions).toBe(manifest.counts.suggestions);
    } finally {
      registry.closeAll();
    }
  });
});
