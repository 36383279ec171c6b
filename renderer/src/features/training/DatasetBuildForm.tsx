import { useState, type FormEvent } from 'react';
import { DEFAULT_DATASET_SETTINGS, DatasetSettings } from '../../../../shared/model/dataset';
import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { HostApi } from '../../../../shared/contracts';
import { datasetProblem, type DatasetProblem } from './dataset-errors';

/**
 * The settings of a snapshot and its Build button. The core hashes the consensus and these
 * settings: building twice with the same ones finds the same snapshot instead of a copy.
 */
export function DatasetBuildForm({ api, patients, initial = DEFAULT_DATASET_SETTINGS, onBuilt }: {
  api: HostApi;
  patients: string[];
  /** Where the form starts: the settings of the snapshot on screen, or the defaults. */
  initial?: DatasetSettings;
  onBuilt: (d: DatasetSummary, reused: boolean) => void;
}) {
  const [size, setSize] = useState(initial.size);
  const [folds, setFolds] = useState(String(initial.folds));
  const [seed, setSeed] = useState(String(initial.seed));
  const [testMode, setTestMode] = useState<'random' | 'chosen'>(initial.testPatients === 'random' ? 'random' : 'chosen');
  const [fraction, setFraction] = useState(String(initial.testFraction));
  const [chosen, setChosen] = useState<Set<string>>(new Set(initial.testPatients === 'random' ? [] : initial.testPatients));
  const [low, setLow] = useState(String(initial.lowPercentile));
  const [high, setHigh] = useState(String(initial.highPercentile));
  const [building, setBuilding] = useState(false);
  const [problem, setProblem] = useState<DatasetProblem | null>(null);

  const toggle = (p: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(p)) next.delete(p);
      else next.add(p);
      return next;
    });

  const build = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = DatasetSettings.safeParse({
      size,
      folds: Number(folds),
      seed: Number(seed),
      testPatients: testMode === 'random' ? 'random' : [...chosen].sort(),
      testFraction: testMode === 'random' ? Number(fraction) : 0,
      lowPercentile: Number(low),
      highPercentile: Number(high),
    });
    if (!parsed.success) {
      const words: Record<string, string> = { size: 'Size', folds: 'Folds', seed: 'Seed', testFraction: 'Test share', lowPercentile: 'Low percentile', highPercentile: 'High percentile' };
      setProblem({ message: parsed.error.issues.map((i) => `${words[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '), link: null });
      return;
    }
    setBuilding(true);
    try {
      const before = new Set((await api.datasets.list({})).map((d) => d.id));
      const d = await api.datasets.build(parsed.data);
      onBuilt(d, before.has(d.id));
    } catch (err) {
      setProblem(datasetProblem((err as Error).message));
    } finally {
      setBuilding(false);
    }
  };

  return (
    <form className="panel dataset-form" aria-label="Build a dataset snapshot" onSubmit={(e) => void build(e)}>
      <h2>Build a dataset snapshot</h2>
      <p className="small muted form-intro">
        'Fake-color' samples from the consensus of locked series (previous, current and next slice as red, green and blue), split by patient, never by slice.
      </p>
      <div className="form-grid">
        <label>
          Size (px)
          <select aria-label="Size" value={size} onChange={(e) => setSize(Number(e.target.value))}>
            {Array.from({ length: (512 - 64) / 16 + 1 }, (_, k) => 64 + 16 * k).map((v) => (
              <option key={v} value={v}>
                {v === 128 ? `${v} · paper` : v}
              </option>
            ))}
          </select>
        </label>
        <label>
          Folds
          <input aria-label="Folds" type="number" min={2} max={20} value={folds} onChange={(e) => setFolds(e.target.value)} />
        </label>
        <label>
          Seed
          <input aria-label="Seed" type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} />
        </label>
      </div>
      <fieldset className="test-set">
        <legend>Held-out test patients</legend>
        <div className="row tight">
          <label className="check">
            <input type="radio" name="test-mode" checked={testMode === 'random'} onChange={() => setTestMode('random')} />
            Draw at random, stratified by BME
          </label>
          <label className="check">
            <input type="radio" name="test-mode" checked={testMode === 'chosen'} onChange={() => setTestMode('chosen')} />
            Choose patients
          </label>
        </div>
        {testMode === 'random' ? (
          <label className="inline-label">
            Share of patients held out (0 to 0.5)
            <input aria-label="Test share" type="number" min={0} max={0.5} step={0.05} value={fraction} onChange={(e) => setFraction(e.target.value)} />
          </label>
        ) : patients.length === 0 ? (
          <p className="small muted">No patients in this study yet.</p>
        ) : (
          <div className="patient-picks" role="group" aria-label="Test patients">
            {patients.map((p) => (
              <label key={p} className={`pick ${chosen.has(p) ? 'on' : ''}`}>
                <input type="checkbox" checked={chosen.has(p)} onChange={() => toggle(p)} />
                {p}
              </label>
            ))}
            <span className="small muted">{chosen.size ? `${chosen.size} chosen` : 'none chosen: every patient trains or validates'}</span>
          </div>
        )}
      </fieldset>
      <details className="advanced">
        <summary>Intensity normalisation</summary>
        <div className="form-grid">
          <label>
            Low percentile → 0
            <input aria-label="Low percentile" type="number" min={0} max={50} step={0.5} value={low} onChange={(e) => setLow(e.target.value)} />
          </label>
          <label>
            High percentile → 1
            <input aria-label="High percentile" type="number" min={50} max={100} step={0.5} value={high} onChange={(e) => setHigh(e.target.value)} />
          </label>
        </div>
      </details>
      {problem && (
        <div className="error-banner dataset-problem" role="alert">
          <span>
            {problem.message}
            {problem.link && (
              <>
                {' '}
                <a href={`#${problem.link.route}`}>{problem.link.text} →</a>
              </>
            )}
          </span>
          <button type="button" className="icon" aria-label="Dismiss" onClick={() => setProblem(null)}>
            ×
          </button>
        </div>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={building}>
          {building ? 'Building…' : 'Build snapshot'}
        </button>
        {building && <span className="small muted">Reading the consensus and resampling the slices…</span>}
      </div>
    </form>
  );
}
