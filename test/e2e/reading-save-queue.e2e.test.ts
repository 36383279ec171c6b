import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sameImage } from '../../shared/model/imaging';
import type { SeriesRead } from '../../shared/model/reading';
import { Viewport } from '../../renderer/src/editor/viewport';
import type { SaveStatus, SliceSaveRequest, SliceSaveResult } from '../../renderer/src/features/reading/save-queue';
import { ReadingWorkspace } from '../../renderer/src/features/reading/reading-workspace';
import { testCore } from '../support/core';
import { bme, PASSWORD } from '../support/reading-study';
import { tempDir } from '../support/temp';
import { writeTinySeries } from '../support/tiny-mr-series';

/**
 * The reader view's save path without the browser: the ReadingWorkspace (edit session, input
 * controller, save queue) driven like the canvas drives it, saving into a real core and study
 * file, through a transport that drops the connection when told to.
 */

type Fault = 'ok' | 'drop-before' | 'drop-after';

async function readingSetUp() {
  const dir = tempDir('bme-savequeue-');
  const dicom = writeTinySeries(join(dir, 'dicom'), [{ patientId: 'SQ-1', description: 'STIR SAG L-SPINE', seriesNumber: 1 }]);
  const file = join(dir, 'q.bmestudy');
  bme(['study', 'create', '--db', file, '--title', 'Save queue']);
  bme(['import', dicom, '--db', file]);
  const { api } = testCore();
  await api('coord').study.open({ file });
  await api('coord').session.createFirstCoordinator({ username: 'coord', displayName: 'Coordinator', password: PASSWORD });
  const reader = await api('coord').accounts.create({ username: 'rita', displayName: 'Rita', role: 'reader', password: PASSWORD });
  const [series] = await api('coord').imaging.seriesList();
  await api('coord').assignments.set({ seriesId: series!.seriesId, slot: 'reader1', accountId: reader.id });
  for (const window of ['window-1', 'window-2']) {
    await api(window).study.open({ file });
    await api(window).session.signIn({ username: 'rita', password: PASSWORD });
  }
  const seriesId = series!.seriesId;

  /** reading.saveSlice of window 1, through a connection that fails as `faults[slice]` says, in order. */
  const faults: Record<number, Fault[]> = {};
  const requests: SliceSaveRequest[] = [];
  /** The core's answer to each request that reached it (lost answers included). */
  const answers = new Map<SliceSaveRequest, SliceSaveResult>();
  const saveSlice = async (request: SliceSaveRequest): Promise<SliceSaveResult> => {
    requests.push(request);
    const fault = faults[sliceOf(request)]?.shift() ?? 'ok';
    if (fault === 'drop-before') throw Object.assign(new Error('The connection was lost.'), { code: 'disconnected' });
    const result = await api('window-1').reading.saveSlice(request);
    answers.set(request, result);
    if (fault === 'drop-after') throw Object.assign(new Error('The connection was lost.'), { code: 'disconnected' });
    return result;
  };
  const open = (sessionId = 'window-1') => api(sessionId).reading.open({ seriesId });
  const opened = await open();
  /** The slice index of the image a request saves, in the read as it was opened. */
  const sliceOf = (r: SliceSaveRequest) => opened.slices.findIndex((s) => sameImage(s.image, r.image));
  const ws = new ReadingWorkspace(
    opened,
    {
      open: () => open(),
      saveSlice,
      setPosition: (p) => api('window-1').reading.setPosition(p),
      lock: (p) => api('window-1').reading.lock(p),
    },
    { saveQueue: { retryDelaysMs: [5, 10, 20] } },
  );
  // Screen = image pixels: the canvas is the image's size at zoom 1.
  ws.controller.setViewport(new Viewport({ imageWidth: 128, imageHeight: 128, canvasWidth: 128, canvasHeight: 128, devicePixelRatio: 1, zoom: 1, offsetX: 0, offsetY: 0 }));
  const statuses: SaveStatus[] = [];
  ws.saves.subscribe(() => statuses.push(ws.saves.status()));
  return { ws, api, seriesId, faults, requests, answers, statuses, open, sliceOf };
}

function stroke(ws: ReadingWorkspace, points: [number, number][]): void {
  const [first, ...rest] = points;
  ws.controller.pointerDown({ x: first![0], y: first![1], button: 0 });
  for (const [x, y] of rest) ws.controller.pointerMove({ x, y, button: 0 });
  const last = points[points.length - 1]!;
  ws.controller.pointerUp({ x: last[0], y: last[1], button: 0 });
}

/** The study's copy of a slice equals what the reader sees. */
function expectSameAsStudy(ws: ReadingWorkspace, saved: SeriesRead, slice: number): void {
  const local = ws.session.mask(slice);
  expect(saved.slices[slice]!.label).toBe(ws.session.label(slice));
  if (local.isEmpty()) expect(saved.slices[slice]!.mask).toBeNull();
  else expect(saved.slices[slice]!.mask!.runs).toEqual(local.toWire().runs);
  expect(saved.slices[slice]!.hash).toBe(ws.saves.confirmedHash(slice));
}

describe('the reader view saves every change', () => {
  it('sends each stroke, label, undo and redo in order, each save naming the hash the previous one returned', async () => {
    const { ws, requests, answers, open, sliceOf } = await readingSetUp();
    ws.controller.goToSlice(8);
    stroke(ws, [[20, 20], [40, 20], [40, 40]]);
    stroke(ws, [[60, 60], [70, 70]]);
    ws.controller.perform('toolEraser');
    stroke(ws, [[40, 20], [40, 40]]);
    ws.controller.perform('undo');
    ws.controller.perform('redo');
    ws.controller.goToSlice(0);
    ws.controller.perform('markAbsent');
    expect(ws.saves.pending).toBeGreaterThan(0); // sent at once, not batched for later
    await ws.saves.whenIdle();

    // Per slice in order; slices do not wait for each other.
    expect(requests.filter((r) => sliceOf(r) === 8).map((r) => r.action)).toEqual(['Brush stroke', 'Brush stroke', 'Erase', 'Undo: Erase', 'Redo: Erase']);
    expect(requests.filter((r) => sliceOf(r) === 0).map((r) => r.action)).toEqual(['Mark absent']);
    const slice8 = requests.filter((r) => sliceOf(r) === 8);
    for (let k = 1; k < slice8.length; k++) expect(slice8[k]!.beforeHash).toBe(answers.get(slice8[k - 1]!)!.hash);
    const saved = await open();
    expectSameAsStudy(ws, saved, 8);
    expectSameAsStudy(ws, saved, 0);
    expect(saved.slices[8]!.label).toBe('present');
    expect(ws.saves.status()).toMatchObject({ kind: 'saved' });
  });

  it('retries after a dropped connection, and a save whose answer was lost counts as saved', async () => {
    const { ws, faults, requests, statuses, open } = await readingSetUp();
    ws.controller.goToSlice(6);
    faults[6] = ['drop-before', 'drop-before', 'ok', 'drop-after'];
    stroke(ws, [[30, 30], [50, 50]]); // lost twice before reaching the core, then saved
    stroke(ws, [[80, 30], [90, 40]]); // saved, but the answer is lost: the retry meets its own state
    ws.controller.perform('markPresent'); // already present: no change, no save
    ws.controller.goToSlice(7);
    ws.controller.perform('markAbsent');
    await ws.saves.whenIdle();

    const retrying = statuses.filter((s): s is Extract<SaveStatus, { kind: 'retrying' }> => s.kind === 'retrying');
    expect(retrying.length).toBeGreaterThan(0);
    expect(retrying[0]!.reason).toBe('the connection to the host was lost');
    // 3 changes; the first sent 3 times, the second twice (its retry answered by a conflict showing the same state).
    expect(requests.length).toBe(6);
    expect(ws.saves.problems()).toEqual([]);
    expect(ws.saves.pending).toBe(0);
    const saved = await open();
    expectSameAsStudy(ws, saved, 6);
    expectSameAsStudy(ws, saved, 7);
  });

  it('reports a slice changed in another window in words, and keeps the change until the reader decides', async () => {
    const { ws, api, seriesId, open } = await readingSetUp();
    const first = await open('window-2');
    // Another window of the same reader marks slices 3 and 4 absent first.
    for (const sliceIndex of [3, 4]) {
      await api('window-2').reading.saveSlice({ seriesId, image: first.slices[sliceIndex]!.image, label: 'absent', mask: null, beforeHash: first.slices[sliceIndex]!.hash, action: 'Mark absent' });
    }
    ws.controller.goToSlice(3);
    stroke(ws, [[50, 50], [60, 60]]);
    ws.controller.goToSlice(4);
    stroke(ws, [[20, 90], [30, 95]]);
    await ws.saves.whenIdle();

    const status = ws.saves.status();
    expect(status).toMatchObject({ kind: 'blocked', slices: [3, 4] });
    expect(ws.saves.problems()[0]!.message).toMatch(/Slice 4 of series \d+ changed since you loaded it/);
    expect(ws.saves.pending).toBe(2); // kept in memory, not dropped

    await ws.resolveConflict(3, 'overwrite'); // the reader keeps their lesion on slice 3
    await ws.resolveConflict(4, 'reload'); // and takes the other window's 'absent' on slice 4
    await ws.saves.whenIdle();
    expect(ws.saves.status()).toMatchObject({ kind: 'saved' });
    const saved = await open();
    expect(saved.slices[3]!.label).toBe('present');
    expectSameAsStudy(ws, saved, 3);
    expect(ws.session.label(4)).toBe('absent');
    expect(ws.session.mask(4).isEmpty()).toBe(true);
    expectSameAsStudy(ws, saved, 4);
  });
});
