import type { ImportProblem, ImportReport } from '../../../../shared/model/imaging';
import { distPath } from '../../dist-path';
import type { OpenStudy } from '../../study-registry';
import { storageFailure } from '../../reliability/storage-errors';
import { BlobStore, removeTemporaries } from './blob-store';
import { markActive, recordRunEnd, settleAbandonedRuns, thisProcess } from './import-run-records';
import { WorkerClient } from '../../workers/worker-client';
import type { ImportProtocol, ScannedImage } from './import-messages';
import { orderSeries } from './series-order';

export interface ImportProgress {
  runId: number;
  /** Files found under the given paths (0 until the walk is done). */
  filesTotal: number;
  filesDone: number;
  bytes: number;
  imported: number;
  problems: number;
}

export interface ImportHandle {
  runId: number;
  done: Promise<ImportReport>;
  cancel(): void;
}

const BATCH = 64;

/**
 * One import: a worker thread reads and copies the files; this side writes the database in small
 * transactions (each with its audit row), so an import that is cancelled or crashes leaves every
 * batch it committed whole and nothing half-written. Sorting and series checks run at the end.
 */
export function startImport(study: OpenStudy, paths: string[], actorId: number | null, onProgress: (p: ImportProgress) => void): ImportHandle {
  const started = Date.now();
  settleAbandonedRuns(study);
  const runId = study.tx(() => study.imaging.startRun(new Date().toISOString(), actorId, thisProcess()));
  const unmarkActive = markActive(study, runId);
  const blobs = BlobStore.forStudy(study.file);
  // Temporary copies of this import carry its tag, so that it can remove what its worker left.
  const tmpTag = `${process.pid}-r${runId}`;
  const problems: ImportProblem[] = [];
  const touched = new Map<number, { added: number }>();
  const counts = { filesSeen: 0, imported: 0, alreadyPresent: 0, skipped: 0, bytes: 0, total: 0 };
  let queue: ScannedImage[] = [];
  let cancelled = false;
  let lastProgress = 0;

  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < 100) return;
    lastProgress = now;
    onProgress({ runId, filesTotal: counts.total, filesDone: counts.filesSeen, bytes: counts.bytes, imported: counts.imported, problems: problems.length });
  };

  const flush = () => {
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const now = new Date().toISOString();
    // What this batch adds to the counts and the report counts only once it is committed: a batch
    // rolled back by a storage failure must not name series that do not exist.
    const batchProblems: ImportProblem[] = [];
    const batchCounts = { imported: 0, alreadyPresent: 0 };
    const addedInBatch = new Map<number, number>();
    study.tx(() => {
      for (const img of batch) {
        const known = study.imaging.instanceBySop(img.sopInstanceUID);
        if (known) {
          if (known.blobSha256 === img.sha256) batchCounts.alreadyPresent++;
          else {
            batchProblems.push({
              file: img.path,
              code: 'conflict',
              message: `${img.path}: SOPInstanceUID ${img.sopInstanceUID} is already in the study with different content; the stored copy was kept.`,
            });
          }
          continue;
        }
        const patient = study.imaging.patientFor(img.patientID, img.patientName, img.studyInstanceUID, now);
        const studyRow = study.imaging.studyFor(patient.id, img.studyInstanceUID, img.studyDate, img.studyDescription);
        let seriesId = study.imaging.seriesIdByUid(img.seriesInstanceUID);
        if (seriesId === null) {
          seriesId = study.imaging.createSeries({
            studyId: studyRow,
            seriesUid: img.seriesInstanceUID,
            seriesNumber: img.seriesNumber,
            description: img.seriesDescription,
            bodyPart: img.bodyPartExamined,
            modality: img.modality,
            segment: img.segmentGuess?.segment ?? null,
            segmentSource: img.segmentGuess?.source ?? null,
            rows: img.rows,
            columns: img.columns,
            pixelSpacing: img.pixelSpacing,
            sliceThickness: img.sliceThickness,
            orientation: img.iop,
            now,
          });
        }
        const series = study.imaging.series(seriesId)!;
        if (series.rows !== img.rows || series.columns !== img.columns) {
          batchProblems.push({
            file: img.path,
            code: 'inconsistent_size',
            message: `${img.path}: ${img.columns} x ${img.rows} pixels, but its series (${series.pseudonym}, ${series.description ?? 'no description'}) is ${series.columns} x ${series.rows}; not imported.`,
          });
          continue;
        }
        study.imaging.insertInstance(
          {
            seriesId,
            sopUid: img.sopInstanceUID,
            instanceNumber: img.instanceNumber,
            position: null,
            ipp: img.ipp,
            iop: img.iop,
            blobSha256: img.sha256,
            byteLength: img.byteLength,
            transferSyntax: img.transferSyntax,
            sourcePath: img.path,
          },
          now,
        );
        batchCounts.imported++;
        addedInBatch.set(seriesId, (addedInBatch.get(seriesId) ?? 0) + 1);
      }
      for (const [seriesId, added] of addedInBatch) {
        study.audit.append({ actorId, action: 'import.instances', entity: 'series', entityId: String(seriesId), details: { runId, added } }, now);
      }
    });
    counts.imported += batchCounts.imported;
    counts.alreadyPresent += batchCounts.alreadyPresent;
    problems.push(...batchProblems);
    for (const [seriesId, added] of addedInBatch) {
      const t = touched.get(seriesId) ?? { added: 0 };
      t.added += added;
      touched.set(seriesId, t);
    }
  };

  /** Sorts every series this import touched and records what sorting found. */
  const finishSeries = () => {
    study.tx(() => {
      for (const seriesId of touched.keys()) {
        const instances = study.imaging.instances(seriesId);
        const order = orderSeries(instances.map((i) => ({ id: i.id, instanceNumber: i.instanceNumber, ipp: i.ipp, iop: i.iop })));
        study.imaging.setSliceOrder(order.order, order.positions);
        study.imaging.setSeriesIssues(seriesId, order.issues);
      }
    });
  };

  let worker: WorkerClient<ImportProtocol> | null = null;
  let cancelHook: () => void = () => undefined;
  const done = new Promise<ImportReport>((resolve) => {
    let finished = false;
    const finish = (status: ImportReport['status'], error?: string) => {
      if (finished) return;
      finished = true;
      const stopping = worker?.terminate() ?? Promise.resolve();
      try {
        flush();
        finishSeries();
      } catch (err) {
        status = 'failed';
        error = describe(err, blobs.dir);
      }
      if (error) problems.push({ file: '(import)', code: status === 'failed' ? 'failed' : 'cancelled', message: error });
      const report: ImportReport = {
        runId,
        status,
        filesSeen: counts.filesSeen,
        imported: counts.imported,
        alreadyPresent: counts.alreadyPresent,
        skipped: counts.skipped,
        bytes: counts.bytes,
        problems,
        series: [...touched.entries()].flatMap(([seriesId, t]) => {
          const s = study.imaging.series(seriesId);
          return s ? [{ seriesId, patient: s.pseudonym, description: s.description, segment: s.segment, slices: s.slices, added: t.added, issues: s.issues }] : [];
        }),
        seconds: (Date.now() - started) / 1000,
      };
      if (!recordRunEnd(study, report, actorId, unmarkActive)) {
        // The study cannot be written now (the same failure that ended the import, often): the
        // report still reaches the caller, the end is written once the study takes writes again,
        // and what was committed before stays.
        report.status = 'failed';
        problems.push({ file: '(import)', code: 'failed', message: `The end of this import could not be recorded yet; it will be when ${study.file} can be written again.` });
      }
      progress(true);
      // Only once the worker has stopped can no copy be half-written any more: then remove its leftovers.
      void stopping
        .catch(() => undefined)
        .then(() => {
          try {
            removeTemporaries(blobs.dir, tmpTag);
          } catch {
            // Removed by a later import's sweep (settleAbandonedRuns) at the latest.
          }
          resolve(report);
        });
    };

    try {
      worker = new WorkerClient<ImportProtocol>(distPath('core/import-worker.cjs'), 'the import worker');
    } catch (err) {
      finish('failed', `The import could not start: ${(err as Error).message}`);
      return;
    }
    worker
      .request('scan', { paths, blobDir: blobs.dir, tmpTag }, {
        onEvent: (e) => {
          if (cancelled) return;
          if (e.event === 'total') counts.total = e.payload.files;
          else {
            const m = e.payload;
            counts.filesSeen++;
            counts.bytes += m.byteLength;
            if (m.kind === 'image') {
              queue.push(m);
              if (queue.length >= BATCH) flush();
            } else if (m.kind === 'problem') problems.push({ file: m.path, code: m.code, message: m.message });
            else counts.skipped++;
          }
          progress();
        },
      })
      .then(
        () => finish('done'),
        (err: Error) => {
          if (!cancelled) finish('failed', `The import stopped: ${describe(err, blobs.dir)}`);
        },
      );
    cancelHook = () => {
      if (cancelled) return;
      cancelled = true;
      finish('cancelled', `Cancelled after ${counts.filesSeen} of ${counts.total} files; what was imported before stays in the study.`);
    };
  });
  return { runId, done, cancel: () => cancelHook() };
}

/**
 * An error in words. The study's writes come translated already (OpenStudy.tx); a storage failure
 * of the worker's copies (its error carries the system's code) is translated here, naming the folder.
 */
function describe(err: unknown, blobDir: string): string {
  return storageFailure(err, blobDir)?.message ?? (err as Error).message;
}
