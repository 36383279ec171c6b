import type { PixelFragment } from '../parse/dicom-slice';
import type { PixelEncoding } from '../parse/transfer-syntax';

/**
 * Finds the fragments of one frame of encapsulated pixel data and joins them into one codestream.
 * Order of evidence: the Basic Offset Table; one frame owns every fragment; one fragment per
 * frame; else frames start at fragments that begin with the codec's start marker (JPEG SOI,
 * JPEG 2000 SOC), which is what readers do for multi-fragment frames without an offset table.
 *
 * @throws Error with a reason when the fragments cannot be attributed to frames
 */
export function frameCodestream(
  fragments: PixelFragment[],
  basicOffsetTable: number[],
  frameIndex: number,
  frames: number,
  encoding: PixelEncoding,
): Uint8Array {
  return join(frameFragments(fragments, basicOffsetTable, frameIndex, frames, encoding));
}

function frameFragments(
  fragments: PixelFragment[],
  basicOffsetTable: number[],
  frameIndex: number,
  frames: number,
  encoding: PixelEncoding,
): PixelFragment[] {
  if (basicOffsetTable.length === frames && frames > 0) {
    const start = basicOffsetTable[frameIndex];
    const end = frameIndex + 1 < frames ? basicOffsetTable[frameIndex + 1] : Infinity;
    const own = fragments.filter((f) => f.offset >= start && f.offset < end);
    if (own.length === 0 || own[0].offset !== start) {
      throw new Error(`the basic offset table points frame ${frameIndex + 1} at byte ${start}, where no fragment starts`);
    }
    return own;
  }
  if (frames === 1) return fragments;
  if (fragments.length === frames) return [fragments[frameIndex]];
  const starts: number[] = [];
  fragments.forEach((f, i) => {
    if (beginsFrame(f.bytes, encoding)) starts.push(i);
  });
  if (starts.length !== frames || starts[0] !== 0) {
    throw new Error(`${fragments.length} fragments for ${frames} frames without a basic offset table, and ${starts.length} of them begin a codestream`);
  }
  return fragments.slice(starts[frameIndex], frameIndex + 1 < frames ? starts[frameIndex + 1] : fragments.length);
}

function beginsFrame(bytes: Uint8Array, encoding: PixelEncoding): boolean {
  if (encoding === 'jpeg-dct' || encoding === 'jpeg-lossless' || encoding === 'jpeg-ls') {
    return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xd8;
  }
  if (encoding === 'jpeg2000') {
    const codestream = bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0x4f && bytes[2] === 0xff && bytes[3] === 0x51;
    const jp2 = bytes.length >= 8 && bytes[4] === 0x6a && bytes[5] === 0x50 && bytes[6] === 0x20 && bytes[7] === 0x20;
    return codestream || jp2;
  }
  return false;
}

function join(parts: PixelFragment[]): Uint8Array {
  if (parts.length === 1) return parts[0].bytes;
  const total = parts.reduce((n, p) => n + p.bytes.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p.bytes, at);
    at += p.bytes.length;
  }
  return out;
}
