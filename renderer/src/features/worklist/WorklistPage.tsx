import { useCallback, useEffect, useState } from 'react';
import type { WorklistItem } from '../../../../shared/model/reading';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';

const SLOT_WORDS: Record<WorklistItem['slot'], string> = { reader1: 'Reader 1', reader2: 'Reader 2', comparison: 'Comparison' };

/** In progress first, then not started, then locked; by patient and segment within. */
function order(a: WorklistItem, b: WorklistItem): number {
  const rank = (w: WorklistItem) => (w.locked ? 2 : w.read > 0 ? 0 : 1);
  return rank(a) - rank(b) || a.patient.localeCompare(b.patient) || (a.segment ?? '').localeCompare(b.segment ?? '');
}

/**
 * The signed-in person's own worklist: the series assigned to them with their own progress
 * (slices read of total, present count, locked), and a button that resumes where they left off.
 */
export function WorklistPage({ onOpen }: { onOpen: (seriesId: number) => void }) {
  const { api } = useHost();
  const [items, setItems] = useState<WorklistItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api.reading.worklist({}).then((list) => setItems([...list].sort(order)), (e: Error) => setError(e.message));
  }, [api]);
  useEffect(refresh, [refresh]);

  const totals = (items ?? []).reduce((t, w) => ({ slices: t.slices + w.slices, read: t.read + w.read, locked: t.locked + (w.locked ? 1 : 0) }), { slices: 0, read: 0, locked: 0 });

  return (
    <div className="page worklist">
      <div className="page-head">
        <h1>Worklist</h1>
        {items && items.length > 0 && (
          <span className="muted" data-testid="worklist-summary">
            {items.length} series · {totals.locked} locked · {totals.read} of {totals.slices} slices read
          </span>
        )}
        <span className="spacer" />
        <button type="button" onClick={refresh}>Refresh</button>
      </div>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      {items === null ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">Nothing is assigned to you yet. The coordinator assigns series to readers.</p>
      ) : (
        <table className="grid worklist-table" aria-label="Worklist">
          <thead>
            <tr>
              <th>Patient</th>
              <th>Segment</th>
              <th>Description</th>
              <th>Role</th>
              <th>Progress</th>
              <th>Present</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((w) => (
              <tr key={w.seriesId} data-series-id={w.seriesId} onDoubleClick={() => onOpen(w.seriesId)}>
                <td>
                  <strong>{w.patient}</strong>
                </td>
                <td>{w.segment ?? <span className="muted">—</span>}</td>
                <td>{w.description ?? <span className="muted">none</span>}</td>
                <td className="muted">{SLOT_WORDS[w.slot]}</td>
                <td>
                  <div className="progress-cell" aria-label={`${w.read} of ${w.slices} slices read`}>
                    <span className="mini-meter">
                      <span style={{ width: `${w.slices ? (100 * w.read) / w.slices : 0}%` }} className={w.locked ? 'done' : ''} />
                    </span>
                    <span className="progress-text">
                      {w.read} / {w.slices}
                    </span>
                  </div>
                </td>
                <td>{w.present}</td>
                <td>{w.locked ? <span className="status-locked">Locked</span> : w.read === 0 ? <span className="muted">Not started</span> : w.read === w.slices ? <span className="status-ready">Ready to lock</span> : 'In progress'}</td>
                <td className="actions">
                  <button type="button" className={w.locked ? '' : 'primary'} onClick={() => onOpen(w.seriesId)} aria-label={`${w.locked ? 'View' : w.read === 0 ? 'Start' : 'Resume'} ${w.patient} ${w.segment ?? ''}`.trim()}>
                    {w.locked ? 'View' : w.read === 0 ? 'Start' : `Resume at slice ${w.lastSlice + 1}`}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
