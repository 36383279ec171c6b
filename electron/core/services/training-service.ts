import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { datasetsSpec, modelsSpec, trainingSpec } from '../../../shared/contracts/training';
import { buildSnapshot } from '../dataset/build-snapshot';
import type { EventBus } from '../event-bus';
import type { CallContext } from '../router';
import type { Session } from '../session';
import type { OpenStudy, StudyRegistry } from '../study-registry';
import { registerAndTrain } from '../training-job/register-and-train';
import { TrainingSupervisor } from '../training-job/training-supervisor';
import { studyOf, userOf } from './study-of';

/** Coordinators of a study: the audience of its training events. */
export const coordinatorsOf = (file: string) => (s: Session) => s.studyFile === file && (s.user?.role === 'coordinator' || s.user?.role === 'admin');

export function createTrainingServices(registry: StudyRegistry, events: EventBus) {
  const supervisor = new TrainingSupervisor({
    progress: (study, p) => events.emit('training.progress', p, coordinatorsOf(study.file)),
    changed: (study, modelId) => events.emit('training.changed', { modelId }, coordinatorsOf(study.file)),
  });

  /** A run marked 'training' that this core is not running was stopped by the app stopping. */
  const settleInterrupted = (study: OpenStudy) => {
    for (const id of study.models.interrupted()) {
      if (supervisor.busy?.file === study.file && supervisor.busy.modelId === id) continue;
      study.tx(() => study.models.setStatus(id, 'cancelled', new Date().toISOString(), 'interrupted: the app stopped during training; resume continues from the last finished epoch'));
    }
  };

  const model = (study: OpenStudy, modelId: number) => {
    settleInterrupted(study);
    const m = study.models.get(modelId);
    if (!m) throw new AppError('not_found', `There is no model ${modelId} in this study.`);
    return m;
  };

  const datasets: ImplOf<typeof datasetsSpec, CallContext> = {
    list: (_p, { session }) => studyOf(registry, session).datasets.all(),
    build: (settings, { session }) => buildSnapshot(studyOf(registry, session), settings, userOf(session).id),
  };

  const training: ImplOf<typeof trainingSpec, CallContext> = {
    engine: ({ engine }) => supervisor.engineInfo(engine),

    start(request, { session }) {
      const study = studyOf(registry, session);
      settleInterrupted(study);
      const { modelId } = registerAndTrain(study, supervisor, request, { id: userOf(session).id, via: 'app' });
      return model(study, modelId);
    },

    async cancel({ modelId }, { session }) {
      const study = studyOf(registry, session);
      model(study, modelId); // not_found for an id this study does not have
      return { cancelled: await supervisor.cancel(study.file, modelId, userOf(session).id) };
    },

    resume({ modelId }, { session }) {
      const study = studyOf(registry, session);
      const m = model(study, modelId);
      if (m.status === 'done') throw new AppError('conflict', `Model ${modelId} has finished training.`);
      if (supervisor.busy?.file === study.file && supervisor.busy.modelId === modelId) return m;
      void supervisor.start(study, modelId);
      return model(study, modelId);
    },
  };

  const models: ImplOf<typeof modelsSpec, CallContext> = {
    list: (_p, { session }) => {
      const study = studyOf(registry, session);
      settleInterrupted(study);
      return study.models.all();
    },
    get: ({ modelId }, { session }) => model(studyOf(registry, session), modelId),
  };

  return { datasets, training, models, supervisor };
}
