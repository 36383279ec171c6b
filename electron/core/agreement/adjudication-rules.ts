import { decodeMask, encodeMask, roiOrNull, type EncodedMask } from '../../../shared/geometry/mask';
import type { SliceLabel } from '../../../shared/model/reading';
import { rleMaskOverlap } from '../../../shared/metrics';

/** One reader's state of one slice: the label and the stored mask (null: no ROI). */
export interface ReadSlice {
  label: SliceLabel;
  mask: EncodedMask | null;
}

/** Why a slice needs (or does not need) the coordinator. */
export type SliceAgreement =
  | { kind: 'pending' } // a reader has not read it
  | { kind: 'concordant_absent' }
  | { kind: 'concordant_present'; dice: number }
  | { kind: 'discordant_label' } // one present, the other absent
  | { kind: 'discordant_mask'; dice: number | null }; // both present, Dice below the threshold (or a ROI missing)

export type CombineMethod = 'accept_reader1' | 'accept_reader2' | 'union' | 'intersection' | 'absent';
export type AutoRule = 'primary' | 'union' | 'intersection';

/** The slice's ROI when it is marked present and its mask has a set pixel, else null. */
const roiOf = (s: ReadSlice): EncodedMask | null => (s.label === 'present' ? roiOrNull(s.mask) : null);

/** Classifies one slice read by reader 1 (`a`) and reader 2 (`b`) against the Dice threshold. */
export function classifySlice(a: ReadSlice, b: ReadSlice, diceThreshold: number): SliceAgreement {
  if (a.label === 'unread' || b.label === 'unread') return { kind: 'pending' };
  if (a.label === 'absent' && b.label === 'absent') return { kind: 'concordant_absent' };
  if (a.label !== b.label) return { kind: 'discordant_label' };
  const ra = roiOf(a), rb = roiOf(b);
  if (!ra || !rb) return { kind: 'discordant_mask', dice: null };
  const dice = rleMaskOverlap(ra.runs, rb.runs).dice ?? 0;
  return dice >= diceThreshold ? { kind: 'concordant_present', dice } : { kind: 'discordant_mask', dice };
}

/** The consensus mask (null for absent) that a one-click resolution produces. */
export function combineMasks(method: CombineMethod, a: ReadSlice, b: ReadSlice, width: number, height: number): EncodedMask | null {
  switch (method) {
    case 'absent':
      return null;
    case 'accept_reader1':
      return roiOf(a);
    case 'accept_reader2':
      return roiOf(b);
    case 'union':
    case 'intersection': {
      const pixels = (s: ReadSlice) => {
        const roi = roiOf(s);
        return roi ? decodeMask(roi) : new Uint8Array(width * height);
      };
      const ma = pixels(a), mb = pixels(b);
      const out = new Uint8Array(width * height);
      for (let i = 0; i < out.length; i++) out[i] = method === 'union' ? ma[i]! | mb[i]! : ma[i]! & mb[i]!;
      return roiOrNull(encodeMask(out, width, height));
    }
  }
}

/** The automatic consensus of a concordant-present slice under the study's rule. */
export function autoConsensus(rule: AutoRule, primary: 'reader1' | 'reader2', a: ReadSlice, b: ReadSlice, width: number, height: number): EncodedMask | null {
  if (rule === 'primary') return combineMasks(primary === 'reader1' ? 'accept_reader1' : 'accept_reader2', a, b, width, height);
  return combineMasks(rule, a, b, width, height);
}
