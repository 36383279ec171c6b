// A deliberately small DICOM writer for tests: explicit VR little endian Part 10 files with one
// frame (or several) of native pixels. It is independent of the reader under test (it shares no
// code with electron/core/dicom), and dcmtk/gdcm re-encode its output into the other transfer
// syntaxes, so the reader is checked against files written by independent tools.

/** The attributes a test image can set; everything has a sensible default. */
export interface TestImage {
  rows: number;
  columns: number;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  highBit?: number;
  pixelRepresentation: 0 | 1;
  photometric?: string;
  samplesPerPixel?: 1 | 3;
  planarConfiguration?: 0 | 1;
  numberOfFrames?: number;
  /** Stored values, frame after frame, row-major, samples interleaved; written as-is (masked to BitsAllocated). */
  pixels: ArrayLike<number>;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  windowCenter?: number;
  windowWidth?: number;
  patientName?: string;
  patientId?: string;
  seriesDescription?: string;
  bodyPart?: string;
  instanceNumber?: number;
  sopInstanceUid?: string;
  /** When false, no 128-byte preamble, no DICM and no meta header: a raw data set. */
  part10?: boolean;
  /** Written into the meta header only (the data set stays explicit VR little endian): for unsupported-syntax tests. */
  metaTransferSyntaxUid?: string;
  /** Extra elements appended before Pixel Data, already encoded (see encodeElement); tags after (0028,1053). */
  extraElements?: Buffer[];
  /** (0008,0005); 'ISO_IR 192' writes names and descriptions as UTF-8, anything else as Latin-1. */
  characterSet?: string;
  /** Encapsulated pixel data instead of `pixels`: fragments after an empty offset table, and the transfer syntax to declare. */
  encapsulated?: { transferSyntaxUid: string; fragments: Uint8Array[] };
}

function item(tagElement: number, value: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0xfffe, 0);
  head.writeUInt16LE(tagElement, 2);
  head.writeUInt32LE(value.length, 4);
  return Buffer.concat([head, Buffer.from(value)]);
}

/** (7FE0,0010) OB of undefined length: empty offset table item, one item per fragment, delimiter. */
function encapsulatedPixelData(fragments: Uint8Array[]): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16LE(0x7fe0, 0);
  head.writeUInt16LE(0x0010, 2);
  head.write('OB', 4, 'latin1');
  head.writeUInt32LE(0xffffffff, 8);
  const padded = fragments.map((f) => (f.length % 2 === 0 ? f : Buffer.concat([Buffer.from(f), Buffer.from([0])])));
  return Buffer.concat([head, item(0xe000, new Uint8Array(0)), ...padded.map((f) => item(0xe000, f)), item(0xe0dd, new Uint8Array(0))]);
}

const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

export type Vr = 'AE' | 'CS' | 'DS' | 'IS' | 'LO' | 'OB' | 'OW' | 'PN' | 'SH' | 'UI' | 'UL' | 'US';

function pad(value: string, vr: Vr, encoding: BufferEncoding = 'latin1'): Buffer {
  const bytes = Buffer.from(value, encoding);
  if (bytes.length % 2 === 0) return bytes;
  return Buffer.concat([bytes, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
}

/** One explicit VR little endian element (tag, VR, length, value). */
export function encodeElement(group: number, elem: number, vr: Vr, value: Buffer): Buffer {
  const long = vr === 'OB' || vr === 'OW';
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(elem, 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(value.length, 8);
  else head.writeUInt16LE(value.length, 6);
  return Buffer.concat([head, value]);
}

const str = (g: number, e: number, vr: Vr, v: string) => encodeElement(g, e, vr, pad(v, vr));
function us(g: number, e: number, v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return encodeElement(g, e, 'US', b);
}

function pixelBytes(img: TestImage): Buffer {
  const n = img.pixels.length;
  if (img.bitsAllocated === 8) {
    const out = Buffer.alloc(n + (n % 2));
    for (let i = 0; i < n; i++) out[i] = img.pixels[i] & 0xff;
    return out;
  }
  const out = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) out.writeUInt16LE(img.pixels[i] & 0xffff, i * 2);
  return out;
}

/** Serialises the image as a DICOM file (or a raw data set when part10 is false). */
export function writeTestDicom(img: TestImage): Buffer {
  const sop = img.sopInstanceUid ?? '1.2.826.0.1.3680043.10.1355.1.1';
  const spp = img.samplesPerPixel ?? 1;
  const encoding: BufferEncoding = img.characterSet === 'ISO_IR 192' ? 'utf8' : 'latin1';
  const text = (g: number, e: number, vr: Vr, v: string) => encodeElement(g, e, vr, pad(v, vr, encoding));
  const ds: Buffer[] = [
    ...(img.characterSet ? [str(0x0008, 0x0005, 'CS', img.characterSet)] : []),
    str(0x0008, 0x0016, 'UI', MR_IMAGE_STORAGE),
    str(0x0008, 0x0018, 'UI', sop),
    str(0x0008, 0x0060, 'CS', 'MR'),
    text(0x0008, 0x103e, 'LO', img.seriesDescription ?? 'STIR SAG LUMBAR'),
    text(0x0010, 0x0010, 'PN', img.patientName ?? 'Doe^Jane'),
    text(0x0010, 0x0020, 'LO', img.patientId ?? 'PID-0001'),
    str(0x0018, 0x0015, 'CS', img.bodyPart ?? 'LSPINE'),
    str(0x0018, 0x0050, 'DS', '4'),
    str(0x0020, 0x000d, 'UI', '1.2.826.0.1.3680043.10.1355.2'),
    str(0x0020, 0x000e, 'UI', '1.2.826.0.1.3680043.10.1355.3'),
    str(0x0020, 0x0013, 'IS', String(img.instanceNumber ?? 7)),
    str(0x0020, 0x0032, 'DS', '-12.5\\-100\\80.25'),
    str(0x0020, 0x0037, 'DS', '0\\1\\0\\0\\0\\-1'),
    us(0x0028, 0x0002, spp),
    str(0x0028, 0x0004, 'CS', img.photometric ?? (spp === 3 ? 'RGB' : 'MONOCHROME2')),
  ];
  if (spp === 3) ds.push(us(0x0028, 0x0006, img.planarConfiguration ?? 0));
  if (img.numberOfFrames !== undefined) ds.push(str(0x0028, 0x0008, 'IS', String(img.numberOfFrames)));
  ds.push(
    us(0x0028, 0x0010, img.rows),
    us(0x0028, 0x0011, img.columns),
    str(0x0028, 0x0030, 'DS', '0.75\\0.5'),
    us(0x0028, 0x0100, img.bitsAllocated),
    us(0x0028, 0x0101, img.bitsStored),
    us(0x0028, 0x0102, img.highBit ?? img.bitsStored - 1),
    us(0x0028, 0x0103, img.pixelRepresentation),
  );
  if (img.windowCenter !== undefined) ds.push(str(0x0028, 0x1050, 'DS', String(img.windowCenter)));
  if (img.windowWidth !== undefined) ds.push(str(0x0028, 0x1051, 'DS', String(img.windowWidth)));
  if (img.rescaleIntercept !== undefined) ds.push(str(0x0028, 0x1052, 'DS', String(img.rescaleIntercept)));
  if (img.rescaleSlope !== undefined) ds.push(str(0x0028, 0x1053, 'DS', String(img.rescaleSlope)));
  ds.push(...(img.extraElements ?? []));
  ds.push(
    img.encapsulated
      ? encapsulatedPixelData(img.encapsulated.fragments)
      : encodeElement(0x7fe0, 0x0010, img.bitsAllocated === 8 ? 'OB' : 'OW', pixelBytes(img)),
  );
  const dataSet = Buffer.concat(ds);
  if (img.part10 === false) return dataSet;

  const metaBody = Buffer.concat([
    encodeElement(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    str(0x0002, 0x0002, 'UI', MR_IMAGE_STORAGE),
    str(0x0002, 0x0003, 'UI', sop),
    str(0x0002, 0x0010, 'UI', img.metaTransferSyntaxUid ?? img.encapsulated?.transferSyntaxUid ?? EXPLICIT_LE),
    str(0x0002, 0x0012, 'UI', '1.2.826.0.1.3680043.10.1355.99'),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaBody.length);
  const preamble = Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1')]);
  return Buffer.concat([preamble, encodeElement(0x0002, 0x0000, 'UL', groupLength), metaBody, dataSet]);
}

/** A deterministic pattern spanning the whole stored range, so every bit of every pixel matters. */
export function rampPattern(rows: number, columns: number, bitsStored: number, signed: boolean, frames = 1): number[] {
  const span = 2 ** bitsStored;
  const min = signed ? -(span / 2) : 0;
  const out: number[] = [];
  for (let f = 0; f < frames; f++) {
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < columns; x++) {
        // Smooth structure (so lossy codecs behave) plus a few exact extremes at fixed spots.
        let v = Math.round(((x / columns + y / rows) / 2) * (span - 1) + f * 17) % span;
        if (x === 0 && y === 0) v = 0;
        if (x === 1 && y === 0) v = span - 1;
        if (x === 2 && y === 0) v = span / 2;
        out.push(v + min);
      }
    }
  }
  return out;
}
