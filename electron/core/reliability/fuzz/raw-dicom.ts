/**
 * A byte-level DICOM encoder for the fuzzer: it writes what the project's writer refuses to
 * (implicit VR, big endian, sequences, undefined lengths, lengths that lie), so that crafted
 * hostile files can be built element by element. Nothing here validates anything.
 */

/** How a data set is encoded. */
export interface RawSyntax {
  explicitVr: boolean;
  littleEndian: boolean;
}

export const EXPLICIT_LE: RawSyntax = { explicitVr: true, littleEndian: true };
export const IMPLICIT_LE: RawSyntax = { explicitVr: false, littleEndian: true };
export const EXPLICIT_BE: RawSyntax = { explicitVr: true, littleEndian: false };

export const UNDEFINED = 0xffffffff;

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

function u16(v: number, le: boolean): Buffer {
  const b = Buffer.alloc(2);
  if (le) b.writeUInt16LE(v & 0xffff, 0);
  else b.writeUInt16BE(v & 0xffff, 0);
  return b;
}

function u32(v: number, le: boolean): Buffer {
  const b = Buffer.alloc(4);
  if (le) b.writeUInt32LE(v >>> 0, 0);
  else b.writeUInt32BE(v >>> 0, 0);
  return b;
}

/**
 * One element: tag (group, element), VR (ignored for implicit VR), value bytes, and the length to
 * declare (default: the value's length; UNDEFINED or any lie allowed).
 */
export function element(syntax: RawSyntax, tag: number, vr: string, value: Uint8Array, declared: number = value.length): Buffer {
  const le = syntax.littleEndian || tag >>> 16 === 0x0002;
  const head = [u16(tag >>> 16, le), u16(tag & 0xffff, le)];
  if (syntax.explicitVr || tag >>> 16 === 0x0002) {
    head.push(Buffer.from(vr.padEnd(2, ' ').slice(0, 2), 'latin1'));
    if (LONG_VRS.has(vr)) head.push(Buffer.alloc(2), u32(declared, le));
    else head.push(u16(declared, le));
  } else {
    head.push(u32(declared, le));
  }
  return Buffer.concat([...head, Buffer.from(value)]);
}

/** Text value padded to even length (UIDs with NUL, others with a space). */
export function text(value: string, vr = 'LO'): Buffer {
  const b = Buffer.from(value, 'latin1');
  return b.length % 2 === 0 ? b : Buffer.concat([b, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
}

export function us(v: number, le = true): Buffer {
  return u16(v, le);
}

/** An item (FFFE,E000) with its length (UNDEFINED for a delimited item). */
export function item(syntax: RawSyntax, body: Uint8Array, declared: number = body.length): Buffer {
  return Buffer.concat([u16(0xfffe, syntax.littleEndian), u16(0xe000, syntax.littleEndian), u32(declared, syntax.littleEndian), Buffer.from(body)]);
}

export function itemDelimiter(syntax: RawSyntax): Buffer {
  return Buffer.concat([u16(0xfffe, syntax.littleEndian), u16(0xe00d, syntax.littleEndian), u32(0, syntax.littleEndian)]);
}

export function sequenceDelimiter(syntax: RawSyntax): Buffer {
  return Buffer.concat([u16(0xfffe, syntax.littleEndian), u16(0xe0dd, syntax.littleEndian), u32(0, syntax.littleEndian)]);
}

/** 128-byte preamble, DICM, and a file meta group (explicit VR LE) naming `transferSyntax`. */
export function part10Header(transferSyntax: string, sopInstance = '1.2.3.4.5.6.7.8.9', sopClass = '1.2.840.10008.5.1.4.1.1.4'): Buffer {
  const meta = Buffer.concat([
    element(EXPLICIT_LE, 0x00020001, 'OB', Buffer.from([0, 1])),
    element(EXPLICIT_LE, 0x00020002, 'UI', text(sopClass, 'UI')),
    element(EXPLICIT_LE, 0x00020003, 'UI', text(sopInstance, 'UI')),
    element(EXPLICIT_LE, 0x00020010, 'UI', text(transferSyntax, 'UI')),
  ]);
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  return Buffer.concat([preamble, element(EXPLICIT_LE, 0x00020000, 'UL', u32(meta.length, true)), meta]);
}

/** The identifying and image attributes of a small greyscale MR slice, without pixel data, tags ascending. */
export function imageAttributes(syntax: RawSyntax, o: { rows: number; columns: number; bits?: number; frames?: string; sop?: string }): Buffer {
  const le = syntax.littleEndian;
  const bits = o.bits ?? 16;
  const parts = [
    element(syntax, 0x00080016, 'UI', text('1.2.840.10008.5.1.4.1.1.4', 'UI')),
    element(syntax, 0x00080018, 'UI', text(o.sop ?? '1.2.3.4.5.6.7.8.9', 'UI')),
    element(syntax, 0x00080060, 'CS', text('MR')),
    element(syntax, 0x00100010, 'PN', text('FUZZ^PATIENT')),
    element(syntax, 0x00100020, 'LO', text('FUZZ-001')),
    element(syntax, 0x0020000d, 'UI', text('1.2.3.4.5.6.7.1', 'UI')),
    element(syntax, 0x0020000e, 'UI', text('1.2.3.4.5.6.7.2', 'UI')),
    element(syntax, 0x00280002, 'US', us(1, le)),
    element(syntax, 0x00280004, 'CS', text('MONOCHROME2')),
  ];
  if (o.frames !== undefined) parts.push(element(syntax, 0x00280008, 'IS', text(o.frames)));
  parts.push(
    element(syntax, 0x00280010, 'US', us(o.rows, le)),
    element(syntax, 0x00280011, 'US', us(o.columns, le)),
    element(syntax, 0x00280100, 'US', us(bits, le)),
    element(syntax, 0x00280101, 'US', us(bits === 8 ? 8 : 12, le)),
    element(syntax, 0x00280102, 'US', us(bits === 8 ? 7 : 11, le)),
    element(syntax, 0x00280103, 'US', us(0, le)),
  );
  return Buffer.concat(parts);
}

/** Native pixel data (7FE0,0010) OW holding `bytes`, declaring `declared` bytes. */
export function nativePixels(syntax: RawSyntax, bytes: Uint8Array, declared: number = bytes.length): Buffer {
  return element(syntax, 0x7fe00010, 'OW', bytes, declared);
}

/** Encapsulated pixel data: an empty offset table, one item per fragment, the sequence delimiter. */
export function encapsulatedPixels(fragments: Uint8Array[], offsets: number[] = []): Buffer {
  const table = Buffer.concat(offsets.map((o) => u32(o, true)));
  return Buffer.concat([
    element(EXPLICIT_LE, 0x7fe00010, 'OB', new Uint8Array(0), UNDEFINED),
    item(EXPLICIT_LE, table),
    ...fragments.map((f) => item(EXPLICIT_LE, f.length % 2 ? Buffer.concat([Buffer.from(f), Buffer.from([0])]) : f)),
    sequenceDelimiter(EXPLICIT_LE),
  ]);
}

/**
 * An RLE Lossless frame (PS3.5 Annex G) of 16-bit samples: two segments (high bytes, low bytes),
 * each PackBits-encoded as literal runs of up to 128 bytes.
 */
export function rleFrame16(samples: Uint16Array): Buffer {
  const high = Buffer.alloc(samples.length);
  const low = Buffer.alloc(samples.length);
  samples.forEach((v, i) => {
    high[i] = v >>> 8;
    low[i] = v & 0xff;
  });
  const segments = [packBitsLiteral(high), packBitsLiteral(low)];
  const header = Buffer.alloc(64);
  header.writeUInt32LE(2, 0);
  header.writeUInt32LE(64, 4);
  header.writeUInt32LE(64 + segments[0]!.length, 8);
  return Buffer.concat([header, ...segments]);
}

function packBitsLiteral(bytes: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 128) {
    const chunk = bytes.subarray(i, Math.min(bytes.length, i + 128));
    out.push(Buffer.from([chunk.length - 1]), chunk);
  }
  return Buffer.concat(out);
}
