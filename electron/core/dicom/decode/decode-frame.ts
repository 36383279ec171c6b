import { DicomReadError, describeThrown } from '../parse/dicom-read-error';
import type { DicomSlice } from '../parse/dicom-slice';
import { frameByteLength, frameSampleCount } from '../parse/frame-size';
import { unsupportedTransferSyntaxReason } from '../parse/transfer-syntax';
import { readJ2kFrameHeader, readJpegFrameHeader, type CodestreamHeader } from './codecs/codestream-header';
import type { DecodedSamples } from './codecs/decoded-samples';
import { decodeJpeg2000 } from './codecs/jpeg2000';
import { decodeJpegDct } from './codecs/jpeg-dct';
import { decodeJpegDct12 } from './codecs/jpeg-dct-12bit';
import { decodeJpegLossless } from './codecs/jpeg-lossless';
import { decodeJpegLs } from './codecs/jpeg-ls';
import { decodeRle } from './codecs/rle';
import { frameCodestream } from './frame-codestream';
import { clampToStoredRange, nativeWords, toStoredValues, type StoredArray } from './stored-values';

/** One frame of stored pixel values (before rescale), row-major, samples interleaved per pixel. */
export interface StoredFrame {
  /** Stored values after BitsStored masking and sign extension; see StoredArray for the type. */
  values: StoredArray;
  /** Image height in pixels. */
  rows: number;
  /** Image width in pixels. */
  columns: number;
  samplesPerPixel: number;
  /** Of `values`: the header's, except that colour JPEG and JPEG 2000 decode to 'RGB'. */
  photometricInterpretation: string;
  /** 0-based. */
  frameIndex: number;
}

/**
 * Decodes one frame to stored values. Safe to call concurrently; the wasm codecs load on first use.
 *
 * @param frameIndex 0-based, below header.numberOfFrames
 * @throws DicomReadError (decode_failed, bad_pixel_data, unsupported_transfer_syntax) naming the file
 */
export async function decodeStoredFrame(slice: DicomSlice, frameIndex = 0): Promise<StoredFrame> {
  const { header, file, pixelData, transferSyntax } = slice;
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= header.numberOfFrames) {
    throw new RangeError(`${file}: frame ${frameIndex} does not exist (the file has ${header.numberOfFrames})`);
  }
  const bad = (reason: string) => new DicomReadError('bad_pixel_data', file, `frame ${frameIndex + 1}: ${reason}`);
  const base = { rows: header.rows, columns: header.columns, samplesPerPixel: header.samplesPerPixel, frameIndex };

  if (pixelData.kind === 'native') {
    const photometric = header.photometricInterpretation;
    if (photometric.startsWith('YBR_') && photometric.endsWith('_422')) {
      throw new DicomReadError('unsupported_pixel_format', file, `uncompressed ${photometric} (chroma subsampled) pixels`);
    }
    const frameBytes = frameByteLength(header);
    const words = nativeWords(
      pixelData.bytes,
      frameIndex * frameBytes,
      frameSampleCount(header),
      header.bitsAllocated,
      pixelData.littleEndian,
      !pixelData.littleEndian && header.bitsAllocated === 8 && pixelData.vr === 'OW',
    );
    const values = toStoredValues(words, header, header.planarConfiguration === 1);
    return { ...base, values, photometricInterpretation: photometric };
  }

  let codestream: Uint8Array;
  try {
    codestream = frameCodestream(pixelData.fragments, pixelData.basicOffsetTable, frameIndex, header.numberOfFrames, transferSyntax.encoding);
  } catch (err) {
    throw bad(describeThrown(err));
  }
  const decoded = await decodeCodestream(slice, codestream, frameIndex);
  if (decoded.width !== header.columns || decoded.height !== header.rows || decoded.components !== header.samplesPerPixel) {
    throw bad(
      `decoded ${decoded.width} x ${decoded.height} x ${decoded.components} samples, the header says ${header.columns} x ${header.rows} x ${header.samplesPerPixel}`,
    );
  }
  // JPEG 2000 hands out sample values whose codestream may carry more bits than BitsStored, and a
  // lossy one overshoots the range by a few units at the extremes: saturate rather than mask, or a
  // slightly-too-dark pixel wraps to white. The exception is an unsigned codestream in a signed
  // image, which some encoders use for two's complement bit patterns.
  const numeric = transferSyntax.encoding === 'jpeg2000' && (decoded.samplesSigned === true || header.pixelRepresentation === 0);
  const values = numeric ? clampToStoredRange(decoded.samples, header) : toStoredValues(decoded.samples, header, decoded.planar);
  return { ...base, values, photometricInterpretation: decoded.photometricInterpretation ?? header.photometricInterpretation };
}

/** Checks a codestream's own frame header against the DICOM header before a decoder sees it. */
function checkCodestreamHeader(slice: DicomSlice, found: CodestreamHeader | null, kind: string, frameIndex: number): CodestreamHeader {
  const { header, file } = slice;
  if (!found) throw new DicomReadError('decode_failed', file, `frame ${frameIndex + 1}: not a ${kind} codestream (no frame header)`);
  if (found.width !== header.columns || found.height !== header.rows || found.components !== header.samplesPerPixel) {
    throw new DicomReadError(
      'bad_pixel_data',
      file,
      `frame ${frameIndex + 1}: the ${kind} codestream is ${found.width} x ${found.height} x ${found.components} samples, the header says ${header.columns} x ${header.rows} x ${header.samplesPerPixel}`,
    );
  }
  if (found.precision > header.bitsAllocated) {
    throw new DicomReadError('bad_pixel_data', file, `frame ${frameIndex + 1}: ${found.precision}-bit ${kind} samples in ${header.bitsAllocated}-bit pixels`);
  }
  return found;
}

async function decodeCodestream(slice: DicomSlice, codestream: Uint8Array, frameIndex: number): Promise<DecodedSamples> {
  const { header, file, transferSyntax } = slice;
  const failed = (err: unknown) => new DicomReadError('decode_failed', file, `frame ${frameIndex + 1}: ${transferSyntax.name} decoder failed: ${describeThrown(err)}`, { cause: err });
  const run = async (decode: () => Promise<DecodedSamples> | DecodedSamples): Promise<DecodedSamples> => {
    try {
      return await decode();
    } catch (err) {
      throw err instanceof DicomReadError ? err : failed(err);
    }
  };
  switch (transferSyntax.encoding) {
    case 'jpeg-dct': {
      const sof = checkCodestreamHeader(slice, readJpegFrameHeader(codestream), 'JPEG', frameIndex);
      if (sof.precision === 12 && header.samplesPerPixel === 1) return run(() => decodeJpegDct12(codestream));
      if (sof.precision !== 8) {
        // libjpeg-turbo's build is 8-bit, Cornerstone's JpegImage adds 12-bit greyscale; nothing else is installed.
        throw new DicomReadError(
          'unsupported_transfer_syntax',
          file,
          unsupportedTransferSyntaxReason(header.transferSyntaxUID, `${sof.precision}-bit lossy JPEG: no installed decoder reads it`),
        );
      }
      return run(() => decodeJpegDct(codestream));
    }
    case 'jpeg-lossless': {
      const sof = checkCodestreamHeader(slice, readJpegFrameHeader(codestream), 'JPEG lossless', frameIndex);
      if (sof.sofMarker !== 0xc3) throw new DicomReadError('bad_pixel_data', file, `frame ${frameIndex + 1}: not a lossless (SOF3) JPEG in a JPEG lossless transfer syntax`);
      return run(() => decodeJpegLossless(codestream, sof.precision > 8 ? 2 : 1));
    }
    case 'jpeg-ls':
      checkCodestreamHeader(slice, readJpegFrameHeader(codestream), 'JPEG-LS', frameIndex);
      return run(() => decodeJpegLs(codestream));
    case 'jpeg2000':
      checkCodestreamHeader(slice, readJ2kFrameHeader(codestream), 'JPEG 2000', frameIndex);
      return run(() => decodeJpeg2000(codestream));
    case 'rle':
      return run(() => decodeRle(codestream, header.rows, header.columns, header.samplesPerPixel, header.bitsAllocated));
    case 'encapsulated-native': {
      const needed = frameByteLength(header);
      if (codestream.length < needed) throw new DicomReadError('bad_pixel_data', file, `frame ${frameIndex + 1}: ${codestream.length} bytes, needs ${needed}`);
      const samples = nativeWords(codestream, 0, frameSampleCount(header), header.bitsAllocated, true, false);
      return { samples, width: header.columns, height: header.rows, components: header.samplesPerPixel, planar: header.planarConfiguration === 1 };
    }
    default:
      throw new DicomReadError('unsupported_transfer_syntax', file, unsupportedTransferSyntaxReason(header.transferSyntaxUID));
  }
}
