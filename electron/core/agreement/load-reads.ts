import { maskFromCanonicalBytes, type EncodedMask } from '../../../shared/geometry/mask';
import type { ReaderSlot, SliceLabel } from '../../../shared/model/reading';
import { sliceReadHash } from '../../../shared/model/slice-read-hash';
import type { OpenStudy } from '../study-registry';
import type { SeriesReads } from './compute-agreement';

/** A reader's read of a series with what consensus needs beyond agreement: hashes and the lock. */
export interface FullRead {
  accountId: number;
  locked: boolean;
  labels: SliceLabel[];
  /** The stored mask per slice (null: no ROI); `runs` are their runs, for the agreement figures. */
  masks: (EncodedMask | null)[];
  runs: (number[] | null)[];
  /** sliceReadHash per slice (the unread hash for unread slices). */
  hashes: string[];
}

export interface FullSeriesReads extends SeriesReads {
  width: number;
  height: number;
  full: Partial<Record<ReaderSlot, FullRead>>;
}

/** Every series with at least one assignment, with every slot's read. Coordinator-side only. */
export function loadSeriesReads(study: OpenStudy, onlySeriesId?: number): FullSeriesReads[] {
  const bySeries = new Map<number, FullSeriesReads>();
  for (const a of study.assignments.all()) {
    if (onlySeriesId !== undefined && a.seriesId !== onlySeriesId) continue;
    let entry = bySeries.get(a.seriesId);
    if (!entry) {
      const s = study.imaging.series(a.seriesId)!;
      entry = { seriesId: s.id, patient: s.pseudonym, segment: s.segment, sliceCount: s.slices, width: s.columns, height: s.rows, reads: {}, full: {} };
      bySeries.set(a.seriesId, entry);
    }
    // A second comparison reader does not enter the pairwise figures: the first one does.
    if (entry.full[a.readerSlot]) continue;
    const labels: SliceLabel[] = Array.from({ length: entry.sliceCount }, () => 'unread');
    const masks: (EncodedMask | null)[] = Array.from({ length: entry.sliceCount }, () => null);
    const hashes: string[] = Array.from({ length: entry.sliceCount }, () => sliceReadHash('unread', null));
    for (const r of study.reads.forAssignment(a.id)) {
      if (r.sliceIndex >= entry.sliceCount) continue;
      labels[r.sliceIndex] = r.label;
      masks[r.sliceIndex] = r.mask ? maskFromCanonicalBytes(r.mask) : null;
      hashes[r.sliceIndex] = r.contentHash;
    }
    const runs = masks.map((m) => m?.runs ?? null);
    const read: FullRead = { accountId: a.accountId, locked: a.lockedAt !== null, labels, masks, runs, hashes };
    entry.full[a.readerSlot] = read;
    entry.reads[a.readerSlot] = { labels, runs };
  }
  return [...bySeries.values()].sort((x, y) => x.patient.localeCompare(y.patient) || x.seriesId - y.seriesId);
}
