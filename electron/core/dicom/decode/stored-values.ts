import type { PixelDescription } from '../parse/dicom-header';
import { hostIsLittleEndian, type SampleArray } from './codecs/decoded-samples';

/**
 * Stored pixel values in the array type that fits BitsAllocated and PixelRepresentation:
 * Uint8Array / Int8Array for 8 bits, Uint16Array / Int16Array for 16, Uint32Array / Int32Array for 32.
 */
export type StoredArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** A new, zeroed array of the type that holds stored values of this image. */
export function allocateStored(image: Pick<PixelDescription, 'bitsAllocated' | 'pixelRepresentation'>, length: number): StoredArray {
  const signed = image.pixelRepresentation === 1;
  switch (image.bitsAllocated) {
    case 8:
      return signed ? new Int8Array(length) : new Uint8Array(length);
    case 16:
      return signed ? new Int16Array(length) : new Uint16Array(length);
    default:
      return signed ? new Int32Array(length) : new Uint32Array(length);
  }
}

/**
 * Turns raw sample words into stored values: keeps the BitsStored bits that end at HighBit
 * (bits above may carry overlays or garbage), and sign-extends them when PixelRepresentation is 1.
 * Planar input (all of sample 0, then all of sample 1 ...) is interleaved per pixel on the way.
 *
 * @param words one element per sample; signed input arrays are read as their bit patterns
 */
export function toStoredValues(
  words: SampleArray,
  image: Pick<PixelDescription, 'bitsAllocated' | 'bitsStored' | 'highBit' | 'pixelRepresentation' | 'samplesPerPixel'>,
  planar: boolean,
): StoredArray {
  const out = allocateStored(image, words.length);
  const spp = image.samplesPerPixel;
  if (image.bitsStored === image.bitsAllocated && image.highBit === image.bitsAllocated - 1 && !(planar && spp > 1)) {
    // Every bit counts: TypedArray.set converts modulo 2^bits, which is exactly the reinterpretation
    // of an unsigned pattern as two's complement (and back).
    out.set(words);
    return out;
  }
  const shift = image.highBit + 1 - image.bitsStored;
  const bits = image.bitsStored;
  const span = 2 ** bits;
  const mask = span - 1;
  const signBit = span / 2;
  const signed = image.pixelRepresentation === 1;
  const pixels = words.length / spp;
  // Signed input arrays hand out negative numbers: reading them modulo 2^32 recovers the bit pattern.
  const readBits = bits === 32 && shift === 0;
  const interleave = planar && spp > 1;
  for (let i = 0; i < words.length; i++) {
    const source = interleave ? (i % spp) * pixels + Math.floor(i / spp) : i;
    let v = readBits ? words[source] >>> 0 : ((words[source] >>> shift) & mask) >>> 0;
    if (signed && v >= signBit) v -= span;
    out[i] = v;
  }
  return out;
}

/**
 * Reads native pixel words of one frame from the data set bytes: little or big endian, 8, 16 or
 * 32 bits allocated. Returns unsigned words (a copy).
 */
export function nativeWords(
  bytes: Uint8Array,
  frameOffset: number,
  samples: number,
  bitsAllocated: number,
  littleEndian: boolean,
  swapBytePairs: boolean,
): SampleArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset + frameOffset, (samples * bitsAllocated) / 8);
  if (bitsAllocated === 8) {
    const out = new Uint8Array(samples);
    if (!swapBytePairs) {
      out.set(bytes.subarray(frameOffset, frameOffset + samples));
    } else {
      // 8-bit OW in big endian: each 16-bit word holds two samples in swapped order.
      for (let i = 0; i < samples; i++) out[i] = bytes[(frameOffset + i) ^ 1];
    }
    return out;
  }
  if (littleEndian && hostIsLittleEndian) {
    // A copy into a fresh (aligned) buffer, viewed as words: no per-sample reads.
    // (Not bytes.slice: on a Node Buffer that is a view, not a copy.)
    const copy = new Uint8Array((samples * bitsAllocated) / 8);
    copy.set(bytes.subarray(frameOffset, frameOffset + copy.length));
    return bitsAllocated === 16 ? new Uint16Array(copy.buffer, 0, samples) : new Uint32Array(copy.buffer, 0, samples);
  }
  if (bitsAllocated === 16) {
    const out = new Uint16Array(samples);
    for (let i = 0; i < samples; i++) out[i] = view.getUint16(i * 2, littleEndian);
    return out;
  }
  const out = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) out[i] = view.getUint32(i * 4, littleEndian);
  return out;
}

/**
 * Turns decoded sample values (not bit patterns) into stored values by saturating them to the
 * range BitsStored and PixelRepresentation allow. Lossy JPEG 2000 can overshoot that range by a
 * few units at the extremes (its codestream may carry more bits than BitsStored); masking would
 * wrap a slightly-too-dark pixel to full white, clamping keeps it dark.
 */
export function clampToStoredRange(
  values: SampleArray,
  image: Pick<PixelDescription, 'bitsAllocated' | 'bitsStored' | 'pixelRepresentation'>,
): StoredArray {
  const out = allocateStored(image, values.length);
  const span = 2 ** image.bitsStored;
  const lo = image.pixelRepresentation === 1 ? -span / 2 : 0;
  const hi = lo + span - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return out;
}
