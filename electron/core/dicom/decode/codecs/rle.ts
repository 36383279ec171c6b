import type { DecodedSamples, SampleArray } from './decoded-samples';

/**
 * DICOM RLE lossless (PS3.5 Annex G). No installed npm package decodes it, and it is a few lines
 * of PackBits, so it is written here (the one codec not taken from a package). Tested against
 * dcmtk's dcmcrle output.
 *
 * Layout: a 64-byte header (segment count, then 15 segment offsets, little endian), then one
 * PackBits segment per byte of each sample: for each sample in turn, its most significant byte
 * first. Each segment decodes to rows x columns bytes.
 */
export function decodeRle(frame: Uint8Array, rows: number, columns: number, samplesPerPixel: number, bitsAllocated: number): DecodedSamples {
  if (frame.length < 64) throw new Error(`RLE frame of ${frame.length} bytes is shorter than its 64-byte header`);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segmentCount = view.getUint32(0, true);
  const bytesPerSample = bitsAllocated / 8;
  const expected = samplesPerPixel * bytesPerSample;
  if (segmentCount !== expected) {
    throw new Error(`RLE header lists ${segmentCount} segments, ${samplesPerPixel} sample(s) of ${bitsAllocated} bits need ${expected}`);
  }
  const offsets: number[] = [];
  for (let i = 0; i < segmentCount; i++) offsets.push(view.getUint32(4 + i * 4, true));
  const pixels = rows * columns;
  const segment = new Uint8Array(pixels);
  const planes = samplesPerPixel;
  const samples: SampleArray =
    bytesPerSample === 1 ? new Uint8Array(pixels * planes) : bytesPerSample === 2 ? new Uint16Array(pixels * planes) : new Uint32Array(pixels * planes);

  for (let s = 0; s < segmentCount; s++) {
    const start = offsets[s];
    const end = s + 1 < segmentCount ? offsets[s + 1] : frame.length;
    if (start < 64 || end > frame.length || end < start) throw new Error(`RLE segment ${s + 1} has offsets ${start}..${end} outside the ${frame.length}-byte frame`);
    unpackBits(frame, start, end, segment, s + 1);
    // Segment s holds byte (s % bytesPerSample) of sample plane floor(s / bytesPerSample), MSB first.
    const plane = Math.floor(s / bytesPerSample);
    const shift = 8 * (bytesPerSample - 1 - (s % bytesPerSample));
    const base = plane * pixels;
    if (shift === 0 && bytesPerSample === 1) {
      samples.set(segment, base);
    } else {
      for (let p = 0; p < pixels; p++) samples[base + p] += segment[p] * 2 ** shift;
    }
  }
  return { samples, width: columns, height: rows, components: samplesPerPixel, planar: samplesPerPixel > 1 };
}

/**
 * PackBits: header byte n; 0..127 copies the next n + 1 bytes, -1..-127 repeats the next byte
 * 1 - n times, -128 does nothing. Output past the segment's size (some encoders pad) is dropped;
 * a segment that ends early is an error.
 */
function unpackBits(src: Uint8Array, start: number, end: number, out: Uint8Array, segmentNumber: number): void {
  let i = start;
  let o = 0;
  const size = out.length;
  while (o < size && i < end) {
    const n = src[i++];
    if (n < 128) {
      const count = n + 1;
      if (i + count > end) throw new Error(`RLE segment ${segmentNumber} ends inside a literal run`);
      const take = Math.min(count, size - o);
      out.set(src.subarray(i, i + take), o);
      o += take;
      i += count;
    } else if (n > 128) {
      if (i >= end) throw new Error(`RLE segment ${segmentNumber} ends inside a repeat run`);
      const count = Math.min(257 - n, size - o);
      out.fill(src[i++], o, o + count);
      o += count;
    }
  }
  if (o < size) throw new Error(`RLE segment ${segmentNumber} decodes to ${o} bytes, the image needs ${size}`);
}
