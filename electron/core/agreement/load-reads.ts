import { maskFromCanonicalBytes, type EncodedMask } from '../../../shared/geometry/mask';
import type { ImageRef } from '../../../shared/model/imaging';
import type { ReaderSlot, SliceLabel } from '../../../shared/model/reading';
import { sliceReadHash } from '../../../shared/model/slice-read-hash';
import { imageRefOf, type InstanceId } from '../db/repositories/imaging-repository';
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
  /** The series' images in their order now: every per-slice array below is by this position. */
  images: { instanceId: InstanceId; image: ImageRef }[];
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
      const images = study.imaging.instances(a.seriesId).map((i) => ({ instanceId: i.id, image: imageRefOf(i) }));
      entry = { seriesId: s.id, patient: s.pseudonym, segment: s.segment, sliceCount: images.length, width: s.columns, height: s.rows, images, reads: {}, full: {} };
      bySeries.set(a.seriesId, entry);
    }
    // A second comparison reader does not enter the pairwise figures: the first one does.
    if (entry.full[a.readerSlot]) continue;
    const labels: SliceLabel[] = Array.from({ length: entry.sliceCount }, () => 'unread');
    const masks: (EncodedMask | null)[] = Array.from({ length: entry.sliceCount }, () => null);
    const hashes: string[] = Array.from({ length: entry.sliceCount }, () => sliceReadHash('unread', null));
    const position = new Map(entry.images.map((im, i) => [im.instanceId, i]));
    for (const r of study.reads.forAssignment(a.id)) {
      const i = position.get(r.instanceId);
      if (i === undefined) continue;
      labels[i] = r.label;
      masks[i] = r.mask ? maskFromCanonicalBytes(r.mask) : null;
      hashes[i] = r.contentHash;
    }
    const runs = masks.map((m) => m?.runs ?? null);
    const read: FullRead = { accountId: a.accountId, locked: a.lockedAt !== null, labels, masks, runs, hashes };
    entry.full[a.readerSlot] = read;
    entry.reads[a.readerSlot] = { labels, runs };
  }
  return [...bySeries.values()].sort((x, y) => x.patient.localeCompare(y.patient) || x.seriesId - y.seriesId);
}
