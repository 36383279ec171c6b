/**
 * The one mask module: everything that encodes, decodes, validates, stores or hashes a binary
 * image mask goes through here (test/node/geometry/mask-structure.test.ts keeps it that way).
 *
 * - runs: the 'rle-row-major-v1' codec of pixels (./mask-runs.ts, re-exported below);
 * - the wire object EncodedMask: its zod schema (with the refinement that the runs describe
 *   exactly width x height pixels) and its constructors wireMask / encodeMask;
 * - the storage form (canonical bytes) and the content hash (./mask-canonical.ts);
 * - the rule that an empty mask is no ROI: roiOrNull.
 *
 * Pure TypeScript (zod only): the renderer and the Node core share it.
 */
import { z } from 'zod';
import { AppError } from '../contracts/errors';
import { canonicalBytes, canonicalHash, readCanonicalBytes } from './mask-canonical';
import { countRunPixels, decodeRuns, encodeRuns, MASK_ENCODING, MAX_MASK_RUNS, MAX_MASK_SIDE, runsProblem } from './mask-runs';

export {
  countRunPixels,
  decodeRuns,
  encodeRuns,
  MASK_ENCODING,
  MASK_ENCODING_DESCRIPTION,
  MAX_MASK_RUNS,
  MAX_MASK_SIDE,
  runsProblem,
} from './mask-runs';
export type { RunsProblem } from './mask-runs';

/** A mask as stored and sent: 'rle-row-major-v1' run lengths with the image size. */
export const EncodedMask = z
  .object({
    encoding: z.literal(MASK_ENCODING),
    /** Columns, image pixels. */
    width: z.number().int().positive().max(MAX_MASK_SIDE),
    /** Rows, image pixels. */
    height: z.number().int().positive().max(MAX_MASK_SIDE),
    /** Alternating background / lesion run lengths, starting with background, summing to width * height. */
    runs: z.array(z.number()).max(MAX_MASK_RUNS),
  })
  .superRefine((m, ctx) => {
    const problem = runsProblem(m.runs, m.width, m.height);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.run === undefined ? ['runs'] : ['runs', problem.run], message: problem.message });
  });
export type EncodedMask = z.infer<typeof EncodedMask>;

/**
 * The wire object of a mask of `width` x `height` pixels with these runs: the only way to build
 * one. Checks what the schema's refinement checks (runsProblem, the same function) without
 * zod's cost (an editor commit builds one per stroke); throws AppError('bad_request') naming
 * what is wrong.
 * `runs` is taken over, not copied.
 */
export function wireMask(width: number, height: number, runs: number[]): EncodedMask {
  const problem = runsProblem(runs, width, height);
  if (problem) throw new AppError('bad_request', problem.message);
  return { encoding: MASK_ENCODING, width, height, runs };
}

/** The wire object of `width` x `height` row-major pixels (any non-zero byte counts as set). */
export function encodeMask(pixels: Uint8Array, width: number, height: number): EncodedMask {
  return wireMask(width, height, encodeRuns(pixels, width, height));
}

/** The row-major 0/1 pixels of a wire mask; throws AppError('bad_request') when it is malformed. */
export function decodeMask(mask: EncodedMask): Uint8Array {
  if (mask.encoding !== MASK_ENCODING) {
    throw new AppError('bad_request', `Unknown mask encoding '${String(mask.encoding)}'; this app reads '${MASK_ENCODING}'.`);
  }
  return decodeRuns(mask.runs, mask.width, mask.height);
}

/** Set pixels of a mask, without decoding it; 0 for no mask. */
export function maskPixelCount(mask: Pick<EncodedMask, 'runs'> | null | undefined): number {
  return mask ? countRunPixels(mask.runs) : 0;
}

/**
 * THE rule for empty masks: a mask without a set pixel is no ROI. Returns the mask when it has a
 * set pixel, else null. Every place that stores, sends, hashes (sliceReadHash) or judges a slice's
 * ROI applies it, so a cleared mask and 'no mask' can never differ in storage, hash or label rules.
 */
export function roiOrNull<M extends Pick<EncodedMask, 'runs'>>(mask: M | null | undefined): M | null {
  return mask && countRunPixels(mask.runs) > 0 ? mask : null;
}

/** Refuses a mask that is not of the image's size; `where` names the record for the message. */
export function checkMaskSize(mask: EncodedMask, width: number, height: number, where: string): void {
  if (mask.width !== width || mask.height !== height) {
    throw new AppError('bad_request', `${where}: the mask is ${mask.width} x ${mask.height} but the image is ${width} x ${height}.`);
  }
}

/**
 * The storage form of a mask (the mask_rle columns): width, height and runs as unsigned LEB128
 * varints. Never change it: stored rows and audit hashes depend on these exact bytes.
 */
export function maskToCanonicalBytes(mask: EncodedMask): Uint8Array {
  return canonicalBytes(mask.width, mask.height, mask.runs);
}

/** Reads the storage form back; throws AppError('invalid_file') when the stored bytes are damaged. */
export function maskFromCanonicalBytes(bytes: Uint8Array): EncodedMask {
  const { width, height, runs } = readCanonicalBytes(bytes);
  const problem = runsProblem(runs, width, height);
  if (problem) throw new AppError('invalid_file', `A stored mask of ${bytes.length} bytes is damaged: ${problem.message} Restore the study from a backup.`);
  return { encoding: MASK_ENCODING, width, height, runs };
}

/**
 * Content hash of a mask, for the audit rows' before/after hashes and the undo history:
 * 'sha256:' + hex SHA-256 of its canonical bytes. Two masks have the same hash exactly when they
 * have the same size and pixels.
 */
export function maskHash(mask: EncodedMask): string {
  return canonicalHash(mask.width, mask.height, mask.runs);
}
