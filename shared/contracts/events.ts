import { z } from 'zod';
import { ImportReport } from '../model/imaging';
import { StudySummary } from '../model/study';
import { TrainingProgress } from '../model/training';

/**
 * Events the core pushes to clients. Each has a payload schema; the core decides per session who
 * receives an event (blinding applies to events as to calls).
 */
export const eventSpec = {
  /** The study open in the receiving session changed (opened, closed, renamed). */
  'study.changed': StudySummary.nullable(),
  /** Progress of an import started by the receiving session. */
  'import.progress': z.object({
    runId: z.number().int(),
    filesTotal: z.number().int(),
    filesDone: z.number().int(),
    bytes: z.number().int(),
    imported: z.number().int(),
    problems: z.number().int(),
  }),
  /** An import started by the receiving session has finished (done, cancelled or failed). */
  'import.finished': ImportReport,
  /** A training run's current batch (coordinators of the study). */
  'training.progress': TrainingProgress,
  /** A model's status or metrics changed (an epoch ended, the run stopped). */
  'training.changed': z.object({ modelId: z.number().int() }),
};

export type EventName = keyof typeof eventSpec;
export type EventPayload<E extends EventName> = z.output<(typeof eventSpec)[E]>;
