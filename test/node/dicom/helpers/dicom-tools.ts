// Debian's dcmtk and gdcm as independent encoders and decoders: the reader under test must agree
// with them. Every helper writes into the caller's temp folder and throws with the tool's output.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

export function runTool(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** An encoding produced by an independent tool, and how that tool decodes it back. */
export interface Variant {
  name: string;
  transferSyntaxUID: string;
  lossy: boolean;
  /** Writes `out` from the explicit VR little endian file `src`. */
  encode(src: string, out: string): void;
  /** For lossy variants: the tool's own decompression to a native file, to compare decoders. */
  decodeWithTool?(src: string, out: string): void;
}

const dcmdjpeg = (src: string, out: string) => runTool('dcmdjpeg', [src, out]);
const dcmdjpls = (src: string, out: string) => runTool('dcmdjpls', [src, out]);
const gdcmRaw = (src: string, out: string) => runTool('gdcmconv', ['--raw', src, out]);

export const LOSSLESS_VARIANTS: Variant[] = [
  { name: 'implicit VR LE (dcmconv +ti)', transferSyntaxUID: '1.2.840.10008.1.2', lossy: false, encode: (s, o) => runTool('dcmconv', ['+ti', s, o]) },
  { name: 'explicit VR LE (dcmconv +te)', transferSyntaxUID: '1.2.840.10008.1.2.1', lossy: false, encode: (s, o) => runTool('dcmconv', ['+te', s, o]) },
  { name: 'explicit VR BE (dcmconv +tb)', transferSyntaxUID: '1.2.840.10008.1.2.2', lossy: false, encode: (s, o) => runTool('dcmconv', ['+tb', s, o]) },
  { name: 'deflated (dcmconv +td)', transferSyntaxUID: '1.2.840.10008.1.2.1.99', lossy: false, encode: (s, o) => runTool('dcmconv', ['+td', s, o]) },
  { name: 'RLE (dcmcrle)', transferSyntaxUID: '1.2.840.10008.1.2.5', lossy: false, encode: (s, o) => runTool('dcmcrle', [s, o]) },
  { name: 'JPEG lossless SV1 (dcmcjpeg +e1)', transferSyntaxUID: '1.2.840.10008.1.2.4.70', lossy: false, encode: (s, o) => runTool('dcmcjpeg', ['+e1', s, o]) },
  { name: 'JPEG lossless process 14 (dcmcjpeg +el)', transferSyntaxUID: '1.2.840.10008.1.2.4.57', lossy: false, encode: (s, o) => runTool('dcmcjpeg', ['+el', s, o]) },
  { name: 'JPEG-LS lossless (dcmcjpls)', transferSyntaxUID: '1.2.840.10008.1.2.4.80', lossy: false, encode: (s, o) => runTool('dcmcjpls', [s, o]) },
  { name: 'JPEG 2000 lossless (gdcmconv --j2k)', transferSyntaxUID: '1.2.840.10008.1.2.4.90', lossy: false, encode: (s, o) => runTool('gdcmconv', ['--j2k', s, o]) },
];

export const JPEG_LS_NEAR_LOSSLESS: Variant = {
  name: 'JPEG-LS near-lossless (dcmcjpls +en, NEAR 2)',
  transferSyntaxUID: '1.2.840.10008.1.2.4.81',
  lossy: true,
  encode: (s, o) => runTool('dcmcjpls', ['+en', '+md', '2', s, o]),
  decodeWithTool: dcmdjpls,
};
/** gdcm's --lossy alone still uses the reversible 5/3 wavelet; --irreversible makes it really lossy (9/7). */
export const JPEG_2000_LOSSY: Variant = {
  name: 'JPEG 2000 lossy (gdcmconv --j2k --lossy --irreversible)',
  transferSyntaxUID: '1.2.840.10008.1.2.4.91',
  lossy: true,
  encode: (s, o) => runTool('gdcmconv', ['--j2k', '--lossy', '--irreversible', s, o]),
  decodeWithTool: gdcmRaw,
};
export const JPEG_BASELINE: Variant = {
  name: 'JPEG baseline (dcmcjpeg +eb)',
  transferSyntaxUID: '1.2.840.10008.1.2.4.50',
  lossy: true,
  encode: (s, o) => runTool('dcmcjpeg', ['+eb', s, o]),
  decodeWithTool: dcmdjpeg,
};
export const JPEG_EXTENDED: Variant = {
  name: 'JPEG extended (dcmcjpeg +ee)',
  transferSyntaxUID: '1.2.840.10008.1.2.4.51',
  lossy: true,
  encode: (s, o) => runTool('dcmcjpeg', ['+ee', s, o]),
  decodeWithTool: dcmdjpeg,
};

/** The transfer syntax UID in a file's meta header, as dcmdump reads it. */
export function transferSyntaxOfFile(file: string): string {
  const line = runTool('dcmdump', ['-Un', '+P', '0002,0010', file]).trim();
  const match = /\[([0-9.]+)\]/.exec(line) ?? /=(\S+)/.exec(line);
  if (!match) throw new Error(`no transfer syntax in ${file}: ${line}`);
  return match[1];
}

/**
 * The raw pixel data bytes of a native file as dcmtk writes them (`dcmdump +W`): little-endian
 * words whatever the file's byte order.
 */
export function dcmtkRawPixels(file: string, workDir: string): Buffer {
  const dir = join(workDir, `raw-${basename(file)}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  runTool('dcmdump', ['+W', dir, file]);
  const raws = readdirSync(dir).filter((f) => f.endsWith('.raw'));
  if (raws.length !== 1) throw new Error(`dcmdump +W wrote ${raws.length} raw files for ${file}`);
  return readFileSync(join(dir, raws[0]));
}

/**
 * Stored values from dcmtk's raw dump, computed here independently of the reader: take the
 * BitsStored bits ending at HighBit, sign-extend when signed.
 */
export function storedFromRaw(raw: Buffer, count: number, bitsAllocated: 8 | 16, bitsStored: number, highBit: number, signed: boolean): number[] {
  const out: number[] = [];
  // The dump keeps the pad byte of odd-length 8-bit pixel data: read only `count` samples.
  if (raw.length < (count * bitsAllocated) / 8) throw new Error(`raw dump of ${raw.length} bytes for ${count} samples`);
  for (let i = 0; i < count; i++) {
    const word = bitsAllocated === 8 ? raw[i] : raw.readUInt16LE(i * 2);
    let v = Math.floor(word / 2 ** (highBit + 1 - bitsStored)) % 2 ** bitsStored;
    if (signed && v >= 2 ** (bitsStored - 1)) v -= 2 ** bitsStored;
    out.push(v);
  }
  return out;
}
