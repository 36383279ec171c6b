import type { ImplOf } from '../../../shared/contracts/define';
import type { evaluationSpec, predictionsSpec } from '../../../shared/contracts/evaluation';
import { runEvaluation } from '../evaluation/run-evaluation';
import { predictSeries } from '../evaluation/predict-series';
import type { CallContext } from '../router';
import type { StudyRegistry } from '../study-registry';
import type { TrainingSupervisor } from '../training-job/training-supervisor';
import { studyOf, userOf } from './study-of';

export const SUGGESTIONS_KEY = 'suggestions';

export function createEvaluationServices(registry: StudyRegistry, supervisor: TrainingSupervisor) {
  const evaluation: ImplOf<typeof evaluationSpec, CallContext> = {
    run: ({ modelId, threshold, minPositiveSlices, seriesIds }, { session }) =>
      runEvaluation(studyOf(registry, session), supervisor, modelId, { threshold, minPositiveSlices, ...(seriesIds && { seriesIds }) }, userOf(session).id),
    list: ({ modelId }, { session }) => studyOf(registry, session).evaluations.forModel(modelId),
  };

  const predictions: ImplOf<typeof predictionsSpec, CallContext> = {
    async run({ modelId, seriesId }, { session }) {
      const p = await predictSeries(studyOf(registry, session), supervisor, modelId, seriesId, userOf(session).id);
      return { seriesId, slices: p.slices.length, positiveSlices: p.slices.filter((s) => s.mask).length, seconds: p.seconds, engine: p.engine };
    },
    settings: (_p, { session }) => ({ readersSeeSuggestions: studyOf(registry, session).settings.get(SUGGESTIONS_KEY, { readersSeeSuggestions: false }).readersSeeSuggestions }),
    setSettings(settings, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      study.tx(() => {
        study.settings.set(SUGGESTIONS_KEY, settings, me.id, new Date().toISOString());
        study.audit.append({ actorId: me.id, action: 'settings.suggestions', entity: 'study_setting', entityId: SUGGESTIONS_KEY, details: settings });
      });
      return settings;
    },
  };
  return { evaluation, predictions };
}
