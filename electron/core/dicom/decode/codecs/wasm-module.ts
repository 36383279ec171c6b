/**
 * Lazy, shared instances of the emscripten codec builds. Each package's `decodewasmjs` export is a
 * factory that locates its .wasm beside itself (node_modules/<pkg>/dist) through __dirname, so it
 * works unchanged from the esbuild bundle (npm packages stay external) and from vitest.
 *
 * A wasm trap (RuntimeError) can leave an instance's heap in an unknown state, so after a failure
 * the instance is dropped and the next decode builds a fresh one.
 */

/** What the three cornerstone decoders share: the encoded bitstream goes in, pixels come out. */
export interface WasmDecoder {
  /** A view of `length` bytes in wasm memory to copy the codestream into. */
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  /** The decoded samples as bytes (little endian for more than 8 bits), a view into wasm memory. */
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned?: boolean };
  delete(): void;
}

export interface CharLsModule {
  JpegLSDecoder: new () => WasmDecoder & { getInterleaveMode(): number; getNearLossless(): number };
  getExceptionMessage?: (ptr: number) => [string, string];
}
export interface OpenJpegModule {
  J2KDecoder: new () => WasmDecoder;
  getExceptionMessage?: (ptr: number) => [string, string];
}
export interface LibJpegTurboModule {
  JPEGDecoder: new () => WasmDecoder;
  getExceptionMessage?: (ptr: number) => [string, string];
}

type Factory = (options?: Record<string, unknown>) => Promise<unknown>;
type FactoryModule = Factory & { default?: Factory };

/** OpenJPEG prints '[INFO] ...' lines to stdout for every image; the CLI's stdout is for results. */
const QUIET = { print: () => undefined, printErr: () => undefined };

export class WasmModule<M> {
  private instance: Promise<M> | null = null;

  constructor(private readonly loadFactory: () => FactoryModule) {}

  get(): Promise<M> {
    if (!this.instance) {
      const loading = Promise.resolve()
        .then(() => this.loadFactory())
        .then((mod) => (mod.default ?? mod)({ ...QUIET }) as Promise<M>);
      // A failed load is not cached: the next call tries again.
      loading.catch(() => {
        if (this.instance === loading) this.instance = null;
      });
      this.instance = loading;
    }
    return this.instance;
  }

  /** Forgets the instance (after a trap); the next get() builds a new one. */
  reset(): void {
    this.instance = null;
  }
}

// require, not import(): esbuild leaves a dynamic import() of an external package as a native ESM
// import, which resolves differently (no NODE_PATH, no asar); require is what the CommonJS bundle
// and vitest's module runner both provide. Literal specifiers keep the packages visible to bundlers.
export const charLs = new WasmModule<CharLsModule>(() => require('@cornerstonejs/codec-charls/decodewasmjs') as FactoryModule);
export const openJpeg = new WasmModule<OpenJpegModule>(() => require('@cornerstonejs/codec-openjpeg/decodewasmjs') as FactoryModule);
export const libJpegTurbo = new WasmModule<LibJpegTurboModule>(
  () => require('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs') as FactoryModule,
);

/** The message of what a wasm decoder threw: a C++ exception pointer, a trap, or an Error. */
export function wasmErrorMessage(thrown: unknown, module: { getExceptionMessage?: (ptr: number) => [string, string] }): string {
  if (typeof thrown === 'number' && module.getExceptionMessage) {
    try {
      const [type, message] = module.getExceptionMessage(thrown);
      return message ? `${type}: ${message}` : type;
    } catch {
      return `native exception ${thrown}`;
    }
  }
  if (thrown instanceof Error) return thrown.message;
  return String(thrown);
}

/**
 * Runs one decode on a fresh decoder and hands the result to `read` while the wasm memory is still
 * valid; deletes the decoder whatever happens, and resets the module after a failure.
 */
export async function withWasmDecoder<M extends { getExceptionMessage?: (ptr: number) => [string, string] }, D extends WasmDecoder, T>(
  holder: WasmModule<M>,
  create: (module: M) => D,
  codestream: Uint8Array,
  read: (decoder: D) => T,
): Promise<T> {
  const module = await holder.get();
  let decoder: D | null = null;
  try {
    decoder = create(module);
    decoder.getEncodedBuffer(codestream.length).set(codestream);
    decoder.decode();
    return read(decoder);
  } catch (thrown) {
    const message = wasmErrorMessage(thrown, module);
    holder.reset();
    decoder = null; // a trapped instance is dropped whole; deleting into it is not safe
    throw new Error(message);
  } finally {
    if (decoder) {
      try {
        decoder.delete();
      } catch {
        holder.reset();
      }
    }
  }
}
