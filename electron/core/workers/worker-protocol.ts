/**
 * The typed request/event protocol between the core and its worker threads (import, training,
 * training replicas, and whatever the next issues add). A protocol names each request's params and
 * result, and the events a request may stream while it runs:
 *
 *   interface ImportProtocol {
 *     requests: { scan: { params: { paths: string[] }; result: { files: number } } };
 *     events: { file: ScannedFile; total: { files: number } };
 *   }
 *
 * Both sides import the same protocol type, so a renamed request or a changed field is a compile
 * error in the worker and in its caller.
 */
export interface WorkerProtocol {
  requests: Record<string, { params: unknown; result: unknown }>;
  events: Record<string, unknown>;
}

export type RequestKind<P extends WorkerProtocol> = keyof P['requests'] & string;
export type ParamsOf<P extends WorkerProtocol, K extends RequestKind<P>> = P['requests'][K]['params'];
export type ResultOf<P extends WorkerProtocol, K extends RequestKind<P>> = P['requests'][K]['result'];
export type EventName<P extends WorkerProtocol> = keyof P['events'] & string;

/** One event as a request's listener receives it: a union over the protocol's events. */
export type WorkerEvent<P extends WorkerProtocol> = { [E in EventName<P>]: { event: E; payload: P['events'][E] } }[EventName<P>];

/** What travels to the worker. */
export type ToWorkerEnvelope = { t: 'request'; id: number; kind: string; params: unknown };

/** What travels back: a request's result or error, or an event of a running request. */
export type FromWorkerEnvelope =
  | { t: 'result'; id: number; ok: true; result: unknown }
  | { t: 'result'; id: number; ok: false; error: { message: string; stack?: string; /** The system's or SQLite's code (ENOSPC, SQLITE_FULL ...), for storage failures. */ code?: string } }
  | { t: 'event'; id: number; event: string; payload: unknown };

/** A value and the buffers to move (not copy) with it across the thread boundary. */
export class Transferable<T> {
  constructor(
    readonly value: T,
    readonly transfer: ArrayBuffer[],
  ) {}
}

/** Marks a result or event payload whose buffers move with it: `return withTransfer(r, [r.x.buffer])`. */
export function withTransfer<T>(value: T, transfer: ArrayBuffer[]): Transferable<T> {
  return new Transferable(value, transfer);
}
