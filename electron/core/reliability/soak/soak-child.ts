import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMask, type EncodedMask } from '../../../../shared/geometry/mask';
import type { SeriesRead, SliceLabel } from '../../../../shared/model/reading';
import { sliceReadHash } from '../../../../shared/model/slice-read-hash';
import { RemoteError } from '../../../../shared/contracts/errors';
import { createCore } from '../../core';
import { coreClient } from '../../core-client';
import { Rng } from '../../dicom/phantom/prng';
import { formatSoakLine, SOAK_READER, type SoakLine } from './soak-protocol';

/**
 * The crash-soak child: opens the study through the real core, signs in as reader 1, and saves
 * slices through the router (`reading.saveSlice`) back to back, far faster than a person, printing
 * a line before each save and after each confirmation. The parent SIGKILLs it at random moments.
 *
 * Usage: node soak-child.cjs STUDY_FILE SEED
 */
async function main(): Promise<void> {
  const [file, seedArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: soak-child STUDY_FILE SEED');
  const rng = Rng.derive('crash-soak', Number(seedArg ?? 1));
  const core = createCore({ hostKind: 'test', dataDir: mkdtempSync(join(tmpdir(), 'bme-soak-app-')), studiesDir: tmpdir() });
  const session = core.sessions.get('soak');
  const { api } = coreClient(core, session);
  await api.study.open({ file });
  await api.session.signIn(SOAK_READER);
  const study = core.registry.get(file)!;
  const series = (await api.reading.worklist()).filter((w) => !w.locked);
  if (series.length === 0) throw new Error('reader 1 has no open series to save into');
  const reads = new Map<number, SeriesRead>();
  for (const s of series) reads.set(s.seriesId, await api.reading.open({ seriesId: s.seriesId }));
  const assignmentOf = new Map(series.map((s) => [s.seriesId, study.assignments.get(s.seriesId, session.user!.id)!.id]));
  say({ kind: 'ready', pid: process.pid });

  for (;;) {
    const read = reads.get(series[rng.int(0, series.length - 1)]!.seriesId)!;
    const slice = read.slices[rng.int(0, read.slices.length - 1)]!;
    const roll = rng.next();
    const label: SliceLabel = roll < 0.65 ? 'present' : roll < 0.95 ? 'absent' : 'unread';
    const mask = label === 'present' ? randomLesion(read.width, read.height, rng) : null;
    const afterHash = sliceReadHash(label, mask);
    const image = `${slice.image.sopInstanceUid}:${slice.image.frame}`;
    say({ kind: 'begin', seriesId: read.seriesId, image, assignmentId: assignmentOf.get(read.seriesId)!, afterHash });
    const result = await api.reading.saveSlice({
      seriesId: read.seriesId,
      image: slice.image,
      label,
      mask,
      beforeHash: slice.hash,
      action: label === 'present' ? 'Brush stroke (crash soak)' : label === 'absent' ? 'Mark absent (crash soak)' : 'Clear (crash soak)',
    });
    say({ kind: 'ok', seriesId: read.seriesId, image, hash: result.hash, revision: result.revision });
    read.slices[slice.index] = { ...slice, label, hash: result.hash, revision: result.revision, mask: null };
  }
}

/** A brush-stroke-like blob: a filled ellipse of 3 to 25 pixels radius somewhere in the image. */
function randomLesion(width: number, height: number, rng: Rng): EncodedMask {
  const mask = new Uint8Array(width * height);
  const rx = rng.int(3, 25);
  const ry = rng.int(3, 25);
  const cx = rng.int(rx, width - rx - 1);
  const cy = rng.int(ry, height - ry - 1);
  for (let y = cy - ry; y <= cy + ry; y++) {
    for (let x = cx - rx; x <= cx + rx; x++) {
      if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) mask[y * width + x] = 1;
    }
  }
  return encodeMask(mask, width, height);
}

const say = (l: SoakLine) => process.stdout.write(formatSoakLine(l) + '\n');

main().catch((err: unknown) => {
  if (err instanceof RemoteError) {
    // The core refused a call: a finding for the parent, not a crash of this child.
    say({ kind: 'fail', code: err.code, message: `${err.method}: ${err.message}` });
    process.exit(3);
  }
  process.stderr.write(`soak child: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
