import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { copySamples, type DecodedSamples } from './decoded-samples';

interface JpegImageInstance {
  parse(data: Uint8Array): void;
  colorTransform: boolean;
  width: number;
  height: number;
  components: unknown[];
  getData16(width: number, height: number): Uint16Array;
}
type JpegImageClass = new () => JpegImageInstance;

let loaded: Promise<JpegImageClass> | null = null;

/**
 * The JPEG decoder that Cornerstone's DICOM image loader ships for 12-bit DCT JPEG (baseline and
 * extended, processes 2 and 4; pdf.js's JpegImage with a 12-bit path). The package's exports
 * map does not name the file, so it is found beside the package's package.json and imported by
 * path (an ES module, loaded once).
 */
function jpegImage(): Promise<JpegImageClass> {
  loaded ??= (async () => {
    const pkg = require.resolve('@cornerstonejs/dicom-image-loader/package.json');
    const file = join(dirname(pkg), 'dist', 'esm', 'codecs', 'jpeg.js');
    const mod = (await import(pathToFileURL(file).href)) as { default: JpegImageClass };
    return mod.default;
  })();
  return loaded;
}

/**
 * JPEG extended with 12-bit samples (transfer syntax 1.2.840.10008.1.2.4.51), greyscale. Its
 * 12-bit IDCT rounds with a small upward bias: on dcmtk's test encodes the values land about 0.4%
 * of the range above the original (dcmtk's own decoder lands within 0.1% below). Lossy anyway.
 */
export async function decodeJpegDct12(codestream: Uint8Array): Promise<DecodedSamples> {
  const JpegImage = await jpegImage();
  const jpeg = new JpegImage();
  jpeg.parse(codestream);
  jpeg.colorTransform = false;
  const values = jpeg.getData16(jpeg.width, jpeg.height);
  const count = jpeg.width * jpeg.height * jpeg.components.length;
  return {
    samples: copySamples(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 16, false, count),
    width: jpeg.width,
    height: jpeg.height,
    components: jpeg.components.length,
    planar: false,
  };
}
