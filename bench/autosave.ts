import { join } from 'node:path';
import { encodeMask, type EncodedMask } from '../shared/geometry/mask';
import { createCore, type Core } from '../electron/core/core';
import { coreClient } from '../electron/core/core-client';
import { BlobStore } from '../electron/core/dicom/import/blob-store';
import { phantomSliceDataset, synthesizePatient } from '../electron/core/dicom/phantom';
import { encodeDicomPart10 } from '../electron/core/dicom/write';
import { fmt, summary, table } from './bench-util';
import { openSqlite } from '../electron/core/db/sqlite';

/** One phantom series whose 18 slices every series of the cohort-size study shows (its size is the study's). */
function phantomSlices(studyFile: string): { width: number; height: number; shas: string[] } {
  const patient = synthesizePatient(7, 0);
  const series = patient.series.find((s) => s.slices.length >= 18)!;
  const blobs = BlobStore.forStudy(studyFile);
  const shas = series.slices.slice(0, 18).map((sl) => blobs.put(encodeDicomPart10(phantomSliceDataset(patient, series, sl))));
  return { width: series.columns, height: series.rows, shas };
}

let W = 0;
let H = 0;

/**
 * A study of cohort size: the paper's 330 patients x 3 series x 18 slices, every series assigned
 * to two readers, and both readers' reads of the first `preRead` series saved. Rows go straight
 * through the repositories, and every series shows the same 18 phantom slices (one copy in the
 * study's blob store): sizes and speeds are those of real slices, without generating 990 series.
 */
async function cohortSizeStudy(dir: string, patients: number, preRead: number): Promise<{ core: Core; file: string; seriesIds: number[] }> {
  const file = join(dir, 'cohort-size.bmestudy');
  const core = createCore({ hostKind: 'test', dataDir: join(dir, 'app'), studiesDir: dir });
  const api = (session: string) => coreClient(core, session).api;
  await api('c').study.create({ title: 'cohort size', file });
  await api('c').session.createFirstCoordinator({ username: 'coord', displayName: 'Coordinator', password: 'bench-password' });
  const r1 = (await api('c').accounts.create({ username: 'reader1', displayName: 'R1', role: 'reader', password: 'bench-password' })).id;
  const r2 = (await api('c').accounts.create({ username: 'reader2', displayName: 'R2', role: 'reader', password: 'bench-password' })).id;
  const study = core.registry.get(file)!;
  const images = phantomSlices(file);
  W = images.width;
  H = images.height;
  const now = new Date().toISOString();
  const seriesIds: number[] = [];
  study.tx(() => {
    for (let p = 0; p < patients; p++) {
      const patient = study.imaging.patientFor(`BENCH-${p}`, null, `1.2.3.${p}`, now);
      const studyRow = study.imaging.studyFor(patient.id, `1.2.3.${p}`, null, null);
      for (const [k, segment] of (['cervical', 'thoracic', 'lumbar'] as const).entries()) {
        const id = study.imaging.createSeries({ studyId: studyRow, seriesUid: `1.2.3.${p}.${k}`, seriesNumber: k, description: segment, bodyPart: null, modality: 'MR', segment, segmentSource: null, rows: H, columns: W, pixelSpacing: null, sliceThickness: 3.5, orientation: null, now });
        for (let i = 0; i < 18; i++) {
          study.imaging.insertInstance({ seriesId: id, sopUid: `1.2.3.${p}.${k}.${i}`, instanceNumber: i + 1, position: i * 3.5, ipp: null, iop: null, blobSha256: images.shas[i]!, byteLength: 0, transferSyntax: '1.2.840.10008.1.2.1', sourcePath: null }, now);
        }
        study.imaging.setSliceOrder(study.imaging.instances(id).map((x) => x.id), Array.from({ length: 18 }, (_, i) => i * 3.5));
        study.assignments.insert(id, r1, 'reader1', 1, now);
        study.assignments.insert(id, r2, 'reader2', 1, now);
        seriesIds.push(id);
      }
    }
  });
  for (const [s, u] of [['r1', 'reader1'], ['r2', 'reader2']] as const) {
    await api(s).study.open({ file });
    await api(s).session.signIn({ username: u, password: 'bench-password' });
    for (const id of seriesIds.slice(0, preRead)) {
      const read = await api(s).reading.open({ seriesId: id });
      for (let i = 0; i < 18; i++) await api(s).reading.saveSlice({ seriesId: id, image: read.slices[i]!.image, label: 'absent', mask: null, beforeHash: read.slices[i]!.hash, action: 'bench' });
    }
  }
  return { core, file, seriesIds };
}

/** A stroke's mask: a disc that grows a little with every save, as a reader's brush work does. */
function strokeMask(k: number): EncodedMask {
  const m = new Uint8Array(W * H);
  const r = 6 + (k % 20);
  const cx = Math.floor(W / 2);
  const cy = Math.floor(H / 2);
  for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) m[y * W + x] = 1;
  return encodeMask(m, W, H);
}

/** Saves strokes as reader r1 on fresh slices, timing each router call end to end. */
export async function timeSaves(core: Core, seriesIds: number[], count: number, startAt: number): Promise<number[]> {
  const times: number[] = [];
  const { api } = coreClient(core, 'r1');
  for (let k = 0; k < count; k++) {
    const seriesId = seriesIds[startAt + Math.floor(k / 18)]!;
    const slice = k % 18;
    const opened = (await api.reading.open({ seriesId })).slices[slice]!;
    const before = opened.hash;
    const t0 = performance.now();
    await api.reading.saveSlice({
      seriesId, image: opened.image, label: 'present', mask: strokeMask(k), beforeHash: before, action: 'Brush stroke',
    });
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * Stroke commit latency on a study of cohort size: a reader's save (validation, hash check,
 * SQLite write with synchronous=FULL and its audit row in one transaction) against the bare
 * floor measured on the same file: one INSERT committed in its own transaction.
 */
export async function benchAutosave(dir: string, patients: number, saves: number): Promise<{ core: Core; file: string; seriesIds: number[]; strokeSeries: number }> {
  const t0 = performance.now();
  const env = await cohortSizeStudy(dir, patients, Math.min(60, patients * 3));
  console.log(`\nstudy of cohort size: ${patients} patients, ${env.seriesIds.length} series, ${env.seriesIds.length * 18} slices, built in ${fmt((performance.now() - t0) / 1000)} s`);
  const saveTimes = await timeSaves(env.core, env.seriesIds, saves, Math.floor(env.seriesIds.length * 0.3));
  const db = openSqlite(join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)');
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
  const floor: number[] = [];
  for (let k = 0; k < saves; k++) {
    const t = performance.now();
    ins.run(Buffer.alloc(200));
    floor.push(performance.now() - t);
  }
  db.close();
  const s = summary(saveTimes);
  const f = summary(floor);
  table(`Stroke commit latency (${s.n} saves through the router, study of ${env.seriesIds.length * 18} slices)`, ['run', 'median ms', 'p99 ms', 'ratio (median)'], [
    ['reference: one committed INSERT (WAL, synchronous=FULL)', fmt(f.median, 2), fmt(f.p99, 2), '1.00'],
    ['reading.saveSlice: checks, mask, audit row, commit', fmt(s.median, 2), fmt(s.p99, 2), fmt(s.median / f.median, 1)],
  ]);
  console.log(`  budget: committed within 500 ms (issue 4): p99 ${s.p99 <= 500 ? 'within' : 'OVER'} it`);
  return { ...env, strokeSeries: env.seriesIds[Math.floor(env.seriesIds.length * 0.3)]! };
}
