import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { SeriesSummary } from '../../../../shared/model/imaging';
import { dateTime, foldColour, shortId } from './training-format';

const SEGMENTS = ['cervical', 'thoracic', 'lumbar'] as const;

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '—');

/** Where to fix why a series was left out: reads and locks are assigned, slices are adjudicated. */
function fixLink(reason: string): { route: string; text: string } | null {
  if (/adjudicate/.test(reason)) return { route: '/adjudication', text: 'Adjudication' };
  if (/assigned|locked/.test(reason)) return { route: '/assignments', text: 'Assignments' };
  return null;
}

/**
 * One snapshot: what went in (patients, series, samples with and without BME per spinal segment),
 * where each patient is (validation patients of every fold, the test set), and which series were
 * left out and why.
 */
export function DatasetSummaryView({ dataset, series, reused, onTrain }: { dataset: DatasetSummary; series: SeriesSummary[]; reused: boolean; onTrain: () => void }) {
  const s = dataset.settings;
  const seriesById = new Map(series.map((x) => [x.seriesId, x]));
  const trainingPatients = dataset.split.folds.reduce((n, f) => n + f.length, 0);
  return (
    <section className="panel dataset-summary" aria-label="Dataset summary" data-dataset={dataset.id}>
      <div className="row">
        <h2>
          Snapshot <code title={dataset.id}>{shortId(dataset.id)}</code>
        </h2>
        <span className="spacer" />
        <button type="button" className="primary" onClick={onTrain} disabled={dataset.samples === 0}>
          Train on this snapshot →
        </button>
      </div>
      {reused && <p className="small note-reused">The consensus and the settings have not changed since this snapshot was built: it is reused, not copied.</p>}
      <p className="small muted">
        Built {dateTime(dataset.createdAt)} · {s.size} × {s.size} px · {s.folds} folds · seed {s.seed} ·{' '}
        {dataset.split.test.length === 0 ? 'no test set' : s.testPatients === 'random' ? `test set drawn at random (${Math.round(s.testFraction * 100)} %)` : 'test set chosen by hand'} · intensities {s.lowPercentile}–{s.highPercentile} percentile
      </p>
      <div className="big-figures" data-testid="dataset-figures">
        <div>
          <span className="big" data-testid="dataset-patients">{dataset.patients}</span>
          <span className="muted small">patients</span>
        </div>
        <div>
          <span className="big" data-testid="dataset-series">{dataset.series}</span>
          <span className="muted small">series</span>
        </div>
        <div>
          <span className="big" data-testid="dataset-samples">{dataset.samples}</span>
          <span className="muted small">samples (slices)</span>
        </div>
        <div>
          <span className="big bme" data-testid="dataset-positive">{dataset.positiveSamples}</span>
          <span className="muted small">with BME ({pct(dataset.positiveSamples, dataset.samples)})</span>
        </div>
        <div>
          <span className="big" data-testid="dataset-negative">{dataset.negativeSamples}</span>
          <span className="muted small">without BME</span>
        </div>
      </div>
      <div className="dataset-columns">
        <div>
          <h3>Samples per spinal segment</h3>
          <table className="grid compact-grid" aria-label="Samples per spinal segment">
            <thead>
              <tr>
                <th>Segment</th>
                <th className="num">Samples</th>
                <th className="num">BME</th>
                <th className="num">No BME</th>
              </tr>
            </thead>
            <tbody>
              {SEGMENTS.map((g) => {
                const b = dataset.bySegment[g] ?? { samples: 0, positive: 0 };
                return (
                  <tr key={g}>
                    <td>{g}</td>
                    <td className="num">{b.samples}</td>
                    <td className="num">{b.positive}</td>
                    <td className="num">{b.samples - b.positive}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Split by patient</h3>
          <table className="grid compact-grid" aria-label="Split by patient">
            <thead>
              <tr>
                <th>Set</th>
                <th className="num">Patients</th>
                <th>Pseudonyms</th>
              </tr>
            </thead>
            <tbody>
              {dataset.split.folds.map((f, k) => (
                <tr key={k}>
                  <td>
                    <span className="swatch" style={{ background: foldColour(k) }} /> Fold {k + 1}
                  </td>
                  <td className="num">{f.length}</td>
                  <td className="pseudonyms">{f.join(', ') || '—'}</td>
                </tr>
              ))}
              <tr className="test-row">
                <td>Test (held out)</td>
                <td className="num">{dataset.split.test.length}</td>
                <td className="pseudonyms">{dataset.split.test.join(', ') || 'none'}</td>
              </tr>
            </tbody>
          </table>
          <p className="small muted">
            {trainingPatients} patients in the folds: each fold validates on the patients listed and trains on the others. The test set stays out of training; no patient is on both sides of a split.
          </p>
        </div>
      </div>
      <h3>
        Series left out <span className="muted small">({dataset.excluded.length})</span>
      </h3>
      {dataset.excluded.length === 0 ? (
        <p className="small muted">None: every series of the study has a complete consensus.</p>
      ) : (
        <table className="grid compact-grid" aria-label="Series left out">
          <thead>
            <tr>
              <th>Patient</th>
              <th>Series</th>
              <th>Why</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {dataset.excluded.map((x) => {
              const info = seriesById.get(x.seriesId);
              const link = fixLink(x.reason);
              return (
                <tr key={x.seriesId}>
                  <td>{x.patient}</td>
                  <td>
                    #{x.seriesId} <span className="muted">{info?.segment ?? info?.description ?? ''}</span>
                  </td>
                  <td>{x.reason}</td>
                  <td className="num">{link && <a href={`#${link.route}`}>{link.text} →</a>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
