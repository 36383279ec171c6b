import type { Outcome } from '../outcome';
import type { Transport } from '../transport';

/**
 * What the in-process transport needs of the core's router (electron/core/router.ts), said
 * structurally so that shared/ imports nothing of the Node side. `S` is the core's session type.
 */
export interface InProcessRouter<S> {
  call(session: S, method: string, params: unknown): Promise<Outcome>;
}

/** What it needs of the core's event bus: a sink that hears every event with its receiving session. */
export interface InProcessEvents<S> {
  connect(sink: (session: S, event: string, payload: unknown) => void): () => void;
}

/**
 * The transport to a core in this very process (tests, benchmarks, CLI tools): every call goes
 * through the same router, access checks and schemas as a window's would, as one session.
 * Events reach a listener only when they are addressed to that session.
 */
export function inProcessTransport<S>(router: InProcessRouter<S>, session: S, events?: InProcessEvents<S>): Transport {
  return {
    kind: 'in-process',
    invoke: (method, params) => router.call(session, method, params),
    onEvent: (listener) =>
      events ? events.connect((to, event, payload) => to === session && listener(event, payload)) : () => undefined,
  };
}
