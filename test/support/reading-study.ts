import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { SeriesSummary } from '../../shared/model/imaging';
import type { Account } from '../../shared/model/people';
import type { ReaderSlot } from '../../shared/model/reading';
import { connectHostClient, type HostClient } from './host-client';
import { ROOT, type HostProcess } from './host-process';
import { writeTinySeries, type TinySeriesSpec } from './tiny-mr-series';

export const PASSWORD = 'correct-horse-7';

/** Three series of one patient: cervical, thoracic, lumbar (18 slices of 128 x 128 each). */
export const TINY_COHORT: TinySeriesSpec[] = [
  { patientId: 'TINY-001', description: 'STIR SAG C-SPINE', seriesNumber: 3 },
  { patientId: 'TINY-001', description: 'STIR SAG T-SPINE', seriesNumber: 5 },
  { patientId: 'TINY-001', description: 'STIR SAG L-SPINE', seriesNumber: 7 },
];

export interface ReadingStudy {
  file: string;
  /** The study's series, sorted by segment: cervical, thoracic, lumbar. */
  series: SeriesSummary[];
  coordinator: Account;
  /** Reader accounts by user name. */
  readers: Record<string, Account>;
  /** The coordinator's signed-in client (close it when done). */
  admin: HostClient;
}

/** Runs the built CLI (`node bin/bme.cjs ...`) and returns its stdout; throws with its output. */
export function bme(args: string[]): string {
  try {
    return execFileSync(process.execPath, [join(ROOT, 'bin/bme.cjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`bme ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/**
 * A study ready for reading, made the way a coordinator would: images written as DICOM and
 * imported with the CLI, then (through the running host's WebSocket contract) the first
 * coordinator, reader accounts and the given assignments.
 */
export async function setUpReadingStudy(
  host: HostProcess,
  opts: { readers: { username: string; displayName: string }[]; assign: { series: number; slot: ReaderSlot; reader: string }[] },
): Promise<ReadingStudy> {
  const dicomDir = writeTinySeries(join(host.dataDir, 'dicom'), TINY_COHORT);
  const file = join(host.dataDir, 'studies', 'reading-e2e.bmestudy');
  bme(['study', 'create', '--db', file, '--title', 'Reading E2E']);
  const report = JSON.parse(bme(['import', dicomDir, '--db', file, '--json'])) as { status: string; imported: number };
  if (report.status !== 'done' || report.imported !== TINY_COHORT.length * 18) throw new Error(`import: ${JSON.stringify(report)}`);

  const admin = await connectHostClient(host);
  await admin.api.study.open({ file });
  const coordinator = await admin.api.session.createFirstCoordinator({ username: 'coord', displayName: 'Dr. Coordinator', password: PASSWORD });
  const readers: Record<string, Account> = {};
  for (const r of opts.readers) {
    readers[r.username] = await admin.api.accounts.create({ ...r, role: 'reader', password: PASSWORD });
  }
  const order = ['cervical', 'thoracic', 'lumbar'];
  const series = (await admin.api.imaging.seriesList()).sort((a, b) => order.indexOf(a.segment ?? '') - order.indexOf(b.segment ?? ''));
  for (const a of opts.assign) {
    await admin.api.assignments.set({ seriesId: series[a.series]!.seriesId, slot: a.slot, accountId: readers[a.reader]!.id });
  }
  return { file, series, coordinator, readers, admin };
}
