import { distPath } from '../../dist-path';
import { WorkerClient } from '../../workers/worker-client';
import type { DecodedSlice, DecodeProtocol } from './decode-protocol';

/**
 * The core's side of the decode worker: one long-lived thread started on the first request. A
 * thread that crashes fails only the requests it had; the next request starts a fresh one.
 */
export class SliceDecoder {
  private worker: WorkerClient<DecodeProtocol> | null = null;
  private closed = false;

  constructor(private readonly script: () => string = () => distPath('core/decode-worker.cjs')) {}

  decode(file: string, label: string): Promise<DecodedSlice> {
    if (this.closed) return Promise.reject(new Error('the slice decoder is closed (the app is closing)'));
    return this.thread().request('decodeSlice', { file, label });
  }

  /** Stops the thread (the core is closing); requests in flight reject. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    await w?.terminate('the slice decoder was stopped: the app is closing');
  }

  private thread(): WorkerClient<DecodeProtocol> {
    if (this.worker && !this.worker.closed) return this.worker;
    const w = new WorkerClient<DecodeProtocol>(this.script(), 'the slice decoder');
    w.onGone(() => {
      if (this.worker === w) this.worker = null;
    });
    this.worker = w;
    return w;
  }
}
