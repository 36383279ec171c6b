import type { z } from 'zod';
import { decodeMask, type EncodedMask } from '../../../../shared/geometry/mask';
import type { ResolveMethod as ResolveMethodSchema, SliceCase } from '../../../../shared/model/adjudication';

/** How a coordinator settles a slice (adjudication.resolve's method). */
export type ResolveMethod = z.infer<typeof ResolveMethodSchema>;

/**
 * The colours of the adjudication views. Reader 1 blue and reader 2 orange are told apart by
 * people with the common colour-vision deficiencies; the consensus is green, as in 'settled'.
 */
export const READER1_RGB = [78, 161, 255] as const;
export const READER2_RGB = [255, 146, 60] as const;
export const CONSENSUS_RGB = [76, 208, 138] as const;
export const INTERSECTION_RGB = [255, 228, 110] as const;
export const UNION_RGB = [235, 240, 245] as const;
export const css = (rgb: readonly [number, number, number]) => `rgb(${rgb.join(', ')})`;

/** One slice's masks as row-major 0/1 bytes (image size), ready to draw and combine. */
export interface CaseMasks {
  width: number;
  height: number;
  reader1: Uint8Array;
  reader2: Uint8Array;
  union: Uint8Array;
  intersection: Uint8Array;
  /** The current consensus, or null when the slice has none yet. */
  consensus: Uint8Array | null;
  /** Lesion pixels of each. */
  counts: { reader1: number; reader2: number; union: number; intersection: number };
}

/** The pixels of a mask, or all background for none. */
function pixelsOf(mask: EncodedMask | null, width: number, height: number): Uint8Array {
  return mask ? decodeMask(mask) : new Uint8Array(width * height);
}

export function caseMasks(c: SliceCase): CaseMasks {
  const { width, height } = c;
  const reader1 = pixelsOf(c.reader1.mask, width, height);
  const reader2 = pixelsOf(c.reader2.mask, width, height);
  const union = new Uint8Array(width * height);
  const intersection = new Uint8Array(width * height);
  const counts = { reader1: 0, reader2: 0, union: 0, intersection: 0 };
  for (let i = 0; i < union.length; i++) {
    const a = reader1[i]!, b = reader2[i]!;
    union[i] = a | b;
    intersection[i] = a & b;
    counts.reader1 += a;
    counts.reader2 += b;
    counts.union += a | b;
    counts.intersection += a & b;
  }
  const consensus = c.consensus ? pixelsOf(c.consensus.mask, width, height) : null;
  return { width, height, reader1, reader2, union, intersection, consensus, counts };
}

/** Words for SliceCase.agreement. */
export function agreementWords(kind: string): string {
  switch (kind) {
    case 'pending': return 'not read by both yet';
    case 'concordant_absent': return 'both absent';
    case 'concordant_present': return 'both present, masks agree';
    case 'discordant_label': return 'one present, one absent';
    case 'discordant_mask': return 'both present, masks differ';
    default: return kind.replace(/_/g, ' ');
  }
}

/** Words for a decision's method (ConsensusDecision.method). */
export function methodWords(method: string): string {
  switch (method) {
    case 'auto': return 'Automatic';
    case 'accept_reader1': return 'Accepted reader 1';
    case 'accept_reader2': return 'Accepted reader 2';
    case 'union': return 'Union';
    case 'intersection': return 'Intersection';
    case 'absent': return 'Absent';
    case 'edited': return 'Edited';
    default: return method.replace(/_/g, ' ');
  }
}

/** Words for a queue item's reason. */
export function reasonWords(reason: string, dice: number | null, threshold: number | null, short = false): string {
  switch (reason) {
    case 'discordant_label': return short ? 'present / absent' : 'one present, one absent';
    case 'discordant_mask': return `Dice ${dice === null ? '—' : dice.toFixed(2)}${threshold === null ? '' : ` < ${threshold}`}`;
    case 'stale': return short ? 'reads changed' : 'reads changed after the decision';
    default: return reason.replace(/_/g, ' ');
  }
}
