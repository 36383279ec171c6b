/**
 * The reading state of one series for one reader: a label per slice, and the rules around it.
 *
 * Rules (issue 4, "Reading a series"):
 * - Every slice starts 'unread'. An empty mask alone never means 'absent': only the reader says
 *   absent (A).
 * - Drawing marks present: an edit that adds at least one lesion pixel sets the slice 'present'
 *   in the same undo step (SeriesEditSession.applyEdit).
 * - Erasing never changes the label. A slice erased down to nothing stays 'present' with an
 *   empty mask and is reported in `presentWithoutRoi`, because only the reader knows whether the
 *   lesion was a mistake (then A) or still has to be drawn. Silently turning it 'absent' would
 *   put words in the reader's mouth; turning it back to 'unread' would lose a decision.
 * - Marking a slice absent clears its ROI in the same undo step: a ground truth that says "no
 *   BME" next to a lesion mask would be self-contradictory.
 * - A series can be locked when every slice is read AND no 'present' slice lacks a ROI (such a
 *   slice would give an empty ground-truth mask labelled positive, which the Dice of
 *   true-positive lesions and the training set cannot use).
 */

/** A reader's decision for one slice. */
export type SliceLabel = 'unread' | 'present' | 'absent';

export const SLICE_LABELS: readonly SliceLabel[] = ['unread', 'present', 'absent'];

/** Slice counts per label, for progress ("12 of 18 read") and the worklist. */
export interface ReadingCounts {
  readonly total: number;
  readonly unread: number;
  readonly present: number;
  readonly absent: number;
  /** present + absent. */
  readonly read: number;
}

/** Whether a series can be locked, and what stands in the way. */
export interface LockReadiness {
  readonly canLock: boolean;
  /** Slice indices (0-based) still unread. */
  readonly unread: readonly number[];
  /** Slice indices labelled present whose mask is empty. */
  readonly presentWithoutRoi: readonly number[];
}

export function countLabels(labels: readonly SliceLabel[]): ReadingCounts {
  let unread = 0, present = 0, absent = 0;
  for (const label of labels) {
    if (label === 'unread') unread++;
    else if (label === 'present') present++;
    else absent++;
  }
  return { total: labels.length, unread, present, absent, read: present + absent };
}

/**
 * The next unread slice after `from` in `direction` (+1 next, -1 previous), wrapping around the
 * series; `from` itself is considered last. Null when every slice is read.
 */
export function nextUnreadSlice(labels: readonly SliceLabel[], from: number, direction: 1 | -1 = 1): number | null {
  const n = labels.length;
  for (let step = 1; step <= n; step++) {
    const i = (((from + direction * step) % n) + n) % n;
    if (labels[i] === 'unread') return i;
  }
  return null;
}

/** Lock check: `isMaskEmpty(i)` tells whether slice i has no lesion pixel. */
export function lockReadiness(labels: readonly SliceLabel[], isMaskEmpty: (sliceIndex: number) => boolean): LockReadiness {
  const unread: number[] = [];
  const presentWithoutRoi: number[] = [];
  labels.forEach((label, i) => {
    if (label === 'unread') unread.push(i);
    else if (label === 'present' && isMaskEmpty(i)) presentWithoutRoi.push(i);
  });
  return { canLock: unread.length === 0 && presentWithoutRoi.length === 0, unread, presentWithoutRoi };
}

/** The history label of a label change made by the reader. */
export function labelActionName(label: SliceLabel): string {
  return label === 'present' ? 'Mark present' : label === 'absent' ? 'Mark absent' : 'Mark unread';
}
