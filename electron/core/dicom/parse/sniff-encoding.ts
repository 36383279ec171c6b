import { EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax';

/**
 * What the first bytes of a file say about its layout:
 * - part10: preamble, 'DICM' at 128, meta header.
 * - part10-no-preamble: 'DICM' or the meta group (0002,xxxx) at byte 0; read after restoring the preamble.
 * - raw: a bare data set (old ACR-NEMA style exports) in the given transfer syntax.
 * - unknown: none of these.
 */
export type FileLayout =
  | { kind: 'part10' }
  | { kind: 'part10-no-preamble'; startsWithDicm: boolean }
  | { kind: 'raw'; transferSyntaxUID: string }
  | { kind: 'unknown' };

const VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);
/** Explicit VRs whose length is a 32-bit field after two reserved bytes. */
const LONG_VRS = new Set('OB OD OF OL OV OW SQ UC UN UR UT SV UV'.split(' '));

/** How many leading elements must look right before a bare data set is believed. */
const ELEMENTS_TO_CHECK = 6;

function hasDicmAt(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 4 && bytes[at] === 0x44 && bytes[at + 1] === 0x49 && bytes[at + 2] === 0x43 && bytes[at + 3] === 0x4d;
}

/**
 * Walks the first elements of a bare data set in one encoding and says whether they are
 * plausible: ascending even-group tags, known VRs, lengths inside the file. Garbage and text fail
 * within a few elements; a real data set passes.
 */
function looksLike(bytes: Uint8Array, littleEndian: boolean, explicitVr: boolean): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let previous = -1;
  let seen = 0;
  while (seen < ELEMENTS_TO_CHECK && pos < bytes.length) {
    if (pos + 8 > bytes.length) return false;
    const group = view.getUint16(pos, littleEndian);
    const element = view.getUint16(pos + 2, littleEndian);
    const tag = group * 0x10000 + element;
    // The first element of a real data set is in a low standard group (0008 nearly always).
    if (seen === 0 && (group % 2 !== 0 || group > 0x0028)) return false;
    if (tag <= previous || group === 0xfffe) return false;
    previous = tag;
    let length: number;
    let header: number;
    if (explicitVr) {
      const vr = String.fromCharCode(bytes[pos + 4], bytes[pos + 5]);
      if (!VRS.has(vr)) return false;
      if (LONG_VRS.has(vr)) {
        if (pos + 12 > bytes.length) return false;
        length = view.getUint32(pos + 8, littleEndian);
        header = 12;
      } else {
        length = view.getUint16(pos + 6, littleEndian);
        header = 8;
      }
    } else {
      length = view.getUint32(pos + 4, littleEndian);
      header = 8;
    }
    seen++;
    // A sequence of undefined length cannot be skipped cheaply; what came before it was fine.
    if (length === 0xffffffff) return true;
    if (pos + header + length > bytes.length) return false;
    pos += header + length;
  }
  return seen > 0;
}

/** Decides how to read `bytes`; cheap (looks at a few dozen bytes). */
export function sniffLayout(bytes: Uint8Array): FileLayout {
  if (hasDicmAt(bytes, 128)) return { kind: 'part10' };
  if (hasDicmAt(bytes, 0)) return { kind: 'part10-no-preamble', startsWithDicm: true };
  // A meta group without preamble: explicit VR little endian (0002,xxxx) at byte 0.
  if (bytes.length >= 8 && bytes[0] === 0x02 && bytes[1] === 0x00 && looksLike(bytes, true, true)) {
    return { kind: 'part10-no-preamble', startsWithDicm: false };
  }
  if (looksLike(bytes, true, true)) return { kind: 'raw', transferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN };
  if (looksLike(bytes, false, true)) return { kind: 'raw', transferSyntaxUID: EXPLICIT_VR_BIG_ENDIAN };
  if (looksLike(bytes, true, false)) return { kind: 'raw', transferSyntaxUID: IMPLICIT_VR_LITTLE_ENDIAN };
  return { kind: 'unknown' };
}

/** The bytes with a zero preamble and 'DICM' restored in front, for a file that lacks them. */
export function withPreamble(bytes: Uint8Array, startsWithDicm: boolean): Uint8Array {
  const head = startsWithDicm ? 128 : 132;
  const out = new Uint8Array(head + bytes.length);
  if (!startsWithDicm) out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(bytes, head);
  return out;
}
