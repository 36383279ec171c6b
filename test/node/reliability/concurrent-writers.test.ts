import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeriesRead, WorklistItem } from '../../../shared/model/reading';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { ROOT } from '../../support/host-process';
import { tempDir } from '../../support/temp';
import { writeTinySeries, type TinySeriesSpec } from '../../support/tiny-mr-series';

/**
 * Two processes writing one study: `bme import` in a child process while a reader saves through
 * the core. SQLite serialises writers with one lock; a transaction that began deferred (reading
 * first) and then finds another process committed in between fails with SQLITE_BUSY_SNAPSHOT,
 * which busy_timeout cannot retry. Every write transaction must begin immediately.
 */
describe('bme import and the app writing the same study', () => {
  it('loses no save and no import batch: 0 failed saves while the import runs', async () => {
    const file = await demoStudyCopy(1, 7);
    const specs: TinySeriesSpec[] = [];
    for (let p = 0; p < 8; p++) for (const [n, d] of [[3, 'C'], [5, 'T'], [7, 'L']] as const) specs.push({ patientId: `BUSY-${p}`, description: `STIR SAG ${d}-SPINE`, seriesNumber: n });
    const dicom = writeTinySeries(join(tempDir('bme-busy-'), 'dicom'), specs);

    const { api } = testCore();
    await api('r2').study.open({ file });
    await api('r2').session.signIn({ username: 'reader2', password: 'reader2-demo' });
    const item = ((await api('r2').reading.worklist()) as WorklistItem[]).find((w) => !w.locked)!;
    const read = (await api('r2').reading.open({ seriesId: item.seriesId })) as SeriesRead;

    const child = spawn(process.execPath, [join(ROOT, 'bin/bme.cjs'), 'import', dicom, '--db', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let running = true;
    void exited.then(() => (running = false));

    const hashes = new Map<number, string>();
    const failures: string[] = [];
    let saves = 0;
    while (running || saves < 20) {
      // Saves through the core are synchronous: let the event loop see the child's output and exit.
      await new Promise((r) => setImmediate(r));
      const slice = read.slices[saves % read.slices.length]!;
      saves++;
      try {
        const saved = (await api('r2').reading.saveSlice({
          seriesId: item.seriesId,
          image: slice.image,
          label: saves % 2 ? 'absent' : 'unread',
          mask: null,
          beforeHash: hashes.get(slice.index) ?? slice.hash,
          action: 'Mark absent',
        })) as { hash: string };
        hashes.set(slice.index, saved.hash);
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
    const code = await exited;
    expect(failures, `${failures.length} of ${saves} saves failed, e.g. ${failures[0]}`).toEqual([]);
    expect(code, err).toBe(0);
    const report = JSON.parse(out) as { status: string; imported: number; problems: unknown[] };
    expect(report.status).toBe('done');
    expect(report.imported).toBe(specs.length * 18);
  }, 180_000);
});
