import { Worker, type WorkerOptions } from 'node:worker_threads';
import {
  Transferable,
  type EventName,
  type FromWorkerEnvelope,
  type ParamsOf,
  type RequestKind,
  type ResultOf,
  type ToWorkerEnvelope,
  type WorkerEvent,
  type WorkerProtocol,
} from './worker-protocol';

export interface RequestOptions<P extends WorkerProtocol> {
  /** Buffers of the params to move to the worker instead of copying them. */
  transfer?: ArrayBuffer[];
  /**
   * The request's events, in the order the worker sent them. A listener that throws (a storage
   * error while writing what the event carries, say) fails this request with that error and drops
   * the request's later events; it never reaches the thread's event loop.
   */
  onEvent?: (e: WorkerEvent<P>) => void;
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
  onEvent?: (e: { event: string; payload: unknown }) => void;
}

/**
 * The core's side of one worker thread: typed requests that resolve with the worker's result or
 * reject with its error, events streamed to the request that caused them, and a clear error for
 * every request in flight when the thread crashes or exits. Nothing the worker does, says or fails
 * to say can throw into the caller's thread.
 */
export class WorkerClient<P extends WorkerProtocol> {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private gone: Error | null = null;
  private goneListeners: ((err: Error) => void)[] = [];

  /** `name` is what errors call the thread ("the import worker"). */
  constructor(
    script: string,
    private readonly name: string,
    options: WorkerOptions = {},
  ) {
    this.worker = new Worker(script, options);
    this.worker.on('message', (m: FromWorkerEnvelope) => this.onMessage(m));
    this.worker.on('error', (err) => this.fail(new Error(`${this.name} stopped: ${err.message}`)));
    this.worker.on('messageerror', (err) => this.fail(new Error(`${this.name} sent a message that could not be read: ${err.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`${this.name} exited${code === 0 ? '' : ` with code ${code}`}`)));
  }

  /** The thread is gone (crashed, exited or terminated): later requests reject at once. */
  get closed(): boolean {
    return this.gone !== null;
  }

  request<K extends RequestKind<P>>(kind: K, params: ParamsOf<P, K>, options: RequestOptions<P> = {}): Promise<ResultOf<P, K>> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<ResultOf<P, K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, onEvent: options.onEvent as Pending['onEvent'] });
      const envelope: ToWorkerEnvelope = { t: 'request', id, kind, params };
      try {
        this.worker.postMessage(envelope, options.transfer ?? []);
      } catch (err) {
        this.pending.delete(id);
        reject(new Error(`${this.name} could not be sent the ${kind} request: ${(err as Error).message}`));
      }
    });
  }

  /** Called once when the thread is gone, with the reason; at once if it already is. */
  onGone(listener: (err: Error) => void): void {
    if (this.gone) listener(this.gone);
    else this.goneListeners.push(listener);
  }

  /** Stops the thread; requests in flight reject with `reason`. */
  async terminate(reason = `${this.name} was stopped`): Promise<void> {
    this.fail(new Error(reason));
    await this.worker.terminate();
  }

  private onMessage(m: FromWorkerEnvelope): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.t === 'event') {
      try {
        p.onEvent?.({ event: m.event, payload: m.payload });
      } catch (err) {
        this.pending.delete(m.id);
        p.reject(err instanceof Error ? err : new Error(String(err)));
      }
      return;
    }
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    // The code travels with the error so that the caller can tell a full disk from a bug (storageFailure).
    else p.reject(Object.assign(new Error(m.error.message), { workerStack: m.error.stack, ...(m.error.code !== undefined && { code: m.error.code }) }));
  }

  private fail(err: Error): void {
    if (this.gone) return;
    this.gone = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const l of this.goneListeners.splice(0)) {
      try {
        l(err);
      } catch {
        // A listener's own failure must not turn a worker's exit into a crash of the core.
      }
    }
  }
}

export { Transferable };
export type { EventName };
