/**
 * Encodes one element's value to the bytes of explicit VR little endian, padded to even length
 * (PS3.5 section 6.2: UI pads with NUL, other text with a space, OB and UN with NUL).
 */
import { AppError } from '../../../../shared/contracts/errors';
import { formatTag, type DicomElement, type DicomValue, type DicomVr } from './dicom-element';

/** How text VRs that allow more than ASCII are written; chosen from SpecificCharacterSet. */
export type TextEncoding = 'ascii' | 'latin1' | 'utf8';

/** VRs whose explicit-VR header has a 4-byte length (and 2 reserved bytes). */
export const LONG_LENGTH_VRS: ReadonlySet<DicomVr> = new Set<DicomVr>(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

const TEXT_VRS: ReadonlySet<DicomVr> = new Set<DicomVr>(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);

/** Text VRs that may hold characters of the dataset's character set; the rest are ASCII only. */
const EXTENDED_TEXT_VRS: ReadonlySet<DicomVr> = new Set<DicomVr>(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

/** Longest value in characters (per value of a multi-valued element), PS3.5 table 6.2-1. */
const MAX_CHARS: Partial<Record<DicomVr, number>> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, PN: 324, SH: 16, TM: 16, UI: 64, LT: 10240, ST: 1024,
};

/** Text VRs whose value is never split at '\'. */
const SINGLE_VALUED_TEXT: ReadonlySet<DicomVr> = new Set<DicomVr>(['LT', 'ST', 'UT', 'UR']);

function fail(el: DicomElement, why: string): never {
  throw new AppError('bad_request', `Cannot write DICOM element ${formatTag(el.tag)} ${el.vr}: ${why}.`);
}

/** A number as a Decimal String of at most 16 characters, as precise as fits (exponent form for very large or small numbers). */
export function formatDecimalString(n: number): string {
  if (!Number.isFinite(n)) throw new AppError('bad_request', `${n} cannot be written as a DICOM decimal string.`);
  if (Object.is(n, -0)) return '0';
  for (let precision = 15; precision >= 1; precision--) {
    const plain = String(Number(n.toPrecision(precision)));
    if (plain.length <= 16) return plain;
    const exponent = n.toExponential(precision - 1);
    if (exponent.length <= 16) return exponent;
  }
  return n.toExponential(0);
}

function textValues(el: DicomElement): string[] {
  const v = el.value;
  const list: readonly (string | number)[] = typeof v === 'string' || typeof v === 'number' ? [v] : Array.isArray(v) ? (v as readonly (string | number)[]) : fail(el, 'text VRs take a string, a number (DS, IS) or a list');
  return list.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item !== 'number') return fail(el, `unexpected ${typeof item} in the value list`);
    if (el.vr === 'DS') return formatDecimalString(item);
    if (el.vr === 'IS') {
      if (!Number.isInteger(item) || item < -(2 ** 31) || item >= 2 ** 31) fail(el, `${item} is not a 32-bit integer`);
      return String(item);
    }
    return fail(el, 'only DS and IS take numbers');
  });
}

function validateText(el: DicomElement, values: string[], encoding: TextEncoding): void {
  const max = MAX_CHARS[el.vr];
  for (const s of values) {
    if (max !== undefined && s.length > max) fail(el, `'${s.slice(0, 40)}' is longer than ${max} characters`);
    if (!SINGLE_VALUED_TEXT.has(el.vr) && values.length > 1 && s.includes('\\')) fail(el, `'${s}' contains the value separator '\\'`);
    const extended = EXTENDED_TEXT_VRS.has(el.vr) && encoding !== 'ascii';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7e && !extended) fail(el, `'${s}' has a non-ASCII character; set SpecificCharacterSet (ISO_IR 100 or ISO_IR 192) to write it`);
      if (c > 0xff && encoding === 'latin1') fail(el, `'${s}' has a character outside ISO_IR 100 (Latin-1)`);
    }
  }
  if (el.vr === 'UI') {
    for (const s of values) if (!/^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/.test(s)) fail(el, `'${s}' is not a UID (digits and dots, no leading zeros)`);
  }
}

function encodeText(el: DicomElement, encoding: TextEncoding): Uint8Array {
  const values = textValues(el);
  validateText(el, values, encoding);
  const joined = values.join('\\');
  const useEncoding = EXTENDED_TEXT_VRS.has(el.vr) ? encoding : 'ascii';
  return Buffer.from(joined, useEncoding === 'utf8' ? 'utf8' : 'latin1');
}

type NumberWriter = (view: DataView, offset: number, value: number | bigint) => void;
const NUMBER_LAYOUT: Partial<Record<DicomVr, [bytes: number, write: NumberWriter]>> = {
  US: [2, (d, o, v) => d.setUint16(o, Number(v), true)],
  SS: [2, (d, o, v) => d.setInt16(o, Number(v), true)],
  UL: [4, (d, o, v) => d.setUint32(o, Number(v), true)],
  SL: [4, (d, o, v) => d.setInt32(o, Number(v), true)],
  FL: [4, (d, o, v) => d.setFloat32(o, Number(v), true)],
  FD: [8, (d, o, v) => d.setFloat64(o, Number(v), true)],
  SV: [8, (d, o, v) => d.setBigInt64(o, BigInt(v), true)],
  UV: [8, (d, o, v) => d.setBigUint64(o, BigInt(v), true)],
  OW: [2, (d, o, v) => d.setUint16(o, Number(v) & 0xffff, true)],
  OF: [4, (d, o, v) => d.setFloat32(o, Number(v), true)],
  OD: [8, (d, o, v) => d.setFloat64(o, Number(v), true)],
  OL: [4, (d, o, v) => d.setUint32(o, Number(v) >>> 0, true)],
};

const RANGES: Partial<Record<DicomVr, [number, number]>> = {
  US: [0, 0xffff], SS: [-0x8000, 0x7fff], UL: [0, 0xffffffff], SL: [-(2 ** 31), 2 ** 31 - 1],
};

function encodeNumbers(el: DicomElement): Uint8Array {
  const v = el.value;
  if (el.vr === 'AT') {
    const tags: readonly number[] = typeof v === 'number' ? [v] : Array.isArray(v) ? (v as readonly number[]) : fail(el, 'AT takes tag numbers');
    const out = new DataView(new ArrayBuffer(tags.length * 4));
    tags.forEach((t, i) => {
      out.setUint16(i * 4, (t >>> 16) & 0xffff, true);
      out.setUint16(i * 4 + 2, t & 0xffff, true);
    });
    return new Uint8Array(out.buffer);
  }
  const layout = NUMBER_LAYOUT[el.vr];
  if (!layout) return fail(el, 'this VR takes raw bytes (Uint8Array) only');
  if (typeof v === 'string' || (Array.isArray(v) && v.some((x) => typeof x !== 'number'))) fail(el, 'a number VR cannot hold text');
  const list = (typeof v === 'number' || typeof v === 'bigint' ? [v] : v) as ArrayLike<number | bigint>;
  const [size, write] = layout;
  const range = RANGES[el.vr];
  const out = new DataView(new ArrayBuffer(list.length * size));
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (range && (typeof item !== 'number' || !Number.isInteger(item) || item < range[0] || item > range[1])) {
      fail(el, `${String(item)} is out of range for ${el.vr}`);
    }
    write(out, i * size, item);
  }
  return new Uint8Array(out.buffer);
}

/** Little-endian bytes of a typed array, without copying on little-endian machines. */
function typedArrayBytes(a: Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array): Uint8Array | null {
  const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return littleEndianHost ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : null;
}

/** Encodes an element's value (unpadded); text in `encoding` where its VR allows it. */
function encodeRawValue(el: DicomElement, encoding: TextEncoding): Uint8Array {
  const v: DicomValue = el.value;
  if (v instanceof Uint8Array) return v; // already-encoded bytes, written as given
  if (TEXT_VRS.has(el.vr)) return encodeText(el, encoding);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView) && el.vr !== 'AT') {
    const direct = typedArrayBytes(v);
    if (direct) return direct;
    return encodeNumbers({ ...el, value: Array.from(v) });
  }
  return encodeNumbers(el);
}

/** The value bytes of `el`, padded to even length with the pad byte of its VR. */
export function encodeValue(el: DicomElement, encoding: TextEncoding = 'ascii'): Uint8Array {
  const raw = encodeRawValue(el, encoding);
  if (raw.length % 2 === 0) return raw;
  const padded = new Uint8Array(raw.length + 1);
  padded.set(raw);
  padded[raw.length] = el.vr === 'UI' || el.vr === 'OB' || el.vr === 'UN' || !TEXT_VRS.has(el.vr) ? 0x00 : 0x20;
  return padded;
}
