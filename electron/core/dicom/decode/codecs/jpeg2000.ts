/// <reference path="./codec-modules.d.ts" />
import { copySamples, type DecodedSamples } from './decoded-samples';
import { openJpeg, withWasmDecoder } from './wasm-module';

/**
 * JPEG 2000 (reversible and irreversible) through OpenJPEG (@cornerstonejs/codec-openjpeg).
 * OpenJPEG undoes the multi-component transform, so YBR_RCT / YBR_ICT images come out as RGB.
 */
export function decodeJpeg2000(codestream: Uint8Array): Promise<DecodedSamples> {
  return withWasmDecoder(openJpeg, (m) => new m.J2KDecoder(), codestream, (decoder) => {
    const info = decoder.getFrameInfo();
    const count = info.width * info.height * info.componentCount;
    if (count === 0) throw new Error('the codestream holds no image (cut short?)');
    return {
      samples: copySamples(decoder.getDecodedBuffer(), info.bitsPerSample, info.isSigned === true, count),
      width: info.width,
      height: info.height,
      components: info.componentCount,
      planar: false,
      samplesSigned: info.isSigned === true,
      ...(info.componentCount === 3 ? { photometricInterpretation: 'RGB' } : {}),
    };
  });
}
