import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { studyDataDir } from '../../../electron/core/dicom/import/blob-store';
import { openSqlite } from '../../../electron/core/db/sqlite';
import type { ImportReport } from '../../../shared/model/imaging';
import type { SeriesRead, WorklistItem } from '../../../shared/model/reading';
import { testCore } from '../../support/core';
import { demoStudyCopy } from '../../support/demo';
import { ROOT } from '../../support/host-process';
import { tempDir } from '../../support/temp';
import { writeTinySeries, type TinySeriesSpec } from '../../support/tiny-mr-series';

/**
 * A storage failure in the middle of an import (the disk fills up, another program holds the
 * write lock; an I/O error takes the same path): the import ends 'failed' with a message naming
 * the study and what to do, nothing else stops, no run stays 'running' and no half-written copy
 * ('.tmp') stays behind.
 */

function dicomCohort(patients: number): string {
  const specs: TinySeriesSpec[] = [];
  for (let p = 0; p < patients; p++) for (const [n, d] of [[3, 'C'], [5, 'T'], [7, 'L']] as const) specs.push({ patientId: `FAIL-${p}`, description: `STIR SAG ${d}-SPINE`, seriesNumber: n });
  return writeTinySeries(join(tempDir('bme-importfail-'), 'dicom'), specs);
}

function temporaries(studyFile: string): string[] {
  return readdirSync(join(studyDataDir(studyFile), 'blobs'), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.tmp'));
}

async function until<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function coordinatorAndReader(file: string) {
  const t = testCore();
  await t.api('coord').study.open({ file });
  await t.api('coord').session.signIn({ username: 'coordinator', password: 'coordinator-demo' });
  await t.api('r2').study.open({ file });
  await t.api('r2').session.signIn({ username: 'reader2', password: 'reader2-demo' });
  const item = ((await t.api('r2').reading.worklist()) as WorklistItem[]).find((w) => !w.locked)!;
  const read = (await t.api('r2').reading.open({ seriesId: item.seriesId })) as SeriesRead;
  const save = () => t.api('r2').reading.saveSlice({ seriesId: item.seriesId, image: read.slices[0]!.image, label: 'absent', mask: null, beforeHash: read.slices[0]!.hash, action: 'Mark absent' });
  return { ...t, save };
}

function finished(core: Core, runId: number): Promise<ImportReport> {
  return new Promise((resolve) => {
    const stop = core.events.connect((_s, event, payload) => {
      if (event === 'import.finished' && (payload as ImportReport).runId === runId) {
        stop();
        resolve(payload as ImportReport);
      }
    });
  });
}

describe('a storage failure during an import', () => {
  it('disk full: the import fails in words, the run is recorded once there is space, no .tmp stays, and a reader still saves', async () => {
    const file = await demoStudyCopy(1, 7);
    const { core, api, save } = await coordinatorAndReader(file);
    const study = core.registry.get(file)!;
    study.db.pragma(`max_page_count = ${(study.db.pragma('page_count', { simple: true }) as number) + 3}`);
    const { runId } = (await api('coord').imaging.importStart({ paths: [dicomCohort(6)] })) as { runId: number };
    const report = await finished(core, runId);
    expect(report.status).toBe('failed');
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(new RegExp(`The disk holding ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is full`));
    expect(temporaries(file)).toEqual([]);

    study.db.pragma('max_page_count = 1073741823');
    const recorded = await until('the run', async () => ((await api('coord').imaging.importReport({ runId })) as ImportReport).status, (s) => s !== 'running');
    expect(recorded).toBe('failed');
    await save();
  });

  it('another program holds the write lock: the import fails in words and its run is recorded when the lock is released', async () => {
    const file = await demoStudyCopy(1, 7);
    const { core, api, save } = await coordinatorAndReader(file);
    const study = core.registry.get(file)!;
    study.db.pragma('busy_timeout = 300');
    const { runId } = (await api('coord').imaging.importStart({ paths: [dicomCohort(6)] })) as { runId: number };
    const other = openSqlite(file);
    other.pragma('busy_timeout = 10000');
    const before = (other.prepare('SELECT count(*) AS n FROM instance').get() as { n: number }).n;
    // Once the first batch is in, the other program takes the lock and keeps it.
    await until('the first batch', () => (other.prepare('SELECT count(*) AS n FROM instance').get() as { n: number }).n, (n) => n > before);
    other.exec('BEGIN IMMEDIATE');
    const report = await finished(core, runId);
    expect(report.status).toBe('failed');
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(/is locked by another program that is writing to it/);
    await expect(save()).rejects.toMatchObject({ code: 'io' });
    other.exec('COMMIT');
    other.close();
    expect(await until('the run', async () => ((await api('coord').imaging.importReport({ runId })) as ImportReport).status, (s) => s !== 'running')).toBe('failed');
    expect(temporaries(file)).toEqual([]);
    await save();
  });

  it('bme import whose process died mid-import leaves no run running: the next import or report settles it', async () => {
    const file = await demoStudyCopy(1, 7);
    const child = spawn(process.execPath, [join(ROOT, 'bin/bme.cjs'), 'import', dicomCohort(12), '--db', file], { stdio: 'ignore' });
    const watch = openSqlite(file, { readonly: true });
    const before = (watch.prepare('SELECT count(*) AS n FROM instance').get() as { n: number }).n;
    await until('the first batch', () => (watch.prepare('SELECT count(*) AS n FROM instance').get() as { n: number }).n, (n) => n > before, 30_000);
    watch.close();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const { api } = await coordinatorAndReader(file);
    const runs = openSqlite(file, { readonly: true });
    const { id } = runs.prepare('SELECT max(id) AS id FROM import_run').get() as { id: number };
    runs.close();
    const report = (await api('coord').imaging.importReport({ runId: id })) as ImportReport;
    expect(report.status).toBe('failed');
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(/stopped before it finished/);
    expect(temporaries(file)).toEqual([]);
  });

  it('bme import while another program holds the lock longer than it waits: exits 1 with the reason in words, its run recorded, no .tmp', async () => {
    const file = await demoStudyCopy(1, 7);
    const child = spawn(process.execPath, [join(ROOT, 'bin/bme.cjs'), 'import', dicomCohort(6), '--db', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const other = openSqlite(file);
    other.pragma('busy_timeout = 10000');
    const before = (other.prepare('SELECT count(*) AS n FROM instance').get() as { n: number }).n;
    await until('the first batch', () => (other.prepare('SELECT count(*) AS n FROM instance').get() as { n: number }).n, (n) => n > before);
    other.exec('BEGIN IMMEDIATE');
    // bme waits 5 s for a lock (busy_timeout): hold it longer, then let go.
    await new Promise((r) => setTimeout(r, 6500));
    other.exec('COMMIT');
    const code = await exited;
    expect(code, err).toBe(1);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace: a report, not a crash
    const report = JSON.parse(out) as ImportReport;
    expect(report.status, out).toBe('failed');
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(/is locked by another program that is writing to it/);
    const run = other.prepare('SELECT status FROM import_run WHERE id = ?').get(report.runId) as { status: string };
    other.close();
    expect(run.status).toBe('failed');
    expect(temporaries(file)).toEqual([]);
  }, 120_000);
});
