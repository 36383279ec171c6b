import type { SlicePixels } from '../../../shared/model/imaging';
import { decodeStoredFrame, parseDicom } from './decode';
import type { BlobStore } from './import/blob-store';

type Decoded = Omit<SlicePixels, 'index' | 'image'>;

/**
 * Decoded slices by the SHA-256 of their file, least recently used out first, within a byte
 * budget: scrolling back and forth through a series decodes each slice once.
 */
export class DecodedSliceCache {
  private readonly entries = new Map<string, Decoded>();
  private bytes = 0;

  constructor(private readonly budgetBytes = 384 * 1024 * 1024) {}

  async get(blobs: BlobStore, sha: string): Promise<Decoded> {
    const hit = this.entries.get(sha);
    if (hit) {
      this.entries.delete(sha);
      this.entries.set(sha, hit);
      return hit;
    }
    const bytes = blobs.read(sha);
    const slice = parseDicom(bytes, `study copy ${sha.slice(0, 12)}`);
    const frame = await decodeStoredFrame(slice, 0);
    const decoded: Decoded = {
      width: frame.columns,
      height: frame.rows,
      stored: frame.values as Decoded["stored"],
      slope: slice.header.rescaleSlope,
      intercept: slice.header.rescaleIntercept,
      invert: slice.header.photometricInterpretation === 'MONOCHROME1',
    };
    this.entries.set(sha, decoded);
    this.bytes += decoded.stored.byteLength;
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(key);
      this.bytes -= value.stored.byteLength;
    }
    return decoded;
  }
}
