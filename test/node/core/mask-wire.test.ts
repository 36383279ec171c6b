// Masks at the contract boundary: the router refuses a malformed mask with bad_request naming the
// field (the EncodedMask schema's refinement, no hand checks in the services), and an empty mask
// is stored, sent and hashed as no ROI. Calls go straight through core.router.call.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/session';
import { wireMask } from '../../../shared/geometry/mask';
import type { AdjudicationQueue } from '../../../shared/model/adjudication';
import type { SeriesRead, WorklistItem } from '../../../shared/model/reading';
import { sliceReadHash } from '../../../shared/model/slice-read-hash';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';

type Outcome = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

async function setUp() {
  const file = await demoStudyCopy(3, 11);
  const { core } = testCore();
  const session = (name: string) => core.sessions.get(name);
  const call = (s: Session, method: string, params: unknown = {}) => core.router.call(s, method, params) as Promise<Outcome>;
  const ok = async <T>(s: Session, method: string, params: unknown = {}): Promise<T> => {
    const out = await call(s, method, params);
    if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
    return out.result as T;
  };
  for (const [name, password] of [['coordinator', 'coordinator-demo'], ['reader1', 'reader1-demo']] as const) {
    await ok(session(name), 'study.open', { file });
    await ok(session(name), 'session.signIn', { username: name, password });
  }
  return { session, call, ok };
}

const issuesOf = (out: Outcome) => {
  expect(out.ok).toBe(false);
  if (out.ok) throw new Error('accepted');
  expect(out.error.code).toBe('bad_request');
  return (out.error.details as { issues: { path: string[]; message: string }[] }).issues;
};

describe('masks at the contract boundary', () => {
  it('reading.saveSlice refuses malformed runs naming the field, and a mask of another size naming the slice', async () => {
    const { session, call, ok } = await setUp();
    const r1 = session('reader1');
    const item = (await ok<WorklistItem[]>(r1, 'reading.worklist')).find((w) => !w.locked)!;
    const read = await ok<SeriesRead>(r1, 'reading.open', { seriesId: item.seriesId });
    const slice = read.slices[0]!;
    const n = read.width * read.height;
    const save = (mask: unknown) =>
      call(r1, 'reading.saveSlice', { seriesId: item.seriesId, sliceIndex: 0, label: 'present', mask, beforeHash: slice.hash, action: 'Brush stroke' });
    // What a client could send: a valid wire mask with its runs replaced.
    const raw = (runs: number[]) => ({ ...wireMask(read.width, read.height, [n]), runs });

    const short = issuesOf(await save(raw([1, 2, n - 10])));
    expect(short).toEqual([{ path: ['mask', 'runs'], message: `Mask runs cover ${n - 7} pixels but the image has ${read.width} x ${read.height} = ${n}.` }]);
    const zero = issuesOf(await save(raw([1, 0, n - 1])));
    expect(zero[0]!.path).toEqual(['mask', 'runs', '1']);
    expect(zero[0]!.message).toMatch(/only the first may be 0/);
    const fractional = await save(raw([0.5, n - 0.5]));
    expect(fractional.ok || fractional.error.message).toMatch(/Invalid arguments to reading.saveSlice: .*runs must be whole numbers/s);

    const other = await save(wireMask(read.width, read.height + 1, [1, 2, n + read.width - 3]));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.message).toBe(`Slice 1 of series ${item.seriesId}: the mask is ${read.width} x ${read.height + 1} but the image is ${read.width} x ${read.height}.`);
  });

  it('an empty mask is stored and hashed as no ROI', async () => {
    const { session, ok } = await setUp();
    const r1 = session('reader1');
    const item = (await ok<WorklistItem[]>(r1, 'reading.worklist')).find((w) => !w.locked)!;
    const read = await ok<SeriesRead>(r1, 'reading.open', { seriesId: item.seriesId });
    const slice = read.slices[0]!;
    const empty = wireMask(read.width, read.height, [read.width * read.height]);
    const saved = await ok<{ hash: string }>(r1, 'reading.saveSlice', { seriesId: item.seriesId, sliceIndex: 0, label: 'absent', mask: empty, beforeHash: slice.hash, action: 'Clear' });
    expect(saved.hash).toBe(sliceReadHash('absent', null));
    const again = await ok<SeriesRead>(r1, 'reading.open', { seriesId: item.seriesId });
    expect(again.slices[0]!.mask).toBeNull();
    expect(again.slices[0]!.hash).toBe(saved.hash);
  });

  it('adjudication.resolve refuses an edited mask with bad runs or of another size, and an empty edit is absent', async () => {
    const { session, call, ok } = await setUp();
    const coord = session('coordinator');
    const item = (await ok<AdjudicationQueue>(coord, 'adjudication.queue')).items[0]!;
    const c = await ok<{ width: number; height: number }>(coord, 'adjudication.slice', { seriesId: item.seriesId, sliceIndex: item.sliceIndex });
    const resolve = (mask: unknown) => call(coord, 'adjudication.resolve', { seriesId: item.seriesId, sliceIndex: item.sliceIndex, method: 'edited', mask });
    const n = c.width * c.height;

    expect(issuesOf(await resolve({ ...wireMask(c.width, c.height, [n]), runs: [n - 1] }))[0]!.path).toEqual(['mask', 'runs']);
    const other = await resolve(wireMask(c.width + 1, c.height, [n + c.height]));
    expect(other.ok || other.error.message).toMatch(/the mask is .* but the image is/);
    const absent = await ok<{ label: string; mask: unknown }>(coord, 'adjudication.resolve', {
      seriesId: item.seriesId, sliceIndex: item.sliceIndex, method: 'edited', mask: wireMask(c.width, c.height, [n]),
    });
    expect(absent).toMatchObject({ label: 'absent', mask: null });
  });
});
