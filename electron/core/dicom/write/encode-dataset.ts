/**
 * Encodes a flat dataset (no sequences) as explicit VR little endian: elements sorted by tag,
 * each as tag, VR, length and even-length value (PS3.5 section 7.1.2).
 */
import { AppError } from '../../../../shared/contracts/errors';
import { formatTag, Tags, type DicomElement } from './dicom-element';
import { encodeValue, LONG_LENGTH_VRS, type TextEncoding } from './encode-value';

/** The text encoding a dataset's SpecificCharacterSet (0008,0005) asks for. */
export function textEncodingOf(elements: readonly DicomElement[]): TextEncoding {
  const cs = elements.find((e) => e.tag === Tags.SpecificCharacterSet);
  if (!cs) return 'ascii';
  const value = Array.isArray(cs.value) ? cs.value.join('\\') : String(cs.value);
  const terms = value.split('\\').map((s) => s.trim());
  if (terms.length === 1 && terms[0] === 'ISO_IR 192') return 'utf8';
  if (terms.length === 1 && terms[0] === 'ISO_IR 100') return 'latin1';
  if (terms.length === 1 && (terms[0] === '' || terms[0] === 'ISO_IR 6')) return 'ascii';
  throw new AppError('bad_request', `The DICOM writer supports SpecificCharacterSet ISO_IR 6, ISO_IR 100 or ISO_IR 192, not '${value}'.`);
}

/** One element: header plus padded value. */
export function encodeElement(el: DicomElement, encoding: TextEncoding): Uint8Array {
  const value = encodeValue(el, encoding);
  const long = LONG_LENGTH_VRS.has(el.vr);
  if (!long && value.length > 0xfffe) {
    throw new AppError('bad_request', `DICOM element ${formatTag(el.tag)} ${el.vr} is ${value.length} bytes; its VR allows at most 65534.`);
  }
  if (value.length > 0xfffffffe) {
    throw new AppError('bad_request', `DICOM element ${formatTag(el.tag)} is ${value.length} bytes, more than a DICOM length can say.`);
  }
  const headerSize = long ? 12 : 8;
  const out = new Uint8Array(headerSize + value.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, el.tag >>> 16, true);
  view.setUint16(2, el.tag & 0xffff, true);
  out[4] = el.vr.charCodeAt(0);
  out[5] = el.vr.charCodeAt(1);
  if (long) view.setUint32(8, value.length, true); // bytes 6-7 reserved, zero
  else view.setUint16(6, value.length, true);
  out.set(value, headerSize);
  return out;
}

/**
 * Encodes `elements` in ascending tag order. Refuses duplicate tags. Text of VRs that allow more
 * than ASCII is written in the character set the dataset's own (0008,0005) names.
 */
export function encodeDataset(elements: readonly DicomElement[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].tag === sorted[i - 1].tag) {
      throw new AppError('bad_request', `DICOM element ${formatTag(sorted[i].tag)} appears twice in the dataset to write.`);
    }
  }
  const encoding = textEncodingOf(elements);
  return Buffer.concat(sorted.map((el) => encodeElement(el, encoding)));
}
