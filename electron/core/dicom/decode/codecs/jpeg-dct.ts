/// <reference path="./codec-modules.d.ts" />
import { copySamples, type DecodedSamples } from './decoded-samples';
import { libJpegTurbo, withWasmDecoder } from './wasm-module';

/**
 * JPEG baseline and extended (processes 1, 2 and 4) with 8-bit samples, through libjpeg-turbo
 * (@cornerstonejs/codec-libjpeg-turbo-8bit). Three-component images come out as RGB: libjpeg
 * converts YCbCr, as DICOM's YBR_FULL_422 / YBR_FULL lossy JPEG expects. 12-bit precision is
 * refused by the caller before this runs (that build has no 12-bit path).
 */
export function decodeJpegDct(codestream: Uint8Array): Promise<DecodedSamples> {
  return withWasmDecoder(libJpegTurbo, (m) => new m.JPEGDecoder(), codestream, (decoder) => {
    const info = decoder.getFrameInfo();
    const count = info.width * info.height * info.componentCount;
    return {
      samples: copySamples(decoder.getDecodedBuffer(), 8, false, count),
      width: info.width,
      height: info.height,
      components: info.componentCount,
      planar: false,
      ...(info.componentCount === 3 ? { photometricInterpretation: 'RGB' } : {}),
    };
  });
}
