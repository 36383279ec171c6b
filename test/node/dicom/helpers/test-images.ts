import type { TestImage } from './write-test-dicom';

/** A small deterministic generator (LCG), so every run writes the same files. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Stored values spanning the whole range: a smooth ramp (so lossy codecs behave like on images)
 * plus seeded noise (so entropy coders see every code length), with the exact minimum, maximum
 * and mid values at fixed pixels.
 */
export function testPixels(rows: number, columns: number, bitsStored: number, signed: boolean, frames = 1, samples = 1, seed = 7): number[] {
  const span = 2 ** bitsStored;
  const min = signed ? -span / 2 : 0;
  const random = seededRandom(seed);
  const noise = Math.max(1, Math.round(span / 16));
  const out: number[] = [];
  for (let f = 0; f < frames; f++) {
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < columns; x++) {
        for (let s = 0; s < samples; s++) {
          const ramp = ((x / columns + y / rows + s / 3) / 2.5) * (span - 1) + f * 31;
          let v = Math.round(ramp + (random() - 0.5) * noise);
          v = Math.min(span - 1, Math.max(0, v));
          if (y === 0 && x === 0) v = 0;
          if (y === 0 && x === 1) v = span - 1;
          if (y === 0 && x === 2) v = span / 2;
          out.push(v + min);
        }
      }
    }
  }
  return out;
}

/** The images the transfer syntax tests re-encode: 8, 12 and 16 bit, signed and unsigned, MONOCHROME1, multi-frame, colour. */
export interface SourceImage {
  key: string;
  image: TestImage;
}

export const SOURCE_IMAGES: SourceImage[] = [
  { key: 'u8', image: { rows: 23, columns: 37, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0, pixels: testPixels(23, 37, 8, false) } },
  { key: 'u12', image: { rows: 40, columns: 31, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 0, pixels: testPixels(40, 31, 12, false) } },
  { key: 's12', image: { rows: 40, columns: 31, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1, pixels: testPixels(40, 31, 12, true) } },
  { key: 'u16', image: { rows: 32, columns: 29, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 0, pixels: testPixels(32, 29, 16, false) } },
  { key: 's16', image: { rows: 32, columns: 29, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 1, pixels: testPixels(32, 29, 16, true) } },
  {
    key: 'm1',
    image: { rows: 24, columns: 24, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 0, photometric: 'MONOCHROME1', pixels: testPixels(24, 24, 12, false) },
  },
  {
    key: 'mf3',
    image: { rows: 16, columns: 20, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 0, numberOfFrames: 3, pixels: testPixels(16, 20, 12, false, 3) },
  },
  {
    key: 'rgb',
    image: { rows: 20, columns: 26, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0, samplesPerPixel: 3, pixels: testPixels(20, 26, 8, false, 1, 3) },
  },
];
