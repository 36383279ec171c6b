/// <reference path="./codec-modules.d.ts" />
import type { DecodedSamples } from './decoded-samples';

type DecoderClass = (typeof import('jpeg-lossless-decoder-js'))['Decoder'];
let loading: Promise<DecoderClass> | null = null;

/**
 * The package's decoder with predictor 7 corrected. T.81 (H.1.2) defines it as (Ra + Rb) >> 1;
 * the package computes (Ra + Rb) / 2, a fraction for odd sums, which comes out one too high
 * whenever prediction plus difference wraps below zero (signed images around 0, full-range
 * 16-bit). One method, nothing else of the codec, is replaced.
 */
function withIntegerPredictor7(Base: DecoderClass): DecoderClass {
  return class extends Base {
    override select7(compOffset?: number): number {
      return (this.getPreviousX(compOffset) + this.getPreviousY(compOffset)) >> 1;
    }
  };
}

/**
 * JPEG lossless, process 14 with any predictor (selection value 1 is transfer syntax .70), through
 * the pure-JS jpeg-lossless-decoder-js. It returns Uint8Array samples for precision up to 8 and
 * Uint16Array above (the bit pattern: signed data is sign-extended later from BitsStored).
 */
export async function decodeJpegLossless(codestream: Uint8Array, bytesPerSample: 1 | 2): Promise<DecodedSamples> {
  // require for the same reason as in wasm-module.ts.
  loading ??= Promise.resolve().then(() => withIntegerPredictor7((require('jpeg-lossless-decoder-js') as typeof import('jpeg-lossless-decoder-js')).Decoder));
  const Decoder = await loading;
  const decoder = new Decoder();
  const padded = padBeforeEndOfImage(codestream);
  const samples = decoder.decode(padded.buffer as ArrayBuffer, padded.byteOffset, padded.byteLength, bytesPerSample);
  const { dimX, dimY, numComp } = decoder.frame;
  return { samples, width: dimX, height: dimY, components: numComp, planar: false };
}

/** Zero bytes put between the entropy-coded data and EOI; the decoder looks at most 3 bytes ahead. */
const EOI_PADDING = 8;

/**
 * jpeg-lossless-decoder-js stops one pixel early when the EOI marker falls inside its bit
 * look-ahead while the last pixel is decoded (its getn() guards this with isLastPixel(), its
 * Huffman reader does not), leaving the bottom-right sample 0. Zero bytes before EOI are read
 * as ordinary entropy-coded bits after the last pixel, so the marker is never reached early.
 * The codestream is otherwise unchanged.
 */
function padBeforeEndOfImage(codestream: Uint8Array): Uint8Array {
  let end = codestream.length;
  while (end > 0 && codestream[end - 1] === 0) end--; // fragment padding
  if (end < 4 || codestream[end - 2] !== 0xff || codestream[end - 1] !== 0xd9) return codestream;
  const out = new Uint8Array(end + EOI_PADDING);
  out.set(codestream.subarray(0, end - 2), 0);
  out[end - 2 + EOI_PADDING] = 0xff;
  out[end - 1 + EOI_PADDING] = 0xd9;
  return out;
}
