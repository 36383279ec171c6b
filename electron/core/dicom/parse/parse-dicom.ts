import { parseDicom as parseDataSet, readPart10Header, type DataSet, type Element } from 'dicom-parser';
import { inflateRawSync } from 'node:zlib';
import { DicomReadError, describeThrown } from './dicom-read-error';
import type { DicomSlice, PixelDataLocation } from './dicom-slice';
import { readDicomHeader } from './read-header';
import { sniffLayout, withPreamble } from './sniff-encoding';
import { transferSyntaxOf, unsupportedTransferSyntaxReason, type TransferSyntax } from './transfer-syntax';
import { frameByteLength } from './frame-size';

export interface ParseDicomOptions {
  /**
   * Cap on the size of an inflated deflated data set, in bytes. Deflate compresses zeros about
   * 1000:1, so a small hostile file could otherwise claim gigabytes. Default 512 MiB.
   */
  maxInflatedBytes?: number;
  /** Cap on one decoded frame, in bytes (rows x columns x samples x bytes per sample). Default 256 MiB. */
  maxFrameBytes?: number;
}

export const DEFAULT_MAX_INFLATED_BYTES = 512 * 1024 * 1024;
export const DEFAULT_MAX_FRAME_BYTES = 256 * 1024 * 1024;

const UNDEFINED_LENGTH = 0xffffffff;

/**
 * Parses a DICOM Part 10 file (or a bare data set: explicit or implicit VR, either byte order) and
 * checks that its pixels can be decoded: transfer syntax supported, image attributes complete,
 * pixel data as long as the header says. Decoding itself is lazy (see decode/decode-frame.ts).
 *
 * @param bytes the whole file; the returned slice keeps views into it (no copy)
 * @param file the name for error messages (a path or a label)
 * @throws DicomReadError naming `file` and the reason
 */
export function parseDicom(bytes: Uint8Array, file: string, options: ParseDicomOptions = {}): DicomSlice {
  const maxInflated = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const layout = sniffLayout(bytes);
  let input = bytes;
  let rawTransferSyntax: string | undefined;
  switch (layout.kind) {
    case 'part10':
      break;
    case 'part10-no-preamble':
      input = withPreamble(bytes, layout.startsWithDicm);
      break;
    case 'raw':
      rawTransferSyntax = layout.transferSyntaxUID;
      break;
    case 'unknown':
      throw new DicomReadError(
        bytes.length === 0 ? 'truncated' : 'not_dicom',
        file,
        bytes.length === 0 ? 'empty file (0 bytes)' : 'not DICOM: no DICM marker and no recognisable data set',
      );
  }

  // The transfer syntax is known before the data set is read, so an unsupported one is reported
  // as such even when its data set would not parse.
  const tsUid = rawTransferSyntax ?? metaTransferSyntax(input, file);
  const transferSyntax = supportedTransferSyntax(tsUid, file);
  const dataSet = parseWholeFile(input, file, rawTransferSyntax, maxInflated);
  checkElementBounds(dataSet, file);

  const pixelElement = dataSet.elements.x7fe00010;
  if (!pixelElement) {
    if (dataSet.elements.x7fe00008 || dataSet.elements.x7fe00009) {
      throw new DicomReadError('unsupported_pixel_format', file, 'float pixel data (7FE0,0008/0009)');
    }
    const sopClass = dataSet.string('x00080016');
    throw new DicomReadError('not_an_image', file, `not an image: no Pixel Data (7FE0,0010)${sopClass ? ` (SOP class ${sopClass})` : ''}`);
  }
  const header = readDicomHeader(dataSet, tsUid, file);
  const frameBytes = frameByteLength(header);
  const maxFrame = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (frameBytes > maxFrame) {
    throw new DicomReadError(
      'too_large',
      file,
      `one frame of ${header.columns} x ${header.rows} x ${header.samplesPerPixel} samples of ${header.bitsAllocated} bits needs ${frameBytes} bytes, over the cap of ${maxFrame}`,
    );
  }
  const pixelData = locatePixelData(dataSet, pixelElement, transferSyntax, header.numberOfFrames, frameBytes, file);
  return { file, header, transferSyntax, pixelData, dataSet, byteLength: dataSet.byteArray.length };
}

function metaTransferSyntax(input: Uint8Array, file: string): string {
  let uid: string;
  let declared: number | undefined;
  try {
    const meta = readPart10Header(input);
    // Reading values can throw too: a meta element whose length runs past the end (fuzz:dicom).
    uid = (meta.string('x00020010') ?? '').replace(/\0/g, '').trim();
    declared = meta.uint32('x00020000');
  } catch (thrown) {
    throw parseFailure(thrown, input, file);
  }
  if (uid === '') {
    if (declared !== undefined && 132 + 12 + declared > input.length) {
      throw new DicomReadError('truncated', file, `truncated at byte ${input.length}: inside the file meta header`);
    }
    throw new DicomReadError('not_dicom', file, 'not DICOM: the file meta header has no TransferSyntaxUID (0002,0010)');
  }
  return uid;
}

function parseWholeFile(input: Uint8Array, file: string, rawTransferSyntax: string | undefined, maxInflated: number): DataSet {
  try {
    return parseDataSet(input, {
      ...(rawTransferSyntax ? { TransferSyntaxUID: rawTransferSyntax } : {}),
      inflater: (whole: Uint8Array, position: number) => inflateDataSet(whole, position, file, maxInflated),
    });
  } catch (thrown) {
    if (thrown instanceof DicomReadError) throw thrown;
    throw parseFailure(thrown, input, file);
  }
}

/** dicom-parser's inflater hook: meta header bytes followed by the inflated data set, capped. */
function inflateDataSet(whole: Uint8Array, position: number, file: string, maxInflated: number): Uint8Array {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(whole.subarray(position), { maxOutputLength: maxInflated });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new DicomReadError('too_large', file, `deflated data set inflates to more than ${maxInflated} bytes`);
    }
    if (/unexpected end/i.test(describeThrown(err))) {
      throw new DicomReadError('truncated', file, `truncated at byte ${whole.length}: the deflated data set ends early`);
    }
    throw new DicomReadError('not_dicom', file, `deflated data set does not inflate: ${describeThrown(err)}`);
  }
  const full = new Uint8Array(position + inflated.length);
  full.set(whole.subarray(0, position), 0);
  full.set(inflated, position);
  return full;
}

/** Turns what dicom-parser threw (strings, {exception, dataSet} objects) into a typed error. */
function parseFailure(thrown: unknown, input: Uint8Array, file: string): DicomReadError {
  const message = describeThrown(thrown);
  if (/overrun|past end|beyond|end of buffer|unexpected end/i.test(message)) {
    const partial = (thrown as { dataSet?: DataSet }).dataSet;
    const culprit = partial ? overrunningElement(partial) : null;
    return new DicomReadError('truncated', file, `truncated at byte ${input.length}${culprit ? `: ${culprit}` : ''}`);
  }
  if (/0002,0010/.test(message)) {
    return new DicomReadError('not_dicom', file, 'not DICOM: the file meta header has no TransferSyntaxUID (0002,0010)');
  }
  return new DicomReadError('not_dicom', file, `not DICOM: the data set does not parse (${message})`);
}

function tagName(tag: string): string {
  return `(${tag.slice(1, 5).toUpperCase()},${tag.slice(5, 9).toUpperCase()})`;
}

/** 'element (7FE0,0010) declares 6144 bytes from byte 726' for the element that runs past the end. */
function overrunningElement(dataSet: DataSet): string | null {
  for (const el of Object.values(dataSet.elements) as Element[]) {
    if (el.length !== UNDEFINED_LENGTH && el.dataOffset + el.length > dataSet.byteArray.length) {
      return `element ${tagName(el.tag)} declares ${el.length} bytes from byte ${el.dataOffset}`;
    }
  }
  return null;
}

/**
 * dicom-parser accepts an implicit VR element whose length runs past the end of the file, and an
 * encapsulated element without its closing delimiter. Both mean the file was cut short.
 */
function checkElementBounds(dataSet: DataSet, file: string): void {
  const size = dataSet.byteArray.length;
  const culprit = overrunningElement(dataSet);
  if (culprit) throw new DicomReadError('truncated', file, `truncated at byte ${size}: ${culprit}`);
  const pixel = dataSet.elements.x7fe00010;
  if (pixel?.encapsulatedPixelData && pixel.length === UNDEFINED_LENGTH) {
    throw new DicomReadError('truncated', file, `truncated at byte ${size}: encapsulated pixel data has no sequence delimiter`);
  }
}

function supportedTransferSyntax(uid: string, file: string): TransferSyntax {
  const ts = transferSyntaxOf(uid);
  if (!ts || ts.encoding === 'unsupported') {
    throw new DicomReadError('unsupported_transfer_syntax', file, unsupportedTransferSyntaxReason(uid));
  }
  return ts;
}

function locatePixelData(
  dataSet: DataSet,
  element: Element,
  ts: TransferSyntax,
  frames: number,
  frameBytes: number,
  file: string,
): PixelDataLocation {
  const bad = (reason: string) => new DicomReadError('bad_pixel_data', file, reason);
  const bytes = dataSet.byteArray;
  if (ts.encoding === 'native') {
    if (element.encapsulatedPixelData) throw bad(`encapsulated pixel data in an uncompressed transfer syntax (${ts.name})`);
    const needed = frameBytes * frames;
    if (element.length < needed) {
      throw bad(`pixel data has ${element.length} bytes, the header needs ${needed} (${frames} frame(s) of ${frameBytes})`);
    }
    return {
      kind: 'native',
      bytes: bytes.subarray(element.dataOffset, element.dataOffset + element.length),
      littleEndian: ts.littleEndian,
      vr: element.vr,
    };
  }
  if (!element.encapsulatedPixelData || !element.fragments) {
    throw bad(`uncompressed pixel data in a compressed transfer syntax (${ts.name})`);
  }
  const fragments = element.fragments.map((f) => {
    if (f.position + f.length > bytes.length) throw new DicomReadError('truncated', file, `truncated at byte ${bytes.length}: a pixel data fragment runs past the end`);
    return { offset: f.offset, bytes: bytes.subarray(f.position, f.position + f.length) };
  });
  if (fragments.length === 0) throw bad('encapsulated pixel data has no fragments');
  const basicOffsetTable = element.basicOffsetTable ?? [];
  if (basicOffsetTable.length > 0 && basicOffsetTable.length !== frames) {
    throw bad(`the basic offset table lists ${basicOffsetTable.length} frames, NumberOfFrames says ${frames}`);
  }
  if (fragments.length < frames) throw bad(`${fragments.length} fragments for ${frames} frames`);
  return { kind: 'encapsulated', fragments, basicOffsetTable };
}
