import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ReplicaHost } from './replica-host';
import type { ReplicaEnvelope, ReplicaReply, ReplicaRequest, ReplicaResult } from './replica-protocol';

/** A replica the trainer talks to, in this thread or in a worker thread. */
export interface ReplicaHandle {
  call<K extends ReplicaRequest['op']>(request: Extract<ReplicaRequest, { op: K }>, transfer?: ArrayBuffer[]): Promise<Extract<ReplicaResult, { op: K }>>;
  close(): Promise<void>;
}

/** In-process replica: the trainer's own thread runs tfjs. */
export function localReplica(): ReplicaHandle {
  const host = new ReplicaHost();
  return {
    async call(request) {
      return (await host.handle(request)).result as never;
    },
    async close() {},
  };
}

/** File name of the bundled worker entry (scripts/build.mjs writes it to dist/core/). */
export const REPLICA_WORKER_FILE = 'training-replica.cjs';

/**
 * Where the bundled replica worker is: beside this bundle (dist/core/*.cjs) or in dist/core/ seen
 * from another dist/ folder (dist/bench, dist/cli).
 */
export function defaultReplicaWorkerScript(): string {
  const candidates = [join(__dirname, REPLICA_WORKER_FILE), join(__dirname, '..', 'core', REPLICA_WORKER_FILE)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`training replica worker not found (looked for ${candidates.join(', ')}): run 'node scripts/build.mjs' first`);
  }
  return found;
}

/** A replica in its own worker thread (its own tfjs, its own wasm instance, its own core). */
export function workerReplica(script: string): ReplicaHandle {
  const worker = new Worker(script);
  const pending = new Map<number, { resolve: (r: ReplicaResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  const failAll = (err: Error) => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (reply: ReplicaReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new Error(`training replica failed: ${reply.error}`));
  });
  worker.on('error', (err) => failAll(new Error(`training replica thread crashed: ${err.message}`)));
  worker.on('exit', (code) => failAll(new Error(`training replica thread exited (code ${code})`)));
  return {
    call(request, transfer = []) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (r: ReplicaResult) => void, reject });
        const envelope: ReplicaEnvelope = { id, request };
        worker.postMessage(envelope, transfer);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
