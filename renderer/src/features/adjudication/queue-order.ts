import type { QueueItem } from '../../../../shared/model/adjudication';

export interface SliceRef {
  seriesId: number;
  sliceIndex: number;
}

const same = (a: SliceRef, b: SliceRef) => a.seriesId === b.seriesId && a.sliceIndex === b.sliceIndex;

/**
 * Where `at` sits in the queue's order (patient, series, slice) as a fractional index: the
 * item's own index when it is in the queue, else halfway between its neighbours (a slice the
 * coordinator stepped to with the arrow keys, or one just settled and gone from the list).
 */
export function queuePosition(items: readonly SliceRef[], at: SliceRef): number {
  const exact = items.findIndex((i) => same(i, at));
  if (exact >= 0) return exact;
  const ofSeries = items.map((i, k) => ({ i, k })).filter(({ i }) => i.seriesId === at.seriesId);
  if (ofSeries.length === 0) return -0.5;
  const after = ofSeries.find(({ i }) => i.sliceIndex > at.sliceIndex);
  return after ? after.k - 0.5 : ofSeries[ofSeries.length - 1]!.k + 0.5;
}

/**
 * The unsettled item to go to from `at` in direction `dir` (+1 next, -1 previous), wrapping
 * around the end; null when nothing is left. `order` is the list `at` was positioned in (the
 * queue before a decision), so that the next item after a settled one is found even though the
 * settled one has left the fresh list `items`.
 */
export function nextUnsettled(items: readonly QueueItem[], at: SliceRef | null, dir: 1 | -1, order: readonly SliceRef[] = items): QueueItem | null {
  const open = items.filter((i) => !i.resolved && !(at && same(i, at)));
  if (open.length === 0) return null;
  if (!at) return open[0]!;
  const here = queuePosition(order, at);
  const rank = (i: QueueItem) => {
    const r = order.findIndex((o) => same(o, i));
    return r >= 0 ? r : queuePosition(order, i);
  };
  const ahead = open.filter((i) => (dir > 0 ? rank(i) > here : rank(i) < here));
  if (ahead.length > 0) return dir > 0 ? ahead[0]! : ahead[ahead.length - 1]!;
  return dir > 0 ? open[0]! : open[open.length - 1]!;
}
