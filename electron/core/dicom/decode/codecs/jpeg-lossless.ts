/// <reference path="./codec-modules.d.ts" />
import type { DecodedSamples } from './decoded-samples';

type LosslessModule = typeof import('jpeg-lossless-decoder-js');
let loading: Promise<LosslessModule> | null = null;

/**
 * JPEG lossless, process 14 with any predictor (selection value 1 is transfer syntax .70), through
 * the pure-JS jpeg-lossless-decoder-js. It returns Uint8Array samples for precision up to 8 and
 * Uint16Array above (the bit pattern: signed data is sign-extended later from BitsStored).
 */
export async function decodeJpegLossless(codestream: Uint8Array, bytesPerSample: 1 | 2): Promise<DecodedSamples> {
  loading ??= import('jpeg-lossless-decoder-js');
  const { Decoder } = await loading;
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
