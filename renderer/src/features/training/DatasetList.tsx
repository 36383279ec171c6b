import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { ModelSummary } from '../../../../shared/model/training';
import { dateTime, shortId } from './training-format';

/** The study's snapshots, newest first; a row opens its summary. */
export function DatasetList({ datasets, models, selected, onSelect }: { datasets: DatasetSummary[]; models: ModelSummary[]; selected: string | null; onSelect: (id: string) => void }) {
  if (datasets.length === 0) return <p className="muted small">No snapshot yet: build the first one above.</p>;
  return (
    <table className="grid dataset-list" aria-label="Dataset snapshots">
      <thead>
        <tr>
          <th>Snapshot</th>
          <th>Created</th>
          <th className="num">Size</th>
          <th className="num">Folds</th>
          <th className="num">Patients</th>
          <th className="num">Samples</th>
          <th className="num">With BME</th>
          <th className="num">Test</th>
          <th className="num">Models</th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d) => (
          <tr key={d.id} className={`clickable ${selected === d.id ? 'selected' : ''}`} onClick={() => onSelect(d.id)} aria-selected={selected === d.id}>
            <td>
              <button type="button" className="link" onClick={() => onSelect(d.id)} title={d.id}>
                <code>{shortId(d.id)}</code>
              </button>
            </td>
            <td>{dateTime(d.createdAt)}</td>
            <td className="num">{d.settings.size}</td>
            <td className="num">{d.settings.folds}</td>
            <td className="num">{d.patients}</td>
            <td className="num">{d.samples}</td>
            <td className="num">{d.positiveSamples}</td>
            <td className="num">{d.split.test.length}</td>
            <td className="num">{models.filter((m) => m.datasetId === d.id).length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
