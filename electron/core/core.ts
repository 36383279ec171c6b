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
import { SessionStore } from './session';
import { StudyRegistry } from './study-registry';

/** The core as a host sees it: one router, its sessions and events, and a way to shut down. */
export interface Core {
  config: CoreConfig;
  router: Router;
  sessions: SessionStore;
  events: EventBus;
  registry: StudyRegistry;
  close(): void;
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
  const services: Services = {
    app: createAppService(config),
    study: createStudyService({ config, registry, settings, events }),
    backups: createBackupService(config, registry, settings),
    session: createSessionService(registry, events, signInGuard),
    accounts: createAccountsService(registry, sessions, signInGuard),
    imaging: createImagingService(registry, events),
    viewer: createViewerService(registry),
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
  return {
    config,
    router: new Router(guardStorageFailures(services), { beforeCall: (session) => expireIdleSession(registry, session) }),
    sessions,
    events,
    registry,
    close: () => {
      void trainingServices.supervisor.shutdown();
      registry.closeAll();
    },
  };
}
