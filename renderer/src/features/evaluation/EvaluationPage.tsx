import { useEffect, useState } from 'react';
import type { EvaluationReport } from '../../../../shared/model/evaluation';
import type { ModelSummary } from '../../../../shared/model/training';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';
import { downloadText } from '../agreement/agreement-csv';
import { EarlierEvaluations } from './EarlierEvaluations';
import { evaluationCsv } from './evaluation-csv';
import { EvaluationPrint } from './EvaluationPrint';
import { EvaluationReportView } from './EvaluationReportView';
import { PreAnnotatePanel } from './PreAnnotatePanel';

const RULES = [1, 2, 3, 4, 5];

/**
 * The coordinator's Evaluation screen: is this model as good as a radiologist? Pick a trained
 * model, the threshold and the segment rule, run it on the dataset's held-out test patients and
 * read the paper's Tables 2 and 3, the ROC curve, the readers side by side and the folds; export
 * CSV or print. Below: earlier evaluations, and pre-annotation of series with the model.
 */
export function EvaluationPage() {
  const { api } = useHost();
  const [models, setModels] = useState<ModelSummary[] | null>(null);
  const [modelId, setModelId] = useState<number | null>(null);
  const [threshold, setThreshold] = useState('0.5');
  const [minSlices, setMinSlices] = useState(2);
  const [history, setHistory] = useState<EvaluationReport[]>([]);
  const [shownId, setShownId] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [studyTitle, setStudyTitle] = useState('');

  useEffect(() => {
    api.models.list({}).then(
      (all) => {
        // Only a finished model has every fold to evaluate; newest first.
        const done = all.filter((m) => m.status === 'done').sort((a, b) => b.id - a.id);
        setModels(done);
        setModelId((id) => id ?? done[0]?.id ?? null);
      },
      (e: Error) => setError(`The models could not be listed: ${e.message}`),
    );
    api.study.current({}).then((s) => setStudyTitle(s?.title ?? ''), () => undefined);
  }, [api]);

  useEffect(() => {
    setHistory([]);
    setShownId(null);
    if (modelId === null) return;
    let cancelled = false;
    api.evaluation.list({ modelId }).then(
      (list) => {
        if (cancelled) return;
        setHistory(list);
        setShownId(list[0]?.id ?? null);
      },
      (e: Error) => !cancelled && setError(`The earlier evaluations of model ${modelId} could not be loaded: ${e.message}`),
    );
    return () => {
      cancelled = true;
    };
  }, [api, modelId]);

  const model = models?.find((m) => m.id === modelId) ?? null;
  const modelName = model ? `Model ${model.id} "${model.name}"` : '';
  const report = history.find((r) => r.id === shownId) ?? null;
  const t = Number(threshold);
  const thresholdError = threshold.trim() === '' || !(t >= 0.01 && t <= 0.99) ? 'The threshold is a probability between 0.01 and 0.99 (the paper: 0.5).' : null;

  const run = async () => {
    if (modelId === null || thresholdError) return;
    setRunning(true);
    setError(null);
    try {
      const r = await api.evaluation.run({ modelId, threshold: t, minPositiveSlices: minSlices });
      setHistory((h) => [r, ...h.filter((x) => x.id !== r.id)]);
      setShownId(r.id);
    } catch (e) {
      setError(`Model ${modelId} was not evaluated: ${(e as Error).message}`);
    } finally {
      setRunning(false);
    }
  };

  const exportCsv = () => {
    if (!report) return;
    const stamp = report.computedAt.replace(/[:]/g, '').replace(/\..*$/, '');
    downloadText(evaluationCsv(report, modelName), `${(studyTitle || 'study').replace(/[^\w.-]+/g, '-')}-model-${report.modelId}-evaluation-${report.id}-${stamp}.csv`);
  };

  return (
    <div className="page evaluation">
      <header className="row agreement-head">
        <h1>Model evaluation</h1>
        <span className="spacer" />
        <button type="button" onClick={exportCsv} disabled={!report}>
          Export CSV
        </button>
        <button type="button" onClick={() => setPrinting(true)} disabled={!report}>
          Print report
        </button>
      </header>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      {models === null ? (
        <p className="muted">Loading the models…</p>
      ) : models.length === 0 ? (
        <p className="muted" data-testid="no-models">
          No trained model yet. Train one in the Training section (or with <code>bme train</code>), then evaluate it here.
        </p>
      ) : (
        <>
          <section className="panel eval-run" aria-label="Evaluate a model">
            <div className="row eval-form">
              <label className="grow">
                Model
                <select aria-label="Model" value={modelId ?? ''} onChange={(e) => setModelId(Number(e.target.value) || null)}>
                  {models.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.id}: {m.name} · {m.foldsDone.length} fold{m.foldsDone.length === 1 ? '' : 's'} · {m.engine?.name ?? 'engine?'} · {new Date(m.finishedAt ?? m.createdAt).toLocaleDateString()}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Threshold
                <input aria-label="Threshold" type="number" min={0.01} max={0.99} step={0.05} value={threshold} onChange={(e) => setThreshold(e.target.value)} className={thresholdError ? 'needs-attention' : ''} />
              </label>
              <label>
                Segment positive at
                <select aria-label="Segment rule" value={minSlices} onChange={(e) => setMinSlices(Number(e.target.value))}>
                  {RULES.map((k) => (
                    <option key={k} value={k}>
                      ≥ {k} slice{k === 1 ? '' : 's'}
                      {k === 2 ? ' (the paper)' : ''}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="primary" onClick={() => void run()} disabled={running || modelId === null || thresholdError !== null}>
                {running ? 'Evaluating…' : 'Run evaluation'}
              </button>
            </div>
            {thresholdError && <p className="warn small">{thresholdError}</p>}
            <p className="muted small">
              Runs every fold model on the held-out test patients of the model's dataset, against the consensus. A slice is positive when its maximum probability reaches the threshold;
              a spinal segment is positive when at least the chosen number of its slices are.
            </p>
          </section>
          {running && !report && <p className="muted">Running the fold models on the test patients…</p>}
          {report && <EvaluationReportView report={report} modelName={modelName} />}
          <section className="panel">
            <h2>Earlier evaluations of this model</h2>
            <EarlierEvaluations history={history} shownId={shownId} onShow={setShownId} />
          </section>
          <PreAnnotatePanel api={api} models={models} modelId={modelId} onError={setError} />
          {printing && report && <EvaluationPrint report={report} modelName={modelName} studyTitle={studyTitle} onClose={() => setPrinting(false)} />}
        </>
      )}
    </div>
  );
}
