import { mkdirSync } from 'node:fs';
import { AppSettings } from './app-settings';
import { expireIdleSession } from './auth/session-policy';
import { SignInGuard } from './auth/sign-in-guard';
import type { CoreConfig } from './core-config';
import { EventBus } from './event-bus';
import { backupPolicyFromEnv } from './reliability/backup-scheduler';
import { guardStorageFailures } from './reliability/guard-services';
import { Router, type Services } from './router';
import { createAppService } from './services/app-service';
import { createBackupService } from './services/backup-service';
import { createImagingService } from './services/imaging-service';
import { createViewerService } from './services/viewer-service';
import { createAssignmentsService } from './services/assignments-service';
import { createReadingService } from './services/reading-service';
import { createAdjudicationService, createAgreementService } from './services/adjudication-service';
import { createTrainingServices } from './services/training-service';
import { createEvaluationServices } from './services/evaluation-service';
import { createAccountsService, createSessionService } from './services/session-service';
import { createStudyService } from './services/study-service';
import { SliceDecoder } from './dicom/decode-worker/slice-decoder';
import { RunningImports } from './dicom/import/running-imports';
import { AppLog, logDir } from './logging/app-log';
import { SessionStore } from './session';
import { collectSupportReport, type SupportReport } from './support/support-file';
import { StudyRegistry } from './study-registry';

/** The core as a host sees it: one router, its sessions and events, and a way to shut down. */
export interface Core {
  config: CoreConfig;
  router: Router;
  sessions: SessionStore;
  events: EventBus;
  registry: StudyRegistry;
  /**
   * A client is gone for good (its window closed): its study is released and its session
   * forgotten, so a study no window shows is closed and nothing holds the departed user's sign-in.
   */
  endSession(sessionId: string): void;
  /**
   * Shuts the core down, once (later calls return the same promise). Everything that writes to a
   * study finishes synchronously, before this returns: a training run ends as interrupted
   * (resumable), imports in progress end as cancelled, and every study is closed. The promise
   * settles when the worker threads have stopped.
   */
  close(): Promise<void>;
  /**
   * A support file's contents for this core: its log (<dataDir>/logs), the studies open now, the
   * training worker's engine report; `hostVersions` adds what only the host knows (Electron's and
   * Chromium's versions). See support/support-file.ts for what it never holds.
   */
  supportReport(hostVersions?: Record<string, string | undefined>): Promise<SupportReport>;
  /** The core's log file (the host copies its console warnings into it: captureConsole). */
  log: AppLog;
}

/** Builds the core's services over their shared state. No Electron, no transport. */
export function createCore(config: CoreConfig): Core {
  // The app's folder lists the studies of this account and holds their defaults: for it alone.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const sessions = new SessionStore();
  const events = new EventBus(() => sessions.all());
  const registry = new StudyRegistry({ backups: backupPolicyFromEnv(), onBackupError: (err) => console.warn(`bme: ${err.message}`) });
  const settings = new AppSettings(config.dataDir);
  const signInGuard = new SignInGuard();
  const trainingServices = createTrainingServices(registry, events);
  const evaluationServices = createEvaluationServices(registry, trainingServices.supervisor);
  const decoder = new SliceDecoder();
  const imports = new RunningImports();
  const services: Services = {
    app: createAppService(config),
    study: createStudyService({ config, registry, settings, events }),
    backups: createBackupService(config, registry, settings),
    session: createSessionService(registry, events, signInGuard),
    accounts: createAccountsService(registry, sessions, signInGuard),
    imaging: createImagingService(registry, events, imports),
    viewer: createViewerService(registry, decoder),
    reading: createReadingService(registry),
    assignments: createAssignmentsService(registry),
    agreement: createAgreementService(registry),
    adjudication: createAdjudicationService(registry),
    datasets: trainingServices.datasets,
    training: trainingServices.training,
    models: trainingServices.models,
    evaluation: evaluationServices.evaluation,
    predictions: evaluationServices.predictions,
  };
  let closing: Promise<void> | null = null;
  const log = new AppLog(logDir(config.dataDir));
  return {
    config,
    router: new Router(guardStorageFailures(services), { beforeCall: (session) => expireIdleSession(registry, session) }),
    sessions,
    events,
    registry,
    log,
    supportReport: (hostVersions) =>
      collectSupportReport({
        host: config.hostKind === 'test' ? 'web' : config.hostKind,
        logs: [{ label: config.hostKind === 'electron' ? 'desktop app' : 'Node host', dir: log.dir }],
        studies: registry.files(),
        engine: () => trainingServices.supervisor.engineInfo('auto'),
        hostVersions,
      }),
    endSession: (sessionId) => {
      const session = sessions.find(sessionId);
      if (!session) return;
      if (session.studyFile) registry.release(session.studyFile);
      sessions.drop(sessionId);
    },
    close: () => {
      closing ??= (() => {
        imports.cancelAll();
        // shutdown() records the interrupted run synchronously; only the thread's end is awaited.
        const stopping = [trainingServices.supervisor.shutdown(), decoder.close()];
        registry.closeAll();
        return Promise.allSettled(stopping).then(() => undefined);
      })();
      return closing;
    },
  };
}
