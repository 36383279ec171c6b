import type { DecodedSlice } from './decode-worker/decode-protocol';
import type { BlobStore } from './import/blob-store';

/** Decodes a study's copy of a file (in the decode worker, see SliceDecoder). */
export type DecodeBlob = (file: string, label: string) => Promise<DecodedSlice>;

/**
 * Decoded slices by the SHA-256 of their file, least recently used out first, within a byte
 * budget: scrolling back and forth through a series decodes each slice once. Decoding itself is
 * done by `decode`, off this thread; concurrent requests for one slice share one decode.
 */
export class DecodedSliceCache {
  private readonly entries = new Map<string, DecodedSlice>();
  private readonly inFlight = new Map<string, Promise<DecodedSlice>>();
  private bytes = 0;

  constructor(
    private readonly decode: DecodeBlob,
    private readonly budgetBytes = 384 * 1024 * 1024,
  ) {}

  async get(blobs: BlobStore, sha: string): Promise<DecodedSlice> {
    const hit = this.entries.get(sha);
    if (hit) {
      this.entries.delete(sha);
      this.entries.set(sha, hit);
      return hit;
    }
    let pending = this.inFlight.get(sha);
    if (!pending) {
      pending = this.decode(blobs.pathOf(sha), `study copy ${sha.slice(0, 12)}`).finally(() => this.inFlight.delete(sha));
      this.inFlight.set(sha, pending);
    }
    const decoded = await pending;
    if (!this.entries.has(sha)) this.remember(sha, decoded);
    return decoded;
  }

  private remember(sha: string, decoded: DecodedSlice): void {
    this.entries.set(sha, decoded);
    this.bytes += decoded.stored.byteLength;
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(key);
      this.bytes -= value.stored.byteLength;
    }
  }
}
