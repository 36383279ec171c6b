// Masks at the contract boundary: the router refuses a malformed mask with bad_request naming the
// field (the EncodedMask schema's refinement, no hand checks in the services), and an empty mask
// is stored, sent and hashed as no ROI. Malformed masks are built the way a client could send
// them: a valid wire mask with its runs replaced.
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../../shared/contracts/errors';
import { wireMask, type EncodedMask } from '../../../shared/geometry/mask';
import { sliceReadHash } from '../../../shared/model/slice-read-hash';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';

async function setUp() {
  const file = await demoStudyCopy(3, 11);
  const { api } = testCore();
  for (const [name, password] of [['coordinator', 'coordinator-demo'], ['reader1', 'reader1-demo']] as const) {
    await api(name).study.open({ file });
    await api(name).session.signIn({ username: name, password });
  }
  return { coord: api('coordinator'), reader: api('reader1') };
}

/** The refusal of a call that must fail, as the client sees it. */
async function refusal(call: Promise<unknown>): Promise<RemoteError> {
  const err = await call.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(RemoteError);
  return err as RemoteError;
}

const issuesOf = async (call: Promise<unknown>) => {
  const err = await refusal(call);
  expect(err.code).toBe('bad_request');
  return (err.details as { issues: { path: string[]; message: string }[] }).issues;
};

describe('masks at the contract boundary', () => {
  it('reading.saveSlice refuses malformed runs naming the field, and a mask of another size naming the slice', async () => {
    const { reader } = await setUp();
    const item = (await reader.reading.worklist()).find((w) => !w.locked)!;
    const read = await reader.reading.open({ seriesId: item.seriesId });
    const slice = read.slices[0]!;
    const n = read.width * read.height;
    const save = (mask: EncodedMask) =>
      reader.reading.saveSlice({ seriesId: item.seriesId, image: slice.image, label: 'present', mask, beforeHash: slice.hash, action: 'Brush stroke' });
    const raw = (runs: number[]): EncodedMask => ({ ...wireMask(read.width, read.height, [n]), runs });

    const short = await issuesOf(save(raw([1, 2, n - 10])));
    expect(short).toEqual([{ path: ['mask', 'runs'], message: `Mask runs cover ${n - 7} pixels but the image has ${read.width} x ${read.height} = ${n}.` }]);
    const zero = await issuesOf(save(raw([1, 0, n - 1])));
    expect(zero[0]!.path).toEqual(['mask', 'runs', '1']);
    expect(zero[0]!.message).toMatch(/only the first may be 0/);
    expect((await refusal(save(raw([0.5, n - 0.5])))).message).toMatch(/Invalid arguments to reading.saveSlice: .*runs must be whole numbers/s);

    const other = await refusal(save(wireMask(read.width, read.height + 1, [1, 2, n + read.width - 3])));
    expect(other.message).toBe(`Slice 1 of series ${item.seriesId}: the mask is ${read.width} x ${read.height + 1} but the image is ${read.width} x ${read.height}.`);
  });

  it('an empty mask is stored and hashed as no ROI', async () => {
    const { reader } = await setUp();
    const item = (await reader.reading.worklist()).find((w) => !w.locked)!;
    const read = await reader.reading.open({ seriesId: item.seriesId });
    const slice = read.slices[0]!;
    const empty = wireMask(read.width, read.height, [read.width * read.height]);
    const saved = await reader.reading.saveSlice({ seriesId: item.seriesId, image: slice.image, label: 'absent', mask: empty, beforeHash: slice.hash, action: 'Clear' });
    expect(saved.hash).toBe(sliceReadHash('absent', null));
    const again = await reader.reading.open({ seriesId: item.seriesId });
    expect(again.slices[0]!.mask).toBeNull();
    expect(again.slices[0]!.hash).toBe(saved.hash);
  });

  it('adjudication.resolve refuses an edited mask with bad runs or of another size, and an empty edit is absent', async () => {
    const { coord } = await setUp();
    const item = (await coord.adjudication.queue({})).items[0]!;
    const c = await coord.adjudication.slice({ seriesId: item.seriesId, image: item.image });
    const resolve = (mask: EncodedMask) => coord.adjudication.resolve({ seriesId: item.seriesId, image: item.image, method: 'edited', mask });
    const n = c.width * c.height;

    expect((await issuesOf(resolve({ ...wireMask(c.width, c.height, [n]), runs: [n - 1] })))[0]!.path).toEqual(['mask', 'runs']);
    expect((await refusal(resolve(wireMask(c.width + 1, c.height, [n + c.height])))).message).toMatch(/the mask is .* but the image is/);
    const absent = await coord.adjudication.resolve({ seriesId: item.seriesId, image: item.image, method: 'edited', mask: wireMask(c.width, c.height, [n]) });
    expect(absent).toMatchObject({ label: 'absent', mask: null });
  });
});
