import { parentPort, type MessagePort } from 'node:worker_threads';
import {
  Transferable,
  type EventName,
  type FromWorkerEnvelope,
  type ParamsOf,
  type RequestKind,
  type ResultOf,
  type ToWorkerEnvelope,
  type WorkerProtocol,
} from './worker-protocol';

/** What a handler can do besides returning its result. */
export interface RequestContext<P extends WorkerProtocol> {
  /** Streams an event to the caller's request listener; wrap with withTransfer to move buffers. */
  emit<E extends EventName<P>>(event: E, payload: P['events'][E] | Transferable<P['events'][E]>): void;
}

export type Handlers<P extends WorkerProtocol> = {
  [K in RequestKind<P>]: (params: ParamsOf<P, K>, ctx: RequestContext<P>) => Promise<ResultOf<P, K> | Transferable<ResultOf<P, K>>> | ResultOf<P, K> | Transferable<ResultOf<P, K>>;
};

export interface ServeOptions {
  /** Handle one request at a time, in arrival order (a replica's steps); default: as they come. */
  sequential?: boolean;
  /** The port to serve (tests); default the worker's parentPort. */
  port?: MessagePort;
}

/**
 * The worker's side of the protocol: runs the handler of each request and posts its result, or its
 * error as a message (a handler's failure ends that request, never the thread). An unknown request
 * kind is answered with an error naming it.
 */
export function serveRequests<P extends WorkerProtocol>(handlers: Handlers<P>, options: ServeOptions = {}): void {
  const port = options.port ?? parentPort;
  if (!port) throw new Error('serveRequests must run in a worker thread');
  const post = (m: FromWorkerEnvelope, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  let queue: Promise<void> = Promise.resolve();

  const handle = async (m: ToWorkerEnvelope): Promise<void> => {
    const handler = (handlers as Record<string, Handlers<P>[RequestKind<P>]>)[m.kind];
    try {
      if (!handler) throw new Error(`this worker has no request '${m.kind}'`);
      const ctx: RequestContext<P> = {
        emit: (event, payload) => {
          const moved = payload instanceof Transferable;
          post({ t: 'event', id: m.id, event, payload: moved ? payload.value : payload }, moved ? payload.transfer : []);
        },
      };
      const out = await handler(m.params as never, ctx);
      const moved = out instanceof Transferable;
      post({ t: 'result', id: m.id, ok: true, result: moved ? out.value : out }, moved ? out.transfer : []);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const code = (e as { code?: unknown }).code;
      post({ t: 'result', id: m.id, ok: false, error: { message: e.message, stack: e.stack, ...(typeof code === 'string' && { code }) } });
    }
  };

  port.on('message', (m: ToWorkerEnvelope) => {
    if (!m || m.t !== 'request') return;
    if (options.sequential) queue = queue.then(() => handle(m));
    else void handle(m);
  });
}
