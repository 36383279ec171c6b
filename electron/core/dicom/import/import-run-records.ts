import { hostname } from 'node:os';
import type { ImportProblem, ImportReport } from '../../../../shared/model/imaging';
import type { ImportRunOwner } from '../../db/repositories/imaging-repository';
import type { OpenStudy } from '../../study-registry';
import { BlobStore, processIsAlive, removeTemporaries } from './blob-store';

/**
 * How an import's run row gets its end recorded whatever happens: the end is retried while the
 * study cannot be written (a lock held by another program, a full disk), and runs whose process
 * is gone (killed, crashed, or out of retries) are settled as failed by the next import or report
 * of the study, so that no run stays 'running' forever.
 */

/** Imports running in this process, as `file#runId`: never settled as abandoned. */
const active = new Set<string>();

export const thisProcess = (): ImportRunOwner => ({ pid: process.pid, host: hostname() });

export function markActive(study: OpenStudy, runId: number): () => void {
  const key = `${study.file}#${runId}`;
  active.add(key);
  return () => active.delete(key);
}

/** Seconds between attempts to record an import's end while the study refuses writes. */
const RETRY_SECONDS = [1, 2, 5, 10, 30, 60, 120];

/**
 * Writes the run's end and its audit row; on a storage failure tries again later (timers that do
 * not keep a CLI alive: what a CLI cannot record, the next settleAbandonedRuns does). Returns
 * whether the first attempt succeeded.
 */
export function recordRunEnd(study: OpenStudy, report: ImportReport, actorId: number | null, onRecorded: () => void = () => undefined): boolean {
  const write = () =>
    study.tx(() => {
      study.imaging.finishRun(report.runId, report.status, report, new Date().toISOString());
      study.audit.append({ actorId, action: `import.${report.status}`, entity: 'import_run', entityId: String(report.runId), details: { imported: report.imported, problems: report.problems.length } });
    });
  try {
    write();
    onRecorded();
    return true;
  } catch {
    let attempt = 0;
    const retry = () => {
      if (!study.db.open) return onRecorded();
      try {
        write();
        onRecorded();
      } catch {
        if (++attempt < RETRY_SECONDS.length) setTimeout(retry, RETRY_SECONDS[attempt]! * 1000).unref();
        else onRecorded(); // Left to settleAbandonedRuns once this process is gone.
      }
    };
    setTimeout(retry, RETRY_SECONDS[0]! * 1000).unref();
    return false;
  }
}

const DAY_MS = 24 * 3600_000;

/** Whether nobody can still be running this import. */
function abandoned(study: OpenStudy, run: { id: number; startedAt: string; owner: ImportRunOwner | null }): boolean {
  if (active.has(`${study.file}#${run.id}`)) return false;
  const { owner } = run;
  if (!owner) return Date.now() - Date.parse(run.startedAt) > DAY_MS; // an older version's run
  if (owner.host !== hostname()) return Date.now() - Date.parse(run.startedAt) > DAY_MS; // another machine's: cannot ask
  return owner.pid === process.pid || !processIsAlive(owner.pid);
}

/**
 * Marks every abandoned 'running' run of the study failed, with a report that says so, and
 * removes the temporary copies that dead processes left in its blob store. Never throws: a study
 * that cannot be written now is settled by a later call.
 */
export function settleAbandonedRuns(study: OpenStudy): void {
  try {
    const runs = study.imaging.runningRuns().filter((r) => abandoned(study, r));
    if (runs.length === 0) return;
    const now = new Date().toISOString();
    study.tx(() => {
      for (const r of runs) {
        const who = r.owner ? `process ${r.owner.pid} on ${r.owner.host}` : 'an earlier version of the app';
        const problem: ImportProblem = {
          file: '(import)',
          code: 'failed',
          message: `This import stopped before it finished (${who} ended, or could not write its end to the study). The batches it committed are in the study; import the same files again to add the rest.`,
        };
        const report: ImportReport = { runId: r.id, status: 'failed', filesSeen: 0, imported: 0, alreadyPresent: 0, skipped: 0, bytes: 0, problems: [problem], series: [], seconds: (Date.parse(now) - Date.parse(r.startedAt)) / 1000 };
        study.imaging.finishRun(r.id, 'failed', report, now);
        study.audit.append({ actorId: null, action: 'import.abandoned', entity: 'import_run', entityId: String(r.id), details: { owner: r.owner } }, now);
      }
    });
    removeTemporaries(BlobStore.forStudy(study.file).dir);
  } catch {
    // Settled by the next import or report that can write the study.
  }
}
