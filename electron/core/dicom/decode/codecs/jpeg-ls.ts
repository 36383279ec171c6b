/// <reference path="./codec-modules.d.ts" />
import { copySamples, type DecodedSamples } from './decoded-samples';
import { charLs, withWasmDecoder } from './wasm-module';

/** CharLS interleave modes. */
const INTERLEAVE_NONE = 0;

/**
 * JPEG-LS lossless and near-lossless through CharLS (@cornerstonejs/codec-charls). Samples come
 * back as unsigned bit patterns; signed images are sign-extended from BitsStored afterwards.
 */
export function decodeJpegLs(codestream: Uint8Array): Promise<DecodedSamples> {
  return withWasmDecoder(charLs, (m) => new m.JpegLSDecoder(), codestream, (decoder) => {
    const info = decoder.getFrameInfo();
    const count = info.width * info.height * info.componentCount;
    return {
      samples: copySamples(decoder.getDecodedBuffer(), info.bitsPerSample, false, count),
      width: info.width,
      height: info.height,
      components: info.componentCount,
      // With interleave 'none' each component is its own scan and CharLS returns planes.
      planar: info.componentCount > 1 && decoder.getInterleaveMode() === INTERLEAVE_NONE,
    };
  });
}
