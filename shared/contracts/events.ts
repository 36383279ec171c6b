import { z } from 'zod';
import { StudySummary } from '../model/study';

/**
 * Events the core pushes to clients. Each has a payload schema; the core decides per session who
 * receives an event (blinding applies to events as to calls).
 */
export const eventSpec = {
  /** The study open in the receiving session changed (opened, closed, renamed). */
  'study.changed': StudySummary.nullable(),
};

export type EventName = keyof typeof eventSpec;
export type EventPayload<E extends EventName> = z.output<(typeof eventSpec)[E]>;
