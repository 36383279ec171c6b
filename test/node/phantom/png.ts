/** A minimal PNG writer (8-bit RGB, no filtering) for looking at phantom slices in tests and previews. */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes `rgb` (width * height * 3 bytes, row-major) as a PNG file. */
export function encodePngRgb(rgb: Uint8Array, width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * Windowed grey image of 16-bit stored values; mask pixels (if given) tinted red on the edge of
 * the mask only, so the lesion signal beneath stays visible.
 */
export function windowToRgb(pixels: Uint16Array, width: number, height: number, center: number, widthW: number, mask?: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  const lo = center - widthW / 2;
  for (let i = 0; i < width * height; i++) {
    const g = Math.max(0, Math.min(255, Math.round(((pixels[i] - lo) / widthW) * 255)));
    rgb[i * 3] = g;
    rgb[i * 3 + 1] = g;
    rgb[i * 3 + 2] = g;
    if (mask && mask[i]) {
      const x = i % width;
      const y = Math.floor(i / width);
      const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width];
      if (edge) {
        rgb[i * 3] = 255;
        rgb[i * 3 + 1] = 40;
        rgb[i * 3 + 2] = 40;
      }
    }
  }
  return rgb;
}

/** Nearest-neighbour enlargement of an RGB image by a whole factor, for looking at small images. */
export function enlargeRgb(rgb: Uint8Array, width: number, height: number, factor: number): Uint8Array {
  const out = new Uint8Array(width * factor * height * factor * 3);
  for (let y = 0; y < height * factor; y++) {
    for (let x = 0; x < width * factor; x++) {
      const src = (Math.floor(y / factor) * width + Math.floor(x / factor)) * 3;
      const dst = (y * width * factor + x) * 3;
      out[dst] = rgb[src];
      out[dst + 1] = rgb[src + 1];
      out[dst + 2] = rgb[src + 2];
    }
  }
  return out;
}
