import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ReplicaHost } from './replica-host';
import { WorkerClient } from '../../workers/worker-client';
import type { ReplicaProtocol, ReplicaRequest, ReplicaResult } from './replica-protocol';

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
  const worker = new WorkerClient<ReplicaProtocol>(script, 'a training replica thread');
  return {
    call(request, transfer = []) {
      return worker.request(request.op, request as never, { transfer }).catch((err: Error) => {
        throw new Error(`training replica failed: ${err.message}`);
      }) as never;
    },
    async close() {
      await worker.terminate('the training replica was closed');
    },
  };
}
