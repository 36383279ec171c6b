import { parseDicom as parseDataSet, type DataSet } from 'dicom-parser';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { phantomSliceDataset, synthesizePatient } from '../../dicom/phantom';
import { encodeDicomPart10 } from '../../dicom/write';
import {
  element,
  encapsulatedPixels,
  EXPLICIT_BE,
  EXPLICIT_LE,
  IMPLICIT_LE,
  imageAttributes,
  item,
  itemDelimiter,
  nativePixels,
  part10Header,
  rleFrame16,
  sequenceDelimiter,
  text,
  UNDEFINED,
  type RawSyntax,
} from './raw-dicom';

/** Where a length field sits in a seed, for mutations that lie about lengths. */
export interface LengthField {
  offset: number;
  /** 2 or 4 bytes. */
  size: 2 | 4;
  littleEndian: boolean;
}

/** A valid file the fuzzer starts from. */
export interface Seed {
  name: string;
  bytes: Buffer;
  /** Where the data set starts (after the Part 10 header), 0 for a bare data set. */
  datasetOffset: number;
  /** Length fields of its top-level elements (empty where the bytes are deflated). */
  lengths: LengthField[];
  /** The un-deflated data set, for seeds stored deflated (mutated, then deflated again). */
  inflatedDataset?: Buffer;
}

export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
  rle: '1.2.840.10008.1.2.5',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpegLossless: '1.2.840.10008.1.2.4.70',
  jpegLs: '1.2.840.10008.1.2.4.80',
  j2k: '1.2.840.10008.1.2.4.90',
  encapsulatedNative: '1.2.840.10008.1.2.1.98',
} as const;

function ramp(count: number, seed: number): Uint16Array {
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = (i * 37 + seed * 101) % 4096;
  return out;
}

function pixelBytes(samples: Uint16Array, littleEndian: boolean): Buffer {
  const b = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => (littleEndian ? b.writeUInt16LE(v, i * 2) : b.writeUInt16BE(v, i * 2)));
  return b;
}

function smallDataset(syntax: RawSyntax, extra: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([imageAttributes(syntax, { rows: 64, columns: 64 }), extra, nativePixels(syntax, pixelBytes(ramp(64 * 64, 1), syntax.littleEndian))]);
}

/** A three-deep nest of sequences with undefined lengths and delimiters, a valid place for parsers to go wrong. */
function nestedSequences(): Buffer {
  const s = EXPLICIT_LE;
  let inner = element(s, 0x00081150, 'UI', text('1.2.840.10008.5.1.4.1.1.4', 'UI'));
  for (let depth = 0; depth < 3; depth++) {
    inner = Buffer.concat([element(s, 0x00400275, 'SQ', Buffer.concat([item(s, inner, UNDEFINED), itemDelimiter(s)]), UNDEFINED), sequenceDelimiter(s)]);
  }
  return inner;
}

/** Length fields of the top-level elements of a parsed data set. */
function lengthFieldsOf(bytes: Buffer, syntax: RawSyntax, options: Parameters<typeof parseDataSet>[1] = {}): LengthField[] {
  let ds: DataSet;
  try {
    ds = parseDataSet(bytes, options);
  } catch {
    return [];
  }
  const out: LengthField[] = [];
  for (const el of Object.values(ds.elements)) {
    const meta = el.tag.startsWith('x0002');
    const explicit = syntax.explicitVr || meta;
    const le = syntax.littleEndian || meta;
    if (!explicit) out.push({ offset: el.dataOffset - 4, size: 4, littleEndian: le });
    else if (el.vr && /^(OB|OD|OF|OL|OV|OW|SQ|UC|UN|UR|UT|SV|UV)$/.test(el.vr)) out.push({ offset: el.dataOffset - 4, size: 4, littleEndian: le });
    else out.push({ offset: el.dataOffset - 2, size: 2, littleEndian: le });
  }
  return out.filter((f) => f.offset > 0);
}

function seed(name: string, ts: string, syntax: RawSyntax, dataset: Buffer): Seed {
  const header = part10Header(ts);
  const bytes = Buffer.concat([header, dataset]);
  return { name, bytes, datasetOffset: header.length, lengths: lengthFieldsOf(bytes, syntax) };
}

/**
 * The valid files mutations start from: a phantom slice from the project's generator and writer
 * (the real thing, 320 x 192 x 16 bits) and small 64 x 64 slices in every encoding family the
 * importer reads: explicit and implicit VR little endian, explicit big endian, deflated, RLE,
 * nested sequences, a bare data set without Part 10 header, 8 bits and two frames.
 */
export function fuzzSeeds(): Seed[] {
  const patient = synthesizePatient(11, 0);
  const series = patient.series[0]!;
  const phantom = Buffer.from(encodeDicomPart10(phantomSliceDataset(patient, series, series.slices[Math.floor(series.slices.length / 2)]!)));
  const seeds: Seed[] = [{ name: 'phantom', bytes: phantom, datasetOffset: 0, lengths: lengthFieldsOf(phantom, EXPLICIT_LE) }];
  seeds.push(seed('explicit-le', TS.explicitLE, EXPLICIT_LE, smallDataset(EXPLICIT_LE)));
  seeds.push(seed('implicit-le', TS.implicitLE, IMPLICIT_LE, smallDataset(IMPLICIT_LE)));
  seeds.push(seed('explicit-be', TS.explicitBE, EXPLICIT_BE, smallDataset(EXPLICIT_BE)));
  seeds.push(seed('sequences', TS.explicitLE, EXPLICIT_LE, smallDataset(EXPLICIT_LE, nestedSequences())));
  seeds.push(
    seed(
      'rle',
      TS.rle,
      EXPLICIT_LE,
      Buffer.concat([imageAttributes(EXPLICIT_LE, { rows: 64, columns: 64 }), encapsulatedPixels([rleFrame16(ramp(64 * 64, 2))])]),
    ),
  );
  seeds.push(
    seed(
      'two-frames',
      TS.explicitLE,
      EXPLICIT_LE,
      Buffer.concat([imageAttributes(EXPLICIT_LE, { rows: 32, columns: 32, frames: '2' }), nativePixels(EXPLICIT_LE, pixelBytes(ramp(2 * 32 * 32, 3), true))]),
    ),
  );
  seeds.push(
    seed(
      '8-bit',
      TS.explicitLE,
      EXPLICIT_LE,
      Buffer.concat([imageAttributes(EXPLICIT_LE, { rows: 64, columns: 64, bits: 8 }), nativePixels(EXPLICIT_LE, Buffer.from(ramp(64 * 64, 4).map((v) => v & 0xff)))]),
    ),
  );
  const bare = smallDataset(IMPLICIT_LE);
  seeds.push({ name: 'bare-implicit', bytes: bare, datasetOffset: 0, lengths: lengthFieldsOf(bare, IMPLICIT_LE, { TransferSyntaxUID: TS.implicitLE }) });
  const inflated = smallDataset(EXPLICIT_LE);
  const header = part10Header(TS.deflated);
  seeds.push({ name: 'deflated', bytes: Buffer.concat([header, deflateRawSync(inflated)]), datasetOffset: header.length, lengths: [], inflatedDataset: inflated });
  return seeds;
}

/** Independent encoders (Debian's dcmtk and gdcm) that turn a small seed into compressed ones. */
const CODEC_TOOLS: { name: string; from: string; tool: string; args: string[] }[] = [
  { name: 'jpeg-lossless', from: 'explicit-le', tool: 'dcmcjpeg', args: ['+e1'] },
  { name: 'jpeg-baseline', from: '8-bit', tool: 'dcmcjpeg', args: ['+eb'] },
  { name: 'jpeg-ls', from: 'explicit-le', tool: 'dcmcjpls', args: [] },
  { name: 'jpeg-2000', from: 'explicit-le', tool: 'gdcmconv', args: ['--j2k'] },
  { name: 'dcmtk-rle', from: 'explicit-le', tool: 'dcmcrle', args: [] },
];

/**
 * Seeds whose pixels go through the compressed-image decoders (JPEG lossless and baseline,
 * JPEG-LS, JPEG 2000, RLE), made by dcmtk and gdcm where they are installed; a missing tool
 * just means fewer seeds. `dir` is a scratch folder.
 */
export function codecSeeds(base: Seed[], dir: string): Seed[] {
  const out: Seed[] = [];
  for (const c of CODEC_TOOLS) {
    const from = base.find((b) => b.name === c.from);
    if (!from) continue;
    const src = join(dir, `${c.name}-in.dcm`);
    const dst = join(dir, `${c.name}-out.dcm`);
    writeFileSync(src, from.bytes);
    const r = spawnSync(c.tool, [...c.args, src, dst], { stdio: 'ignore', timeout: 30_000 });
    if (r.status !== 0) continue;
    const bytes = readFileSync(dst);
    const datasetOffset = 132 + 12 + bytes.readUInt32LE(140);
    out.push({ name: c.name, bytes, datasetOffset, lengths: lengthFieldsOf(bytes, EXPLICIT_LE) });
  }
  return out;
}
