import { serveRequests, type Handlers } from '../../workers/serve-requests';
import { withTransfer } from '../../workers/worker-protocol';
import { ReplicaHost } from './replica-host';
import { REPLICA_OPS, type ReplicaProtocol, type ReplicaRequest } from './replica-protocol';

/**
 * Entry of a replica worker thread (bundled to dist/core/training-replica.cjs). Each worker loads
 * its own tfjs and backend (wasm runs one thread per instance, so two workers use two cores) and
 * answers the trainer's requests one at a time, in order.
 */
const host = new ReplicaHost();
const handle = async (request: ReplicaRequest) => {
  const handled = await host.handle(request);
  return withTransfer(handled.result, handled.transfer);
};
serveRequests<ReplicaProtocol>(Object.fromEntries(REPLICA_OPS.map((op) => [op, handle])) as unknown as Handlers<ReplicaProtocol>, { sequential: true });
