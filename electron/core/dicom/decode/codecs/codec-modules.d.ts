// The cornerstone codec packages ship emscripten factories without type declarations. Each module's
// default export builds one wasm instance; wasm-module.ts types what the decoders use of it.
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (options?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (options?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module 'jpeg-lossless-decoder-js' {
  /** Pure-JS JPEG lossless (process 14) decoder. */
  export class Decoder {
    constructor(buffer?: ArrayBuffer, numBytes?: number);
    /** Samples of the decoded image: Uint8Array for 8-bit precision, Uint16Array above. */
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
    /** Predictor 7 of T.81 table H.1; the package divides with '/' (see jpeg-lossless.ts). */
    select7(compOffset?: number): number;
    getPreviousX(compOffset?: number): number;
    getPreviousY(compOffset?: number): number;
    /** Width, height, precision and component count after decode(). */
    frame: { dimX: number; dimY: number; precision: number; numComp: number };
  }
}
