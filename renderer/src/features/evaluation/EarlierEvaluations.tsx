import type { EvaluationReport } from '../../../../shared/model/evaluation';
import { meanSd } from './format';

/** The model's evaluations, newest first; one of them is on screen. */
export function EarlierEvaluations({ history, shownId, onShow }: { history: EvaluationReport[]; shownId: number | null; onShow: (id: number) => void }) {
  if (history.length === 0) return <p className="muted">This model has not been evaluated yet: choose the threshold and the segment rule above and run it.</p>;
  return (
    <table className="grid earlier-evaluations" aria-label="Earlier evaluations">
      <thead>
        <tr>
          <th>#</th>
          <th>Computed</th>
          <th className="num">Threshold</th>
          <th className="num">Segment rule</th>
          <th className="num">Slices</th>
          <th className="num">Image sensitivity</th>
          <th className="num">Image specificity</th>
          <th className="num">AUC</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {history.map((r) => (
          <tr key={r.id} className={r.id === shownId ? 'current' : ''} data-evaluation-id={r.id}>
            <td>{r.id}</td>
            <td>{new Date(r.computedAt).toLocaleString()}</td>
            <td className="num">{r.threshold}</td>
            <td className="num">≥ {r.minPositiveSlices} slices</td>
            <td className="num">{r.slices}</td>
            <td className="num">{meanSd(r.acrossFolds.image.sensitivity)}</td>
            <td className="num">{meanSd(r.acrossFolds.image.specificity)}</td>
            <td className="num">{meanSd(r.acrossFolds.image.auc)}</td>
            <td>{r.id === shownId ? <span className="muted small">on screen</span> : <button type="button" onClick={() => onShow(r.id)}>Show</button>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
