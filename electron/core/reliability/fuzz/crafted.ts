import { constants, deflateRawSync } from 'node:zlib';
import { MAX_INFLATED_BYTES } from '../../dicom/import/scan-file';
import type { Rng } from '../../dicom/phantom/prng';
import {
  element,
  encapsulatedPixels,
  EXPLICIT_LE,
  IMPLICIT_LE,
  imageAttributes,
  item,
  itemDelimiter,
  nativePixels,
  part10Header,
  sequenceDelimiter,
  text,
  UNDEFINED,
  type RawSyntax,
} from './raw-dicom';
import { TS } from './seeds';

/** A hand-made hostile file: `make` builds it on demand (some are megabytes). */
export interface CraftedFile {
  name: string;
  make(): Buffer;
}

const MiB = 1024 * 1024;

function randomBytes(rng: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

function file(ts: string, syntax: RawSyntax, ...parts: Buffer[]): Buffer {
  return Buffer.concat([part10Header(ts), ...parts]);
}

const attrs = (o: Partial<{ rows: number; columns: number; bits: number; frames: string }> = {}, syntax: RawSyntax = EXPLICIT_LE) =>
  imageAttributes(syntax, { rows: o.rows ?? 64, columns: o.columns ?? 64, bits: o.bits, frames: o.frames });

/** Sequences nested `depth` deep at (0040,0275), undefined lengths, closed by delimiters unless `open`. */
function deepUndefined(syntax: RawSyntax, depth: number, open = false): Buffer {
  const sq = element(syntax, 0x00400275, 'SQ', new Uint8Array(0), UNDEFINED);
  const it = item(syntax, new Uint8Array(0), UNDEFINED);
  const close = open ? Buffer.alloc(0) : Buffer.concat([itemDelimiter(syntax), sequenceDelimiter(syntax)]);
  return Buffer.concat([...Array.from({ length: depth }, () => Buffer.concat([sq, it])), ...Array.from({ length: depth }, () => close)]);
}

/** The same nest with every length defined (computed from the inside out). */
function deepDefined(depth: number): Buffer {
  let inner: Buffer = element(EXPLICIT_LE, 0x00081150, 'UI', text('1.2.3', 'UI'));
  for (let d = 0; d < depth; d++) inner = element(EXPLICIT_LE, 0x00400275, 'SQ', item(EXPLICIT_LE, inner));
  return inner;
}

/**
 * A deflated data set that inflates to `mib` MiB: the image attributes and a Pixel Data header,
 * then one deflate block of 1 MiB of zeros repeated (each block stands alone), then an empty
 * final block. About 1 KiB of file per MiB inflated.
 */
function deflateBomb(mib: number): Buffer {
  const declared = mib * MiB < UNDEFINED ? mib * MiB : UNDEFINED;
  const prefix = Buffer.concat([attrs(), element(EXPLICIT_LE, 0x7fe00010, 'OW', new Uint8Array(0), declared)]);
  const head = deflateRawSync(prefix, { finishFlush: constants.Z_FULL_FLUSH });
  const block = deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([part10Header(TS.deflated), head, ...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00])]);
}

/** JPEG SOI + a start-of-frame marker claiming `width` x `height`, then noise. */
function jpegClaiming(sof: number, width: number, height: number, precision: number, rng: Rng): Buffer {
  const sofSeg = Buffer.from([0xff, sof, 0x00, 0x0b, precision, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sofSeg, randomBytes(rng, 200), Buffer.from([0xff, 0xd9])]);
}

/** JPEG 2000 codestream: SOC and a SIZ marker claiming `width` x `height`, then noise. */
function j2kClaiming(width: number, height: number, rng: Rng): Buffer {
  const siz = Buffer.alloc(2 + 2 + 36 + 3);
  siz.writeUInt16BE(0xff51, 0);
  siz.writeUInt16BE(38 + 3, 2);
  siz.writeUInt16BE(0, 4);
  siz.writeUInt32BE(width >>> 0, 6);
  siz.writeUInt32BE(height >>> 0, 10);
  siz.writeUInt32BE(0, 14);
  siz.writeUInt32BE(0, 18);
  siz.writeUInt32BE(width >>> 0, 22);
  siz.writeUInt32BE(height >>> 0, 26);
  siz.writeUInt32BE(0, 30);
  siz.writeUInt32BE(0, 34);
  siz.writeUInt16BE(1, 38);
  siz[40] = 15;
  siz[41] = 1;
  siz[42] = 1;
  return Buffer.concat([Buffer.from([0xff, 0x4f]), siz, randomBytes(rng, 300), Buffer.from([0xff, 0xd9])]);
}

function rleHeader(segments: number, offsets: number[]): Buffer {
  const h = Buffer.alloc(64);
  h.writeUInt32LE(segments >>> 0, 0);
  offsets.slice(0, 15).forEach((o, i) => h.writeUInt32LE(o >>> 0, 4 + i * 4));
  return h;
}

/**
 * Files written by hand to hit what random mutation rarely reaches: empty and tiny files, deep
 * sequence nesting, undefined lengths, deflate bombs, pixel data whose size disagrees with the
 * header, and codestreams claiming enormous images.
 */
export function craftedFiles(rng: Rng): CraftedFile[] {
  const px = (n: number) => randomBytes(rng, n);
  const small = (o: Parameters<typeof attrs>[0], pixels: Buffer, declared?: number) => file(TS.explicitLE, EXPLICIT_LE, attrs(o), nativePixels(EXPLICIT_LE, pixels, declared));
  const encapsulated = (ts: string, frags: Buffer[], o: Parameters<typeof attrs>[0] = {}, offsets: number[] = []) => file(ts, EXPLICIT_LE, attrs(o), encapsulatedPixels(frags, offsets));
  const list: CraftedFile[] = [
    { name: 'empty', make: () => Buffer.alloc(0) },
    { name: 'one-byte', make: () => Buffer.from([0x44]) },
    { name: 'preamble-only', make: () => Buffer.concat([Buffer.alloc(128), Buffer.from('DICM')]) },
    { name: 'no-dicm', make: () => Buffer.concat([Buffer.alloc(128), Buffer.from('DICX'), px(400)]) },
    { name: 'random-1k', make: () => px(1024) },
    { name: 'random-64k', make: () => px(65536) },
    { name: 'png', make: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), px(500)]) },
    { name: 'gzip', make: () => Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), px(500)]) },
    {
      name: 'meta-group-length-huge',
      make: () => {
        const b = part10Header(TS.explicitLE);
        b.writeUInt32LE(0xffffffff, 140);
        return Buffer.concat([b, attrs(), nativePixels(EXPLICIT_LE, px(8192))]);
      },
    },
    { name: 'meta-without-transfer-syntax', make: () => Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), element(EXPLICIT_LE, 0x00020001, 'OB', Buffer.from([0, 1])), attrs(), nativePixels(EXPLICIT_LE, px(8192))]) },
    {
      // Found by fuzz:dicom: the value of (0002,0010) read past the end escaped as a plain string.
      name: 'meta-transfer-syntax-length-65535',
      make: () => {
        const b = part10Header(TS.explicitLE);
        const at = b.indexOf(Buffer.from([0x02, 0x00, 0x10, 0x00, 0x55, 0x49]));
        b.writeUInt16LE(0xffff, at + 6);
        return b;
      },
    },
    // Found by fuzz:dicom: a file cut inside the meta group length, read outside the parser's guard.
    { name: 'cut-in-meta-group-length', make: () => Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([0x02, 0x00, 0x00, 0x00, 0x55, 0x4c, 0x04, 0x00, 0x40, 0x00, 0x00])]) },
    { name: 'unknown-transfer-syntax', make: () => file('1.2.3.4.5.6', EXPLICIT_LE, attrs(), nativePixels(EXPLICIT_LE, px(8192))) },
  ];
  for (const depth of [100, 1000, 10_000, 100_000]) {
    list.push({ name: `deep-sequences-undefined-${depth}`, make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), deepUndefined(EXPLICIT_LE, depth), nativePixels(EXPLICIT_LE, px(8192))) });
    list.push({ name: `deep-sequences-implicit-${depth}`, make: () => file(TS.implicitLE, IMPLICIT_LE, attrs({}, IMPLICIT_LE), deepUndefined(IMPLICIT_LE, depth), nativePixels(IMPLICIT_LE, px(8192))) });
    list.push({ name: `deep-sequences-unclosed-${depth}`, make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), deepUndefined(EXPLICIT_LE, depth, true)) });
  }
  for (const depth of [1000, 5000]) {
    list.push({ name: `deep-sequences-defined-${depth}`, make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), deepDefined(depth), nativePixels(EXPLICIT_LE, px(8192))) });
  }
  list.push(
    { name: 'undefined-length-ob-no-delimiter', make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), element(EXPLICIT_LE, 0x00291010, 'OB', px(100), UNDEFINED), nativePixels(EXPLICIT_LE, px(8192))) },
    { name: 'undefined-length-ut', make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), element(EXPLICIT_LE, 0x00324000, 'UT', text('x'.repeat(50)), UNDEFINED), nativePixels(EXPLICIT_LE, px(8192))) },
    {
      name: 'undefined-length-un-with-item',
      make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), element(EXPLICIT_LE, 0x00291010, 'UN', Buffer.concat([item(IMPLICIT_LE, px(16)), sequenceDelimiter(EXPLICIT_LE)]), UNDEFINED), nativePixels(EXPLICIT_LE, px(8192))),
    },
    { name: 'undefined-length-pixel-data-native', make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), nativePixels(EXPLICIT_LE, px(8192), UNDEFINED)) },
    { name: 'implicit-name-length-huge', make: () => file(TS.implicitLE, IMPLICIT_LE, element(IMPLICIT_LE, 0x00100010, 'PN', text('A^B'), 0xfffffff0), px(100)) },
    { name: 'pixel-data-in-sequence-item', make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), element(EXPLICIT_LE, 0x00400275, 'SQ', item(EXPLICIT_LE, nativePixels(EXPLICIT_LE, px(8192))))) },
    { name: 'pixel-data-twice', make: () => file(TS.explicitLE, EXPLICIT_LE, attrs(), nativePixels(EXPLICIT_LE, px(8192)), nativePixels(EXPLICIT_LE, px(10))) },
  );
  // Under the importer's inflate cap (inflated whole), just under it (the most memory), over it, far over it.
  const capMiB = Math.floor(MAX_INFLATED_BYTES / MiB);
  for (const mib of [64, capMiB - 1, 520, 3072]) list.push({ name: `deflate-bomb-${mib}MiB`, make: () => deflateBomb(mib) });
  list.push({ name: 'deflate-garbage', make: () => Buffer.concat([part10Header(TS.deflated), px(4000)]) });
  // Pixel data whose size disagrees with the header, and headers describing impossible images.
  list.push(
    { name: 'pixels-short', make: () => small({}, px(10)) },
    { name: 'pixels-empty', make: () => small({}, Buffer.alloc(0)) },
    { name: 'pixels-long', make: () => small({}, px(64 * 64 * 2 + 5000)) },
    { name: 'pixels-declared-huge', make: () => small({}, px(8192), 0xfffffff0) },
    { name: 'rows-zero', make: () => small({ rows: 0 }, px(8192)) },
    { name: 'columns-zero', make: () => small({ columns: 0 }, px(8192)) },
    { name: 'frame-over-cap-65535', make: () => small({ rows: 65535, columns: 65535 }, px(8192)) },
    { name: 'frame-128MiB-native-truncated', make: () => small({ rows: 8192, columns: 8192 }, px(8192), 8192 * 8192 * 2) },
    { name: 'frame-128MiB-rle-tiny', make: () => encapsulated(TS.rle, [Buffer.concat([rleHeader(2, [64, 80]), px(64)])], { rows: 8192, columns: 8192 }) },
    { name: 'frame-128MiB-encapsulated-native-tiny', make: () => encapsulated(TS.encapsulatedNative, [px(100)], { rows: 8192, columns: 8192 }) },
    { name: 'frames-100000', make: () => small({ frames: '100000' }, px(8192)) },
    { name: 'frames-2147483648', make: () => small({ frames: '2147483648' }, px(8192)) },
    { name: 'frames-negative', make: () => small({ frames: '-5' }, px(8192)) },
    { name: 'frames-text', make: () => small({ frames: 'abc' }, px(8192)) },
    { name: 'frames-1e9', make: () => small({ frames: '1e9' }, px(8192)) },
    { name: 'bits-24', make: () => small({ bits: 24 }, px(64 * 64 * 3)) },
    { name: 'bits-1', make: () => small({ bits: 1 }, px(512)) },
    { name: 'bits-64', make: () => small({ bits: 64 }, px(64 * 64 * 8)) },
    { name: 'bits-32', make: () => small({ bits: 32 }, px(64 * 64 * 4)) },
    { name: 'rle-15-segments-out-of-range', make: () => encapsulated(TS.rle, [Buffer.concat([rleHeader(15, Array.from({ length: 15 }, (_, i) => 64 + i * 1_000_000)), px(64)])]) },
    { name: 'rle-zero-segments', make: () => encapsulated(TS.rle, [Buffer.concat([rleHeader(0, []), px(64)])]) },
    { name: 'rle-segments-backwards', make: () => encapsulated(TS.rle, [Buffer.concat([rleHeader(2, [5000, 64]), px(6000)])]) },
    { name: 'rle-segment-count-huge', make: () => encapsulated(TS.rle, [Buffer.concat([rleHeader(0xffffffff, [64]), px(64)])]) },
    { name: 'rle-header-short', make: () => encapsulated(TS.rle, [px(10)]) },
    { name: 'offset-table-1000-frames', make: () => encapsulated(TS.rle, [px(200)], {}, Array.from({ length: 1000 }, (_, i) => i * 8)) },
    { name: 'no-fragments', make: () => file(TS.rle, EXPLICIT_LE, attrs(), element(EXPLICIT_LE, 0x7fe00010, 'OB', new Uint8Array(0), UNDEFINED), item(EXPLICIT_LE, Buffer.alloc(0)), sequenceDelimiter(EXPLICIT_LE)) },
    {
      name: 'fragment-length-huge',
      make: () => file(TS.rle, EXPLICIT_LE, attrs(), element(EXPLICIT_LE, 0x7fe00010, 'OB', new Uint8Array(0), UNDEFINED), item(EXPLICIT_LE, Buffer.alloc(0)), item(EXPLICIT_LE, px(100), 0xfffffff0)),
    },
    {
      name: 'fragment-wrong-item-tag',
      make: () => file(TS.rle, EXPLICIT_LE, attrs(), element(EXPLICIT_LE, 0x7fe00010, 'OB', new Uint8Array(0), UNDEFINED), item(EXPLICIT_LE, Buffer.alloc(0)), element(EXPLICIT_LE, 0x00100010, 'OB', px(100)), sequenceDelimiter(EXPLICIT_LE)),
    },
    { name: 'jpeg-baseline-noise', make: () => encapsulated(TS.jpegBaseline, [px(3000)], { bits: 8 }) },
    { name: 'jpeg-baseline-claims-65535', make: () => encapsulated(TS.jpegBaseline, [jpegClaiming(0xc0, 65535, 65535, 8, rng)], { bits: 8 }) },
    { name: 'jpeg-lossless-claims-65535', make: () => encapsulated(TS.jpegLossless, [jpegClaiming(0xc3, 65535, 65535, 16, rng)]) },
    { name: 'jpeg-lossless-noise', make: () => encapsulated(TS.jpegLossless, [px(3000)]) },
    { name: 'jpeg-ls-claims-65535', make: () => encapsulated(TS.jpegLs, [jpegClaiming(0xf7, 65535, 65535, 16, rng)]) },
    { name: 'jpeg-ls-noise', make: () => encapsulated(TS.jpegLs, [px(3000)]) },
    { name: 'j2k-claims-4e9', make: () => encapsulated(TS.j2k, [j2kClaiming(0xfffffff0, 0xfffffff0, rng)]) },
    { name: 'j2k-claims-8192', make: () => encapsulated(TS.j2k, [j2kClaiming(8192, 8192, rng)]) },
    { name: 'j2k-noise', make: () => encapsulated(TS.j2k, [px(3000)]) },
  );
  return list;
}
