import { useState } from 'react';
import type { SeriesSummary } from '../../../../shared/model/imaging';
import type { Account } from '../../../../shared/model/people';
import type { ReaderSlot, SeriesAssignment } from '../../../../shared/model/reading';

/**
 * Fills empty reader 1 / reader 2 slots of the listed series in one go (a cohort has hundreds
 * of series). Slots already held are left alone, and so is a series the person already reads
 * in the other slot.
 */
export function BulkAssign({ candidates, series, bySeries, onAssign, onError }: {
  candidates: Account[];
  series: SeriesSummary[];
  bySeries: Map<number, SeriesAssignment[]>;
  onAssign(seriesId: number, slot: ReaderSlot, accountId: number): Promise<void>;
  onError(message: string): void;
}) {
  const [reader1, setReader1] = useState('');
  const [reader2, setReader2] = useState('');
  const [progress, setProgress] = useState<string | null>(null);

  const plan: { seriesId: number; slot: ReaderSlot; accountId: number }[] = [];
  for (const s of series) {
    const list = bySeries.get(s.seriesId) ?? [];
    const busy = new Set(list.map((a) => a.accountId));
    for (const [slot, value] of [['reader1', reader1], ['reader2', reader2]] as const) {
      const id = Number(value);
      if (!value || list.some((a) => a.slot === slot) || busy.has(id)) continue;
      plan.push({ seriesId: s.seriesId, slot, accountId: id });
      busy.add(id);
    }
  }

  const run = async () => {
    let done = 0;
    try {
      for (const step of plan) {
        setProgress(`${done} / ${plan.length}`);
        await onAssign(step.seriesId, step.slot, step.accountId);
        done++;
      }
    } catch (e) {
      onError(`Stopped after ${done} of ${plan.length} assignments: ${(e as Error).message}`);
    }
    setProgress(null);
  };

  return (
    <div className="bulk-assign" aria-label="Fill empty slots">
      <span className="muted small">Fill empty slots of the {series.length} listed series:</span>
      <select className="compact" aria-label="Bulk reader 1" value={reader1} onChange={(e) => setReader1(e.target.value)}>
        <option value="">Reader 1…</option>
        {candidates.map((a) => (
          <option key={a.id} value={a.id} disabled={String(a.id) === reader2}>
            {a.displayName}
          </option>
        ))}
      </select>
      <select className="compact" aria-label="Bulk reader 2" value={reader2} onChange={(e) => setReader2(e.target.value)}>
        <option value="">Reader 2…</option>
        {candidates.map((a) => (
          <option key={a.id} value={a.id} disabled={String(a.id) === reader1}>
            {a.displayName}
          </option>
        ))}
      </select>
      <button type="button" disabled={plan.length === 0 || progress !== null} onClick={() => void run()}>
        {progress ? `Assigning ${progress}…` : `Assign ${plan.length}`}
      </button>
    </div>
  );
}
