import { describe, expect, it } from 'vitest';
import { encodeRuns, wireMask } from '../../../shared/geometry/mask';
import type { ParamsOf } from '../../../shared/contracts';
import { storageFailure } from '../../../electron/core/reliability/storage-errors';
import { verifyAuditChain } from '../../../electron/core/reliability/verify-audit';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { openSqlite } from '../../../electron/core/db/sqlite';

/** A speckled lesion in a 48 x 48 box: a few hundred runs, so each save needs some space. */
function speckle(width: number, height: number, seed: number): number[] {
  const mask = new Uint8Array(width * height);
  let s = seed;
  for (let y = 40; y < 88; y++) {
    for (let x = 40; x < 88; x++) {
      s = (s * 1103515245 + 12345) >>> 0;
      mask[y * width + x] = (s >>> 16) % 5 === 0 ? 1 : 0;
    }
  }
  return encodeRuns(mask, width, height);
}

describe('a write failure (disk full) at the repository boundary', () => {
  it("reaches the reader as an 'io' error in words, loses nothing saved before, and the same save succeeds once there is space", async () => {
    const file = await demoStudyCopy(1, 7);
    const { core, api } = testCore();
    await api('r2').study.open({ file });
    await api('r2').session.signIn({ username: 'reader2', password: 'reader2-demo' });
    const item = (await api('r2').reading.worklist()).find((w) => !w.locked)!;
    const read = await api('r2').reading.open({ seriesId: item.seriesId });

    // The disk is nearly full from now on: SQLite may grow the file by four pages at most.
    const study = core.registry.get(file)!;
    study.db.pragma(`max_page_count = ${(study.db.pragma('page_count', { simple: true }) as number) + 4}`);

    const confirmed = new Map<number, string>();
    let refusal: { code: string; message: string } | null = null;
    let failed: ParamsOf<'reading', 'saveSlice'> | null = null;
    let failedIndex = -1;
    for (let n = 0; n < 400 && !refusal; n++) {
      const slice = read.slices[n % read.slices.length]!;
      const params: ParamsOf<'reading', 'saveSlice'> = {
        seriesId: item.seriesId,
        image: slice.image,
        label: 'present',
        mask: wireMask(read.width, read.height, speckle(read.width, read.height, n + 1)),
        beforeHash: confirmed.get(slice.index) ?? slice.hash,
        action: 'Brush stroke',
      };
      try {
        const saved = await api('r2').reading.saveSlice(params);
        confirmed.set(slice.index, saved.hash);
      } catch (e) {
        refusal = e as { code: string; message: string };
        failed = params;
        failedIndex = slice.index;
      }
    }
    expect(refusal, 'the disk never filled up').not.toBeNull();
    expect(confirmed.size).toBeGreaterThan(0);
    expect(refusal!.code).toBe('io');
    expect(refusal!.message).toContain(`The disk holding ${file} is full`);
    expect(refusal!.message).toContain('This change was not saved; everything saved before it is intact. Free some space on that disk, then save again.');

    // Everything confirmed is there; the failed slice is as it was before the failed save.
    const after = await api('r2').reading.open({ seriesId: item.seriesId });
    for (const [index, hash] of confirmed) {
      if (index !== failedIndex) expect(after.slices[index]!.hash).toBe(hash);
    }
    expect(after.slices[failedIndex]!.image).toEqual(failed!.image);
    expect(after.slices[failedIndex]!.hash).toBe(failed!.beforeHash);
    expect(verifyAuditChain(study.db).ok).toBe(true);

    // Space again: the save the reader kept in memory goes through unchanged.
    study.db.pragma('max_page_count = 1073741823');
    const retried = await api('r2').reading.saveSlice(failed!);
    confirmed.set(failedIndex, retried.hash);
    core.close();

    const db = openSqlite(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Map(
      (db.prepare('SELECT i.slice_index AS i, r.content_hash AS h FROM slice_read r JOIN instance i ON i.id = r.instance_id WHERE r.assignment_id = (SELECT id FROM assignment WHERE series_id = ? AND reader_slot = ?)').all(item.seriesId, 'reader2') as { i: number; h: string }[]).map(
        (r) => [r.i, r.h],
      ),
    );
    db.close();
    for (const [index, hash] of confirmed) expect(stored.get(index)).toBe(hash);
  });

  it('names the study and what to do for each kind of storage failure', () => {
    const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });
    const cases: [string, RegExp][] = [
      ['SQLITE_FULL', /The disk holding \/s\/a\.bmestudy is full .* Free some space/],
      ['SQLITE_IOERR_WRITE', /The disk refused a write to \/s\/a\.bmestudy .* Check the drive/],
      ['SQLITE_READONLY', /\/s\/a\.bmestudy cannot be written: the file or its folder is read-only .* Make the folder writable/],
      ['SQLITE_BUSY', /\/s\/a\.bmestudy is locked by another program .* then save again/],
      ['ENOSPC', /is full/],
    ];
    for (const [code, words] of cases) {
      const e = storageFailure(sqlite(code, 'x'), '/s/a.bmestudy');
      expect(e?.code, code).toBe('io');
      expect(e?.message, code).toMatch(words);
      expect(e?.message, code).toContain('everything saved before it is intact');
    }
    expect(storageFailure(sqlite('SQLITE_CONSTRAINT_UNIQUE', 'x'), '/s/a.bmestudy')).toBeNull();
    expect(storageFailure(new TypeError('bug'), '/s/a.bmestudy')).toBeNull();
  });
});
