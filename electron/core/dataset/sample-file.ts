import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { ImageRef, SpinalSegment } from '../../../shared/model/imaging';

/** One training sample: a slice's fake-colour image and its consensus mask. */
export interface SampleInfo {
  patient: string;
  seriesId: number;
  /** 0-based slice index in the sorted series when the snapshot was built (for display). */
  slice: number;
  /** The image the sample is (its SOP Instance UID and frame): what binds it to the study. Absent in snapshots built before schema 8. */
  image?: ImageRef;
  segment: SpinalSegment | null;
  /** The consensus has BME on this slice. */
  positive: boolean;
}

export interface SampleSet {
  size: number;
  samples: SampleInfo[];
  /** N x size x size x 3, uint8 (0-255 = normalised 0-1), interleaved RGB = previous, current, next slice. */
  images: Uint8Array;
  /** N x size x size, 0/1. */
  masks: Uint8Array;
}

const MAGIC = 'BMEDS001';

/**
 * The prepared samples of a dataset snapshot, as one file beside the study:
 *   'BMEDS001' | u32 LE header length | header JSON {size, samples} | images | masks
 * Written to a temporary name, synced, then renamed: a crash leaves no half file.
 */
export function writeSampleFile(file: string, set: SampleSet): void {
  const header = Buffer.from(JSON.stringify({ size: set.size, samples: set.samples }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const part of [Buffer.from(MAGIC), len, header, set.images, set.masks]) writeSync(fd, part);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function readSampleFile(file: string): SampleSet {
  const buf = readFileSync(file);
  if (buf.subarray(0, 8).toString() !== MAGIC) throw new Error(`${file} is not a BME sample file`);
  const headerLength = buf.readUInt32LE(8);
  const header = JSON.parse(buf.subarray(12, 12 + headerLength).toString()) as { size: number; samples: SampleInfo[] };
  const n = header.samples.length;
  const imageBytes = n * header.size * header.size * 3;
  const start = 12 + headerLength;
  if (buf.length !== start + imageBytes + n * header.size * header.size) throw new Error(`${file} is truncated: rebuild the dataset`);
  return {
    size: header.size,
    samples: header.samples,
    images: new Uint8Array(buf.buffer, buf.byteOffset + start, imageBytes),
    masks: new Uint8Array(buf.buffer, buf.byteOffset + start + imageBytes, n * header.size * header.size),
  };
}
