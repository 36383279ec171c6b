/**
 * Reads the frame header of a JPEG / JPEG-LS or JPEG 2000 codestream without decoding it, so the
 * image size and precision can be checked against the DICOM header before a decoder allocates
 * anything, and so an encoding no installed decoder reads (12-bit DCT) is named instead of
 * crashing a decoder. This only walks marker segments; it decodes nothing.
 */
export interface CodestreamHeader {
  width: number;
  height: number;
  /** Bits per sample (JPEG P, JPEG 2000 Ssiz + 1 of component 0). */
  precision: number;
  components: number;
  /** The JPEG start-of-frame marker (0xC0 baseline, 0xC1 extended, 0xC3 lossless, 0xF7 JPEG-LS); 0 for JPEG 2000. */
  sofMarker: number;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf, 0xf7]);

/** The SOF of a JPEG or JPEG-LS codestream, or null if none appears before the first scan. */
export function readJpegFrameHeader(bytes: Uint8Array): CodestreamHeader | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2; // markers without a length
      continue;
    }
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    if (length < 2) return null;
    if (SOF_MARKERS.has(marker)) {
      if (pos + 10 > bytes.length) return null;
      return {
        sofMarker: marker,
        precision: bytes[pos + 4],
        height: (bytes[pos + 5] << 8) | bytes[pos + 6],
        width: (bytes[pos + 7] << 8) | bytes[pos + 8],
        components: bytes[pos + 9],
      };
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan or end before any frame header
    pos += 2 + length;
  }
  return null;
}

/** The SIZ segment of a JPEG 2000 codestream (raw J2K, as DICOM stores it), or null. */
export function readJ2kFrameHeader(bytes: Uint8Array): CodestreamHeader | null {
  // SOC (FF4F) then SIZ (FF51): Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz Csiz Ssiz...
  if (bytes.length < 43 || bytes[0] !== 0xff || bytes[1] !== 0x4f || bytes[2] !== 0xff || bytes[3] !== 0x51) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const xsiz = view.getUint32(8);
  const ysiz = view.getUint32(12);
  const xosiz = view.getUint32(16);
  const yosiz = view.getUint32(20);
  const components = view.getUint16(40);
  if (xsiz <= xosiz || ysiz <= yosiz) return null;
  return {
    sofMarker: 0,
    width: xsiz - xosiz,
    height: ysiz - yosiz,
    components,
    precision: (bytes[42] & 0x7f) + 1,
  };
}
