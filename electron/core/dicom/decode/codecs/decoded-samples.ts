/** Samples as a codec returns them: one element per sample, before BitsStored masking. */
export type SampleArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** One decoded frame from a codec, checked against the header by the caller. */
export interface DecodedSamples {
  samples: SampleArray;
  width: number;
  height: number;
  components: number;
  /** True when all samples of component 0 come first, then component 1 ... (JPEG-LS interleave none, RLE). */
  planar: boolean;
  /** JPEG 2000 only: the codestream declares signed samples (then `samples` is a signed array). */
  samplesSigned?: boolean;
  /** Set when the codec changed the colour space, e.g. YCbCr JPEG decoded to RGB. */
  photometricInterpretation?: string;
}

/**
 * Copies samples out of a codec's byte buffer (often a view into wasm memory that the next decode
 * overwrites): one byte per sample up to 8 bits, two little-endian bytes up to 16.
 */
export function copySamples(bytes: Uint8Array, bitsPerSample: number, signed: boolean, count: number): SampleArray {
  if (bitsPerSample <= 8) {
    if (bytes.length < count) throw new Error(`codec returned ${bytes.length} bytes for ${count} samples`);
    const out = new Uint8Array(count);
    out.set(bytes.subarray(0, count));
    return signed ? new Int8Array(out.buffer) : out;
  }
  if (bitsPerSample <= 16) {
    if (bytes.length < count * 2) throw new Error(`codec returned ${bytes.length} bytes for ${count} 16-bit samples`);
    const copy = new Uint8Array(count * 2);
    copy.set(bytes.subarray(0, count * 2));
    if (!hostIsLittleEndian) swapPairs(copy);
    return signed ? new Int16Array(copy.buffer) : new Uint16Array(copy.buffer);
  }
  throw new Error(`codec returned ${bitsPerSample} bits per sample`);
}

export const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Swaps each pair of bytes in place (16-bit byte order change). */
export function swapPairs(bytes: Uint8Array): void {
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const t = bytes[i];
    bytes[i] = bytes[i + 1];
    bytes[i + 1] = t;
  }
}
