import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, RemoteError, type ErrorCode } from '../../../shared/contracts/errors';
import { encodeMask, roiOrNull } from '../../../shared/geometry/mask';
import { createCore } from '../core';
import { coreClient } from '../core-client';
import { startImport } from '../dicom/import/import-runner';
import { generatePhantomCohort, synthesizePatient } from '../dicom/phantom';
import { Rng } from '../dicom/phantom/prng';
import { READER_PROFILES, simulateReaderMask } from './simulate-reader';

/** The demo study's accounts; the README lists them for new users. */
export const DEMO_ACCOUNTS = [
  { username: 'coordinator', password: 'coordinator-demo', displayName: 'Dr Chan (coordinator)', role: 'coordinator' },
  { username: 'reader1', password: 'reader1-demo', displayName: 'Dr Lee (rheumatologist)', role: 'reader' },
  { username: 'reader2', password: 'reader2-demo', displayName: 'Dr Wong (radiologist)', role: 'reader' },
  { username: 'radiologist', password: 'radiologist-demo', displayName: 'Dr Ho (comparison radiologist)', role: 'reader' },
] as const;

export interface DemoReport {
  file: string;
  patients: number;
  series: number;
  /** Series whose two primary reads are locked (ready for adjudication). */
  seriesLocked: number;
  seriesInProgress: number;
  seriesNotStarted: number;
  slicesSaved: number;
  accounts: { username: string; password: string; role: string }[];
}

type Plan = 'locked' | 'in_progress' | 'not_started';

/**
 * A ready-to-explore study: a phantom cohort imported, a coordinator, two readers and a comparison
 * reader, and simulated reads with realistic disagreement, some series locked and some in progress.
 * Everything goes through the same router, services and audit trail as the app.
 */
export async function buildDemoStudy(opts: { file: string; patients: number; seed: number; onProgress?: (line: string) => void }): Promise<DemoReport> {
  const work = mkdtempSync(join(tmpdir(), 'bme-demo-'));
  const core = createCore({ hostKind: 'test', dataDir: join(work, 'app'), studiesDir: work });
  const say = opts.onProgress ?? (() => undefined);
  const api = (session: string) => coreClient(core, session).api;
  try {
    await api('coordinator').study.create({ title: `Demo: synthetic spine cohort (${opts.patients} patients)`, file: opts.file });
    const [coord, ...readers] = DEMO_ACCOUNTS;
    await api('coordinator').session.createFirstCoordinator({ username: coord.username, displayName: coord.displayName, password: coord.password });
    const ids: Record<string, number> = {};
    for (const r of readers) {
      ids[r.username] = (await api('coordinator').accounts.create({ username: r.username, displayName: r.displayName, role: r.role, password: r.password })).id;
    }

    say(`generating ${opts.patients} phantom patients ...`);
    const cohort = await generatePhantomCohort({ outDir: join(work, 'cohort'), patients: opts.patients, seed: opts.seed });
    const study = core.registry.get(opts.file)!;
    const imported = await startImport(study, [cohort.outDir], 1, () => undefined).done;
    if (imported.imported !== cohort.files) throw new Error(`demo import took ${imported.imported} of ${cohort.files} slices`);

    const truth = new Map<string, Uint8Array>();
    for (let i = 0; i < opts.patients; i++) {
      for (const series of synthesizePatient(opts.seed, i).series) for (const s of series.slices) truth.set(s.sopInstanceUid, s.mask);
    }

    const series = await api('coordinator').imaging.seriesList();
    const rng = Rng.derive('demo', opts.seed);
    const plans = new Map<number, Plan>();
    for (const [k, s] of series.entries()) {
      const roll = rng.next();
      plans.set(s.seriesId, roll < 0.6 ? 'locked' : roll < 0.85 ? 'in_progress' : 'not_started');
      await api('coordinator').assignments.set({ seriesId: s.seriesId, slot: 'reader1', accountId: ids.reader1 });
      await api('coordinator').assignments.set({ seriesId: s.seriesId, slot: 'reader2', accountId: ids.reader2 });
      if (k % 2 === 0) await api('coordinator').assignments.set({ seriesId: s.seriesId, slot: 'comparison', accountId: ids.radiologist });
    }

    let saved = 0;
    for (const slot of ['reader1', 'reader2', 'radiologist'] as const) {
      const account = DEMO_ACCOUNTS.find((a) => a.username === slot)!;
      await api(slot).study.open({ file: opts.file });
      await api(slot).session.signIn({ username: account.username, password: account.password });
      const profile = READER_PROFILES[slot === 'radiologist' ? 'comparison' : slot];
      const mine = series.filter((s) => slot !== 'radiologist' || series.indexOf(s) % 2 === 0);
      say(`simulating ${account.displayName}: ${mine.length} series ...`);
      for (const s of mine) {
        const plan = plans.get(s.seriesId)!;
        // The first reader is ahead of the others: series in progress are finished by reader 1.
        const finish = plan === 'locked' || (plan === 'in_progress' && slot === 'reader1');
        if (plan === 'not_started' && slot !== 'reader1') continue;
        const read = await api(slot).reading.open({ seriesId: s.seriesId });
        const instances = study.imaging.instances(s.seriesId);
        const upTo = finish ? instances.length : Math.ceil(instances.length / 2);
        const readerRng = Rng.derive('demo-read', opts.seed, slot, s.seriesId);
        for (const inst of instances.slice(0, upTo)) {
          const t = truth.get(inst.sopUid) ?? new Uint8Array(read.width * read.height);
          const roi = roiOrNull(encodeMask(simulateReaderMask(t, read.width, read.height, profile, readerRng), read.width, read.height));
          await api(slot).reading.saveSlice({
            seriesId: s.seriesId,
            image: { sopInstanceUid: inst.sopUid, frame: inst.frame },
            label: roi ? 'present' : 'absent',
            mask: roi,
            beforeHash: read.slices[inst.sliceIndex]!.hash,
            action: roi ? 'Brush stroke (simulated)' : 'Mark absent (simulated)',
          });
          saved++;
        }
        if (finish) await api(slot).reading.lock({ seriesId: s.seriesId });
      }
    }
    // The coordinator has settled the disagreements of all but the last three finished series, so
    // the demo has a dataset to train on and work left in the adjudication queue.
    const queue = await api('coordinator').adjudication.queue();
    const queued = [...new Set(queue.items.map((i) => i.seriesId))];
    const leaveOpen = new Set(queued.slice(-3));
    for (const item of queue.items) {
      if (leaveOpen.has(item.seriesId)) continue;
      const method = item.reason === 'discordant_label' ? 'accept_reader1' : 'union';
      await api('coordinator').adjudication.resolve({ seriesId: item.seriesId, image: item.image, method, reason: 'settled in the demo' });
    }
    const count = (p: Plan) => [...plans.values()].filter((x) => x === p).length;
    return {
      file: opts.file,
      patients: opts.patients,
      series: series.length,
      seriesLocked: count('locked'),
      seriesInProgress: count('in_progress'),
      seriesNotStarted: count('not_started'),
      slicesSaved: saved,
      accounts: DEMO_ACCOUNTS.map((a) => ({ username: a.username, password: a.password, role: a.role })),
    };
  } catch (err) {
    // The CLI reports an AppError as a known failure: code and message, no stack.
    if (err instanceof RemoteError) throw new AppError(err.code as ErrorCode, `${err.method}: ${err.message}`, err.details);
    throw err;
  } finally {
    core.close();
    rmSync(work, { recursive: true, force: true });
  }
}
