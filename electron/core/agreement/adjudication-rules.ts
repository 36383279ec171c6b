import { decodeMaskRle, encodeMaskRle } from '../../../shared/geometry/mask-rle';
import type { SliceLabel } from '../../../shared/model/reading';
import { rleMaskOverlap } from '../../../shared/metrics';

export interface ReadSlice {
  label: SliceLabel;
  runs: number[] | null;
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

const hasRoi = (s: ReadSlice) => s.label === 'present' && !!s.runs && s.runs.length > 1;

/** Classifies one slice read by reader 1 (`a`) and reader 2 (`b`) against the Dice threshold. */
export function classifySlice(a: ReadSlice, b: ReadSlice, diceThreshold: number): SliceAgreement {
  if (a.label === 'unread' || b.label === 'unread') return { kind: 'pending' };
  if (a.label === 'absent' && b.label === 'absent') return { kind: 'concordant_absent' };
  if (a.label !== b.label) return { kind: 'discordant_label' };
  if (!hasRoi(a) || !hasRoi(b)) return { kind: 'discordant_mask', dice: null };
  const dice = rleMaskOverlap(a.runs!, b.runs!).dice ?? 0;
  return dice >= diceThreshold ? { kind: 'concordant_present', dice } : { kind: 'discordant_mask', dice };
}

/** The consensus mask (runs, or null for absent) that a one-click resolution produces. */
export function combineMasks(method: CombineMethod, a: ReadSlice, b: ReadSlice, width: number, height: number): number[] | null {
  const pick = (s: ReadSlice) => (hasRoi(s) ? s.runs! : null);
  switch (method) {
    case 'absent':
      return null;
    case 'accept_reader1':
      return pick(a);
    case 'accept_reader2':
      return pick(b);
    case 'union':
    case 'intersection': {
      const ma = pick(a) ? decodeMaskRle(pick(a)!, width, height) : new Uint8Array(width * height);
      const mb = pick(b) ? decodeMaskRle(pick(b)!, width, height) : new Uint8Array(width * height);
      const out = new Uint8Array(width * height);
      let any = false;
      for (let i = 0; i < out.length; i++) {
        out[i] = method === 'union' ? ma[i]! | mb[i]! : ma[i]! & mb[i]!;
        any ||= out[i] === 1;
      }
      return any ? encodeMaskRle(out, width, height) : null;
    }
  }
}

/** The automatic consensus of a concordant-present slice under the study's rule. */
export function autoConsensus(rule: AutoRule, primary: 'reader1' | 'reader2', a: ReadSlice, b: ReadSlice, width: number, height: number): number[] | null {
  if (rule === 'primary') return combineMasks(primary === 'reader1' ? 'accept_reader1' : 'accept_reader2', a, b, width, height);
  return combineMasks(rule, a, b, width, height);
}
