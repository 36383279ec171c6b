import { parentPort } from 'node:worker_threads';
import { ReplicaHost } from './replica-host';
import type { ReplicaEnvelope, ReplicaReply } from './replica-protocol';

/**
 * Entry of a replica worker thread (bundled to dist/core/training-replica.cjs). Each worker loads
 * its own tfjs and backend (wasm runs one thread per instance, so two workers use two cores) and
 * answers the trainer's requests one at a time, in order.
 */
if (!parentPort) throw new Error('training replica must run in a worker thread');
const port = parentPort;
const host = new ReplicaHost();
let queue: Promise<void> = Promise.resolve();

port.on('message', (envelope: ReplicaEnvelope) => {
  queue = queue.then(async () => {
    let reply: ReplicaReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const handled = await host.handle(envelope.request);
      reply = { id: envelope.id, ok: true, result: handled.result };
      transfer = handled.transfer;
    } catch (err) {
      reply = { id: envelope.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    port.postMessage(reply, transfer);
  });
});
