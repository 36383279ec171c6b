import { serveRequests } from '../../../electron/core/workers/serve-requests';
import { withTransfer } from '../../../electron/core/workers/worker-protocol';
import type { EchoProtocol } from './echo-protocol';

/** A worker for the tests of the worker channel: each request exercises one path. */
serveRequests<EchoProtocol>({
  add: ({ a, b }) => ({ sum: a + b }),
  async count({ upTo }, { emit }) {
    for (let i = 1; i <= upTo; i++) emit('tick', { i });
    return { counted: upTo };
  },
  fail({ message }) {
    throw new Error(message);
  },
  double({ values }) {
    const out = values.map((v) => v * 2);
    return withTransfer({ values: out, receivedBytes: values.byteLength }, [out.buffer as ArrayBuffer]);
  },
  crash({ code }) {
    process.exit(code);
  },
});
