import { useEffect, useRef } from 'react';
import type { AdjudicationQueue, QueueItem } from '../../../../shared/model/adjudication';
import { methodWords, reasonWords } from './case-masks';

export interface QueueFilters {
  segment: '' | 'cervical' | 'thoracic' | 'lumbar';
  reason: '' | 'discordant_label' | 'discordant_mask' | 'stale';
  includeResolved: boolean;
}

export const NO_FILTERS: QueueFilters = { segment: '', reason: '', includeResolved: false };

export interface QueuePanelProps {
  queue: AdjudicationQueue | null;
  filters: QueueFilters;
  onFilters(f: QueueFilters): void;
  selected: { seriesId: number; sliceIndex: number } | null;
  onPick(item: QueueItem): void;
  diceThreshold: number | null;
  onSettings(): void;
  onRefresh(): void;
}

/** The discordant slices, by patient and series, with filters and a count of what is left. */
export function QueuePanel({ queue, filters, onFilters, selected, onPick, diceThreshold, onSettings, onRefresh }: QueuePanelProps) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, queue]);

  return (
    <aside className="adj-queue" aria-label="Adjudication queue">
      <div className="row adj-queue-head">
        <h2>Discordant slices</h2>
        <span className="spacer" />
        <button type="button" className="icon-text" onClick={onRefresh} title="Fetch the queue again (new locked reads)">
          ↻
        </button>
        <button type="button" className="icon-text" onClick={onSettings} title="Dice threshold, automatic rule, primary reader">
          ⚙
        </button>
      </div>
      {queue && (
        <div className="adj-count" data-testid="queue-count">
          <strong>{queue.remaining}</strong> left of {queue.total}
          <div className="muted small">
            {queue.seriesReady} series ready · {queue.seriesWaiting} waiting for both reads to be locked
          </div>
          {queue.total > 0 && <progress value={queue.total - queue.remaining} max={queue.total} aria-label="Settled" />}
        </div>
      )}
      <div className="adj-filters">
        <label>
          Segment
          <select aria-label="Segment filter" value={filters.segment} onChange={(e) => onFilters({ ...filters, segment: e.target.value as QueueFilters['segment'] })}>
            <option value="">all</option>
            <option value="cervical">cervical</option>
            <option value="thoracic">thoracic</option>
            <option value="lumbar">lumbar</option>
          </select>
        </label>
        <label>
          Reason
          <select aria-label="Reason filter" value={filters.reason} onChange={(e) => onFilters({ ...filters, reason: e.target.value as QueueFilters['reason'] })}>
            <option value="">all</option>
            <option value="discordant_label">one present, one absent</option>
            <option value="discordant_mask">masks differ (low Dice)</option>
            <option value="stale">reads changed after a decision</option>
          </select>
        </label>
        <label className="adj-check">
          <input type="checkbox" checked={filters.includeResolved} onChange={(e) => onFilters({ ...filters, includeResolved: e.target.checked })} />
          Show settled slices
        </label>
      </div>
      {!queue ? (
        <p className="muted small">Loading the queue…</p>
      ) : queue.items.length === 0 ? (
        <p className="muted small" data-testid="queue-empty">
          {queue.total > 0 ? 'Every discordant slice here is settled.' : queue.seriesReady === 0 ? 'No series has both primary reads locked yet.' : 'No discordant slices: the readers agree on every slice.'}
        </p>
      ) : (
        <ol className="adj-items" ref={list} aria-label="Queue">
          {queue.items.map((item, k) => {
            const current = selected?.seriesId === item.seriesId && selected.sliceIndex === item.sliceIndex;
            const first = k === 0 || queue.items[k - 1]!.seriesId !== item.seriesId;
            return (
              <li key={`${item.seriesId}:${item.sliceIndex}`}>
                {first && (
                  <div className="adj-group">
                    {item.patient} · {item.segment ?? `series ${item.seriesId}`}
                  </div>
                )}
                <button type="button" className={`adj-item ${current ? 'current' : ''} ${item.resolved ? 'resolved' : ''}`} aria-current={current} onClick={() => onPick(item)}>
                  <span>Slice {item.sliceIndex + 1}</span>
                  <span className="muted small">{item.resolved && item.method ? `✓ ${methodWords(item.method)}` : reasonWords(item.reason, item.dice, diceThreshold, true)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
