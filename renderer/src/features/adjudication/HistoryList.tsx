import type { ConsensusDecision } from '../../../../shared/model/adjudication';
import { methodWords } from './case-masks';

/** Every decision of a slice, newest first: automatic ones and the coordinator's, the current one marked. */
export function HistoryList({ history }: { history: readonly ConsensusDecision[] }) {
  if (history.length === 0) return <p className="muted small">No decision yet.</p>;
  const newestFirst = [...history].sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : a.decidedAt > b.decidedAt ? -1 : b.id - a.id));
  return (
    <ol className="adj-history" aria-label="Decision history">
      {newestFirst.map((d) => (
        <li key={d.id} className={d.current ? 'current' : ''}>
          <div className="row">
            <strong>{methodWords(d.method)}</strong>
            <span className="muted">{d.label === 'present' ? 'BME' : 'absent'}</span>
            {d.current && <span className="badge badge-open">current</span>}
          </div>
          <div className="muted small">
            {d.decidedBy ?? 'automatic'}
            {d.rule ? ` · rule: ${d.rule}` : ''} · {new Date(d.decidedAt).toLocaleString()}
          </div>
          {d.reason && <div className="small">“{d.reason}”</div>}
        </li>
      ))}
    </ol>
  );
}
