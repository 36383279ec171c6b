import { TextDecoder } from 'node:util';
import type { DataSet } from 'dicom-parser';

/**
 * Typed reads of dicom-parser elements. dicom-parser reads strings byte by byte as Latin-1; names
 * and descriptions are decoded here with the file's SpecificCharacterSet instead, so that a UTF-8
 * or Cyrillic patient name comes out as written.
 */

/** (0008,0005) defined terms to WHATWG encoding labels that Node's TextDecoder knows. */
const CHARSETS: Record<string, string> = {
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

/** A decoder for the data set's text, Latin-1 when the character set is absent or unknown. */
export function textDecoderFor(dataSet: DataSet): TextDecoder {
  // With code extensions ('ISO 2022 IR 6\ISO 2022 IR 87') the first value is the default repertoire.
  const declared = (dataSet.string('x00080005') ?? '').split('\\').find((v) => v.trim() !== '')?.trim() ?? '';
  const label = CHARSETS[declared.replace(/^ISO 2022 /, 'ISO_')] ?? CHARSETS[declared] ?? 'latin1';
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('latin1');
  }
}

/** The element's bytes, or null when absent or empty. */
function valueBytes(dataSet: DataSet, tag: string): Uint8Array | null {
  const el = dataSet.elements[tag];
  if (!el || el.length <= 0 || el.length === 0xffffffff) return null;
  const end = el.dataOffset + el.length;
  if (end > dataSet.byteArray.length) return null;
  return dataSet.byteArray.subarray(el.dataOffset, end);
}

/** A text value decoded with `decoder`, NUL padding and surrounding spaces removed; null when empty. */
export function textValue(dataSet: DataSet, tag: string, decoder: TextDecoder): string | null {
  const bytes = valueBytes(dataSet, tag);
  if (!bytes) return null;
  const text = decoder.decode(bytes).replace(/\0+$/, '').trim();
  return text === '' ? null : text;
}

/** An ASCII value (UI, CS, DS, IS) as one string; null when empty. */
export function asciiValue(dataSet: DataSet, tag: string): string | null {
  const bytes = valueBytes(dataSet, tag);
  if (!bytes) return null;
  let text = '';
  for (const b of bytes) {
    if (b === 0) break;
    text += String.fromCharCode(b);
  }
  text = text.trim();
  return text === '' ? null : text;
}

/** The numbers of a DS or IS value ('1.5\-2\3e1'); null when absent or when any value is not a number. */
export function decimalValues(dataSet: DataSet, tag: string): number[] | null {
  const text = asciiValue(dataSet, tag);
  if (text === null) return null;
  const values = text.split('\\').map((part) => (part.trim() === '' ? NaN : Number(part.trim())));
  return values.every(Number.isFinite) ? values : null;
}

/** The first number of a DS or IS value, or null. */
export function decimalValue(dataSet: DataSet, tag: string): number | null {
  const values = decimalValues(dataSet, tag);
  return values && values.length > 0 ? values[0] : null;
}

/**
 * A US value. In implicit VR files that use the old 'IS-like' encodings this still reads the two
 * bytes: US is binary in every transfer syntax this reader supports.
 */
export function unsignedShort(dataSet: DataSet, tag: string): number | null {
  const el = dataSet.elements[tag];
  if (!el || el.length < 2 || el.dataOffset + 2 > dataSet.byteArray.length) return null;
  const value = dataSet.uint16(tag);
  return value === undefined ? null : value;
}

/** A fixed number of decimals (e.g. 3 for a position), or null when the count differs. */
export function decimalTuple(dataSet: DataSet, tag: string, count: number): number[] | null {
  const values = decimalValues(dataSet, tag);
  return values && values.length === count ? values : null;
}
