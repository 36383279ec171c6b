import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SeriesSummary } from '../../../../shared/model/imaging';
import type { Account } from '../../../../shared/model/people';
import type { ReaderSlot, SeriesAssignment } from '../../../../shared/model/reading';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';
import { BulkAssign } from './BulkAssign';
import { SlotCell } from './SlotCell';

type Filter = 'all' | 'unassigned' | 'in-progress' | 'locked';

/**
 * The coordinator's assignment screen: per series, who reads it as reader 1, reader 2 and
 * comparison reader(s), their progress, and reopening a locked read with a reason.
 */
export function AssignmentsPage() {
  const { api } = useHost();
  const [series, setSeries] = useState<SeriesSummary[] | null>(null);
  const [assignments, setAssignments] = useState<SeriesAssignment[]>([]);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<Filter>('all');

  const refresh = useCallback(() => {
    Promise.all([api.imaging.seriesList({}), api.assignments.list({}), api.accounts.list({})]).then(
      ([s, a, acc]) => {
        setSeries(s);
        setAssignments(a);
        setAccounts(acc);
      },
      (e: Error) => setError(e.message),
    );
  }, [api]);
  useEffect(refresh, [refresh]);

  const bySeries = useMemo(() => {
    const map = new Map<number, SeriesAssignment[]>();
    for (const a of assignments) map.set(a.seriesId, [...(map.get(a.seriesId) ?? []), a]);
    return map;
  }, [assignments]);

  /** Replaces one series' assignments with what the core returned. */
  const replaceSeries = (seriesId: number, list: SeriesAssignment[]) => setAssignments((all) => [...all.filter((a) => a.seriesId !== seriesId), ...list]);

  const assign = async (seriesId: number, slot: ReaderSlot, accountId: number | null) => {
    setError(null);
    try {
      replaceSeries(seriesId, await api.assignments.set({ seriesId, slot, accountId }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const reopen = async (seriesId: number, accountId: number, reason: string) => {
    setError(null);
    try {
      const updated = await api.assignments.reopen({ seriesId, accountId, reason });
      setAssignments((all) => all.map((a) => (a.seriesId === seriesId && a.accountId === accountId ? updated : a)));
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };

  const candidates = accounts.filter((a) => a.active && (a.role === 'reader' || a.role === 'coordinator'));
  const needle = text.trim().toLowerCase();
  const shown = (series ?? []).filter((s) => {
    const list = bySeries.get(s.seriesId) ?? [];
    if (needle && !`${s.patient} ${s.segment ?? ''} ${s.description ?? ''}`.toLowerCase().includes(needle)) return false;
    if (filter === 'unassigned') return !list.some((a) => a.slot === 'reader1') || !list.some((a) => a.slot === 'reader2');
    if (filter === 'in-progress') return list.some((a) => !a.locked && a.read > 0);
    if (filter === 'locked') return list.some((a) => a.locked);
    return true;
  });
  const complete = (series ?? []).filter((s) => {
    const list = bySeries.get(s.seriesId) ?? [];
    return list.some((a) => a.slot === 'reader1') && list.some((a) => a.slot === 'reader2');
  }).length;
  const lockedReads = assignments.filter((a) => a.locked).length;

  return (
    <div className="page assignments">
      <div className="page-head">
        <h1>Assignments</h1>
        {series && (
          <span className="muted" data-testid="assignments-summary">
            {series.length} series · {complete} with both readers · {lockedReads} locked read{lockedReads === 1 ? '' : 's'}
          </span>
        )}
      </div>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      {series === null ? (
        <p className="muted">Loading…</p>
      ) : series.length === 0 ? (
        <p className="muted">No series yet: import images in the Series section first.</p>
      ) : (
        <>
          <div className="filter-bar">
            <input type="search" placeholder="Filter by patient, segment, description" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter series" />
            <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} aria-label="Show">
              <option value="all">All series</option>
              <option value="unassigned">Missing a reader</option>
              <option value="in-progress">Reads in progress</option>
              <option value="locked">With a locked read</option>
            </select>
            <span className="spacer" />
            <BulkAssign
              candidates={candidates}
              series={shown}
              bySeries={bySeries}
              onAssign={async (seriesId, slot, accountId) => {
                replaceSeries(seriesId, await api.assignments.set({ seriesId, slot, accountId }));
              }}
              onError={setError}
            />
          </div>
          {candidates.length === 0 && <p className="warn">There are no reader accounts yet: create them in the Accounts section.</p>}
          <table className="grid assignments-table" aria-label="Assignments">
            <thead>
              <tr>
                <th>Patient</th>
                <th>Segment</th>
                <th>Description</th>
                <th>Slices</th>
                <th>Reader 1</th>
                <th>Reader 2</th>
                <th>Comparison</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => {
                const list = bySeries.get(s.seriesId) ?? [];
                const name = `${s.patient} ${s.segment ?? ''}`.trim();
                return (
                  <tr key={s.seriesId} data-series-id={s.seriesId}>
                    <td>
                      <strong>{s.patient}</strong>
                    </td>
                    <td>{s.segment ?? <span className="muted">—</span>}</td>
                    <td className="muted">{s.description ?? ''}</td>
                    <td>{s.slices}</td>
                    {(['reader1', 'reader2', 'comparison'] as const).map((slot) => (
                      <td key={slot}>
                        <SlotCell
                          slot={slot}
                          seriesName={name}
                          holders={list.filter((a) => a.slot === slot)}
                          taken={new Set(list.map((a) => a.accountId))}
                          candidates={candidates}
                          onAssign={(accountId) => void assign(s.seriesId, slot, accountId)}
                          onReopen={(accountId, reason) => reopen(s.seriesId, accountId, reason)}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shown.length === 0 && <p className="muted">No series match the filter.</p>}
        </>
      )}
    </div>
  );
}
