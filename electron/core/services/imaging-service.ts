import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { imagingSpec } from '../../../shared/contracts/imaging';
import type { ImportReport } from '../../../shared/model/imaging';
import { seriesSummary } from '../db/repositories/imaging-repository';
import { startImport } from '../dicom/import/import-runner';
import { settleAbandonedRuns } from '../dicom/import/import-run-records';
import { RunningImports } from '../dicom/import/running-imports';
import type { EventBus } from '../event-bus';
import { visibleSeriesIds } from '../policy/series-visibility';
import type { CallContext } from '../router';
import type { StudyRegistry } from '../study-registry';
import { studyOf, userOf } from './study-of';

/** Import of DICOM files, the series list, and the segment of a series. */
export function createImagingService(registry: StudyRegistry, events: EventBus, running = new RunningImports()): ImplOf<typeof imagingSpec, CallContext> {
  return {
    importStart({ paths }, { session }) {
      const study = studyOf(registry, session);
      const user = userOf(session);
      const sessionId = session.id;
      const handle = startImport(study, paths, user.id, (progress) => events.emit('import.progress', progress, (s) => s.id === sessionId));
      running.add(study.file, handle);
      void handle.done.then((report) => {
        events.emit('import.finished', report, (s) => s.id === sessionId);
      });
      return { runId: handle.runId };
    },

    importCancel({ runId }, { session }) {
      const study = studyOf(registry, session);
      const handle = running.get(study.file, runId);
      if (!handle) return { cancelled: false };
      handle.cancel();
      return { cancelled: true };
    },

    importReport({ runId }, { session }) {
      const study = studyOf(registry, session);
      // A run whose process is gone is reported as what it is (failed), not 'running' forever.
      settleAbandonedRuns(study);
      const run = study.imaging.importRun(runId);
      if (!run) throw new AppError('not_found', `There is no import run ${runId} in this study.`);
      return run as ImportReport;
    },

    seriesList(_p, { session }) {
      const study = studyOf(registry, session);
      const visible = visibleSeriesIds(study, userOf(session));
      return study.imaging
        .allSeries()
        .filter((s) => visible === 'all' || visible.has(s.id))
        .map(seriesSummary);
    },

    setSegment({ seriesId, segment }, { session }) {
      const study = studyOf(registry, session);
      const user = userOf(session);
      const before = study.imaging.series(seriesId);
      if (!before) throw new AppError('not_found', `There is no series ${seriesId} in this study.`);
      study.tx(() => {
        study.imaging.setSegment(seriesId, segment, segment ? 'user' : null);
        study.audit.append({
          actorId: user.id,
          action: 'series.set_segment',
          entity: 'series',
          entityId: String(seriesId),
          details: { from: before.segment, to: segment },
        });
      });
      return seriesSummary(study.imaging.series(seriesId)!);
    },
  };
}
