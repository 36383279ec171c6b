import type { EventName, EventPayload } from '../../shared/contracts/events';
import type { Session } from './session';

export type EventSink = (session: Session, event: string, payload: unknown) => void;

/**
 * Pushes events to the sessions that may see them. Every emit names its audience: a predicate
 * over sessions, so that blinding applies to events as it does to calls.
 */
export class EventBus {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly sessions: () => Session[]) {}

  /** A transport registers how to deliver to its sessions; returns the unregister function. */
  connect(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>, audience: (s: Session) => boolean): void {
    for (const session of this.sessions()) {
      if (!audience(session)) continue;
      for (const sink of this.sinks) sink(session, event, payload);
    }
  }
}
