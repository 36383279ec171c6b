import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../../shared/contracts';
import { encodeMask } from '../../../shared/geometry/mask';
import type { ImageRef } from '../../../shared/model/imaging';
import { testCore } from '../../support/core';
import { TINY_SIZE, TINY_SLICES, writeTinySeries } from '../../support/tiny-mr-series';

const PASSWORD = 'correct-horse-7';

/** Waits for an import started through the contract and returns its final report. */
async function imported(api: HostApi, paths: string[]) {
  const { runId } = await api.imaging.importStart({ paths });
  for (;;) {
    const report = await api.imaging.importReport({ runId });
    if (report.status !== 'running') return report;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A mask that says which image it was drawn on: a square whose place depends on the SOP UID. */
function maskFor(image: ImageRef, reader: number) {
  const n = [...image.sopInstanceUid].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7);
  const pixels = new Uint8Array(TINY_SIZE * TINY_SIZE);
  const r0 = 10 + (n % 90);
  const c0 = 10 + ((n * 7) % 80) + reader * 3;
  for (let r = r0; r < r0 + 12; r++) for (let c = c0; c < c0 + 12; c++) pixels[r * TINY_SIZE + c] = 1;
  return encodeMask(pixels, TINY_SIZE, TINY_SIZE);
}

describe('a slice imported after reads were saved (a second CD, a forgotten folder)', () => {
  it('lands in its place; every saved read, lock, resume point and consensus decision stays on its image', async () => {
    const { api, dir } = testCore();
    const dicom = writeTinySeries(join(dir, 'dicom'), [{ patientId: 'LATE-001', description: 'STIR SAG L-SPINE', seriesNumber: 7 }]);
    // Slice 6 of 18 is missing from the first CD.
    const held = join(dir, 'late.dcm');
    renameSync(join(dicom, 'LATE-001-7-06.dcm'), held);

    const coord = api('coord');
    await coord.study.create({ title: 'Late slice', file: join(dir, 'late.bmestudy') });
    await coord.session.createFirstCoordinator({ username: 'coord', displayName: 'Dr Coordinator', password: PASSWORD });
    const first = await imported(coord, [dicom]);
    expect(first.imported).toBe(TINY_SLICES - 1);
    const [series] = await coord.imaging.seriesList();
    const seriesId = series!.seriesId;
    const readers = ['ann', 'ben'];
    for (const [k, username] of readers.entries()) {
      const account = await coord.accounts.create({ username, displayName: `Dr ${username}`, role: 'reader', password: PASSWORD });
      await coord.assignments.set({ seriesId, slot: k === 0 ? 'reader1' : 'reader2', accountId: account.id });
      await api(username).study.open({ file: join(dir, 'late.bmestudy') });
      await api(username).session.signIn({ username, password: PASSWORD });
    }

    // Both readers read every slice: BME on every third image, each reader's mask placed by the
    // image it is on; they disagree on one image (ann present, ben absent).
    const saved = new Map<string, { label: string; hash: string }>();
    const before = await api('ann').reading.open({ seriesId });
    const disputed = before.slices[10]!.image;
    for (const [k, username] of readers.entries()) {
      const read = await api(username).reading.open({ seriesId });
      for (const slice of read.slices) {
        const present = slice.index % 3 === 0 || (username === 'ann' && slice.image.sopInstanceUid === disputed.sopInstanceUid);
        const result = await api(username).reading.saveSlice({
          seriesId, image: slice.image, label: present ? 'present' : 'absent', mask: present ? maskFor(slice.image, k) : null, beforeHash: slice.hash, action: 'Brush stroke',
        });
        saved.set(`${username}:${slice.image.sopInstanceUid}`, { label: present ? 'present' : 'absent', hash: result.hash });
      }
      await api(username).reading.lock({ seriesId });
    }
    // ann resumes at the image she was last on; the coordinator settles the disputed image.
    await api('ann').reading.setPosition({ seriesId, image: before.slices[12]!.image });
    const queue = await coord.adjudication.queue();
    expect(queue.items.map((i) => i.image)).toEqual([disputed]);
    await coord.adjudication.resolve({ seriesId, image: disputed, method: 'accept_reader1', reason: 'edema on STIR' });
    const consensusBefore = new Map<string, string>();
    for (const slice of before.slices) {
      const c = await coord.adjudication.slice({ seriesId, image: slice.image });
      consensusBefore.set(slice.image.sopInstanceUid, `${c.consensus?.label}:${c.consensus?.method}`);
    }

    // The second CD: the missing slice arrives and the series is sorted again under the reads.
    const second = await imported(coord, [held]);
    expect(second.imported).toBe(1);
    const after = await api('ann').reading.open({ seriesId });
    expect(after.slices).toHaveLength(TINY_SLICES);
    const known = new Set(before.slices.map((s) => s.image.sopInstanceUid));
    const lateAt = after.slices.findIndex((s) => !known.has(s.image.sopInstanceUid));
    const late = after.slices[lateAt]!;
    expect(lateAt).toBeGreaterThan(0);
    expect(late.label).toBe('unread');
    /** Where an image that was at position i sits now: one further down when past the late slice. */
    const moved = (i: number) => (i < lateAt ? i : i + 1);
    expect(after.slices.filter((_, i) => i !== lateAt).map((s) => s.image)).toEqual(before.slices.map((s) => s.image));

    for (const username of readers) {
      const read = await api(username).reading.open({ seriesId });
      expect(read.locked).toBe(true);
      for (const slice of read.slices) {
        if (slice.image.sopInstanceUid === late.image.sopInstanceUid) continue;
        const was = saved.get(`${username}:${slice.image.sopInstanceUid}`)!;
        expect({ image: slice.image.sopInstanceUid, label: slice.label, hash: slice.hash }).toEqual({ image: slice.image.sopInstanceUid, label: was.label, hash: was.hash });
      }
      // Images past the late one moved down by one position, their reads with them.
      expect(read.slices[moved(10)]!.image).toEqual(disputed);
    }
    expect(after.lastSlice).toBe(moved(12));
    expect(after.slices[after.lastSlice]!.image).toEqual(before.slices[12]!.image);
    expect((await api('ann').reading.worklist())[0]!.lastSlice).toBe(moved(12));
    for (const slice of after.slices) {
      if (slice.image.sopInstanceUid === late.image.sopInstanceUid) continue;
      const c = await coord.adjudication.slice({ seriesId, image: slice.image });
      expect(`${c.consensus?.label}:${c.consensus?.method}`, `consensus of ${slice.image.sopInstanceUid}`).toBe(consensusBefore.get(slice.image.sopInstanceUid));
    }
    const disputedCase = await coord.adjudication.slice({ seriesId, image: disputed });
    expect(disputedCase.sliceIndex).toBe(moved(10));
    expect(disputedCase.consensus).toMatchObject({ label: 'present', method: 'accept_reader1', reason: 'edema on STIR' });
  });

  it('refuses a save naming an image the series does not have, in words', async () => {
    const { api, dir } = testCore();
    const dicom = writeTinySeries(join(dir, 'dicom'), [{ patientId: 'LATE-002', description: 'STIR SAG C-SPINE', seriesNumber: 3 }]);
    const coord = api('coord');
    await coord.study.create({ title: 'Wrong image', file: join(dir, 'w.bmestudy') });
    const me = await coord.session.createFirstCoordinator({ username: 'coord', displayName: 'Dr Coordinator', password: PASSWORD });
    await imported(coord, [dicom]);
    const [series] = await coord.imaging.seriesList();
    await coord.assignments.set({ seriesId: series!.seriesId, slot: 'reader1', accountId: me.id });
    const read = await coord.reading.open({ seriesId: series!.seriesId });
    const stranger = { sopInstanceUid: '1.2.826.0.1.3680043.10.99.1', frame: 1 };
    await expect(
      coord.reading.saveSlice({ seriesId: series!.seriesId, image: stranger, label: 'absent', mask: null, beforeHash: read.slices[0]!.hash, action: 'Mark absent' }),
    ).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining(`Series ${series!.seriesId} has no image …`) });
    await expect(
      coord.reading.saveSlice({ seriesId: series!.seriesId, image: { ...read.slices[0]!.image, frame: 2 }, label: 'absent', mask: null, beforeHash: read.slices[0]!.hash, action: 'Mark absent' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
