import { AppError } from '../../../../shared/contracts/errors';
import { decodeMask, encodeMask, maskHash, type EncodedMask } from '../../../../shared/geometry/mask';
import type { PixelRect } from '../geometry';

/**
 * The binary ROI mask of one slice, in image pixel coordinates.
 *
 * `data` is row-major, one byte per pixel: index = row * width + col; 0 = background, 1 =
 * lesion (BME). Only the values 0 and 1 are ever stored, so masks compare and hash byte for
 * byte. The painting, filling and morphology helpers live in their own files and take a
 * SliceMask; this class keeps to storage, queries and whole-mask copies. Its wire and storage
 * form, and its content hash, come from the one mask module (shared/geometry/mask.ts).
 */
export class SliceMask {
  /** Row-major pixels, 0 or 1, length width * height. */
  readonly data: Uint8Array;

  /**
   * @param width columns, in image pixels
   * @param height rows, in image pixels
   * @param data optional initial pixels (taken over, not copied); any non-zero byte counts as 1
   */
  constructor(
    readonly width: number,
    readonly height: number,
    data?: Uint8Array,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new AppError('bad_request', `A slice mask needs a positive whole size, got ${width} x ${height} pixels.`);
    }
    if (data && data.length !== width * height) {
      throw new AppError(
        'bad_request',
        `Mask data has ${data.length} bytes but a ${width} x ${height} slice needs ${width * height}.`,
      );
    }
    this.data = data ?? new Uint8Array(width * height);
    if (data) for (let i = 0; i < data.length; i++) if (data[i] !== 0) data[i] = 1;
  }

  /** The mask from its wire form; throws AppError('bad_request') naming what is malformed. */
  static fromWire(encoded: EncodedMask): SliceMask {
    return new SliceMask(encoded.width, encoded.height, decodeMask(encoded));
  }

  /** The wire form: what reading.saveSlice and adjudication.resolve take. */
  toWire(): EncodedMask {
    return encodeMask(this.data, this.width, this.height);
  }

  /** True when (col, row) lies inside the image. */
  contains(col: number, row: number): boolean {
    return col >= 0 && row >= 0 && col < this.width && row < this.height;
  }

  /** The pixel at whole-pixel position (col, row); 0 outside the image. */
  get(col: number, row: number): 0 | 1 {
    if (!this.contains(col, row)) return 0;
    return this.data[row * this.width + col] as 0 | 1;
  }

  /** Sets one pixel; positions outside the image are ignored (strokes may leave the image). */
  set(col: number, row: number, value: 0 | 1): void {
    if (this.contains(col, row)) this.data[row * this.width + col] = value;
  }

  /** Number of lesion pixels. */
  pixelCount(): number {
    let n = 0;
    for (let i = 0; i < this.data.length; i++) n += this.data[i]!;
    return n;
  }

  /** True when no pixel is set. */
  isEmpty(): boolean {
    for (let i = 0; i < this.data.length; i++) if (this.data[i]) return false;
    return true;
  }

  /** Smallest rectangle holding every lesion pixel, or null for an empty mask. */
  boundingBox(): PixelRect | null {
    const { width, height, data } = this;
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (let row = 0; row < height; row++) {
      const base = row * width;
      for (let col = 0; col < width; col++) {
        if (!data[base + col]) continue;
        if (col < x0) x0 = col;
        if (col > x1) x1 = col;
        if (row < y0) y0 = row;
        y1 = row;
      }
    }
    return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
  }

  /** Same size and same pixels. */
  equals(other: SliceMask): boolean {
    if (other.width !== this.width || other.height !== this.height) return false;
    const a = this.data, b = other.data;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** An independent copy. */
  clone(): SliceMask {
    return new SliceMask(this.width, this.height, this.data.slice());
  }

  /** Overwrites this mask with the pixels of `source` (another slice of the same series). */
  copyFrom(source: SliceMask): void {
    this.assertSameSize(source, 'copy');
    this.data.set(source.data);
  }

  /** Sets every pixel that is set in `source` (union); keeps this mask's own pixels. */
  unionWith(source: SliceMask): void {
    this.assertSameSize(source, 'merge');
    const a = this.data, b = source.data;
    for (let i = 0; i < a.length; i++) a[i]! |= b[i]!;
  }

  /** Clears every pixel. */
  clear(): void {
    this.data.fill(0);
  }

  /** True when at least one pixel set in `after` is not set in this mask (an edit that adds). */
  isAddedToBy(after: SliceMask): boolean {
    this.assertSameSize(after, 'compare');
    const a = this.data, b = after.data;
    for (let i = 0; i < a.length; i++) if (b[i] && !a[i]) return true;
    return false;
  }

  /** Throws a readable error when `other` belongs to an image of another size. */
  assertSameSize(other: SliceMask, what: string): void {
    if (other.width !== this.width || other.height !== this.height) {
      throw new AppError(
        'bad_request',
        `Cannot ${what} masks of different sizes (${other.width} x ${other.height} and ${this.width} x ${this.height} pixels); ` +
          'masks of one series share the image size.',
      );
    }
  }

  /** A mask from rows of '.'/'#' characters (tests and examples): '#' is lesion. */
  static fromAscii(rows: readonly string[]): SliceMask {
    const height = rows.length;
    const width = rows[0]?.length ?? 0;
    const mask = new SliceMask(width, height);
    rows.forEach((line, row) => {
      if (line.length !== width) {
        throw new AppError('bad_request', `Row ${row} of the ASCII mask has ${line.length} characters, expected ${width}.`);
      }
      for (let col = 0; col < width; col++) if (line[col] === '#') mask.data[row * width + col] = 1;
    });
    return mask;
  }

  /** The mask as rows of '.'/'#' (the inverse of fromAscii), for readable test failures. */
  toAscii(): string[] {
    const rows: string[] = [];
    for (let row = 0; row < this.height; row++) {
      let line = '';
      for (let col = 0; col < this.width; col++) line += this.data[row * this.width + col] ? '#' : '.';
      rows.push(line);
    }
    return rows;
  }
}

/**
 * Content hash of a mask, for the audit rows' before/after hashes and the undo history: maskHash
 * of its wire form ('sha256:' + hex, shared/geometry/mask.ts). Two masks have the same hash
 * exactly when they have the same size and pixels.
 */
export function maskContentHash(mask: SliceMask): string {
  return maskHash(mask.toWire());
}
