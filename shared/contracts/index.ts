import type { z } from 'zod';
import type { ApiOf } from './define';
import { appSpec } from './app';
import { backupsSpec } from './backups';
import { adjudicationSpec, agreementSpec } from './adjudication';
import { evaluationSpec, predictionsSpec } from './evaluation';
import { imagingSpec, viewerSpec } from './imaging';
import { assignmentsSpec, readingSpec } from './reading';
import { accountsSpec, sessionSpec } from './session';
import { studySpec } from './study';
import { datasetsSpec, modelsSpec, trainingSpec } from './training';

/**
 * The whole contract between clients and the core: service name -> method name -> spec. The
 * router serves exactly these methods; anything else is refused as unknown.
 */
export const contract = {
  app: appSpec,
  study: studySpec,
  backups: backupsSpec,
  session: sessionSpec,
  accounts: accountsSpec,
  imaging: imagingSpec,
  viewer: viewerSpec,
  reading: readingSpec,
  assignments: assignmentsSpec,
  agreement: agreementSpec,
  adjudication: adjudicationSpec,
  datasets: datasetsSpec,
  training: trainingSpec,
  models: modelsSpec,
  evaluation: evaluationSpec,
  predictions: predictionsSpec,
};

export type Contract = typeof contract;
export type ServiceName = keyof Contract;

/** The typed client API: `api.study.create({ title })`. */
export type HostApi = { [S in ServiceName]: ApiOf<Contract[S]> };

/** The parameter object of one method as a caller writes it: `ParamsOf<'reading', 'saveSlice'>`. */
export type ParamsOf<S extends ServiceName, M extends keyof Contract[S]> = Contract[S][M] extends { params: z.ZodType }
  ? z.input<Contract[S][M]['params']>
  : never;

/** Every method's wire name, "service.method". */
export function methodNames(): string[] {
  return Object.entries(contract).flatMap(([service, spec]) =>
    Object.keys(spec).map((name) => `${service}.${name}`),
  );
}

export { eventSpec } from './events';
export type { EventName, EventPayload } from './events';
