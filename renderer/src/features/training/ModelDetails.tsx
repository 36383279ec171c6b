import { useState } from 'react';
import type { HostApi } from '../../../../shared/contracts';
import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { ModelSummary, TrainingProgress } from '../../../../shared/model/training';
import { downloadText } from '../agreement/agreement-csv';
import { FoldCharts } from './FoldCharts';
import { FoldTable } from './FoldTable';
import { EpochTable } from './EpochTable';
import { modelCard } from './model-card';
import { RunProgress } from './RunProgress';
import { dateTime, foldsOf, hyperWords, shortId } from './training-format';

/**
 * One model: what it is (snapshot, fine-tuned from, hyperparameters, engine), where its run stands
 * (live while it trains), its metrics per epoch as charts, per fold as a table with mean ± SD,
 * and every epoch. The live view of a run and the registry's details are this same screen.
 */
export function ModelDetails({ api, model, dataset, progress, appVersion, onChanged, onBack }: {
  api: HostApi;
  model: ModelSummary;
  dataset: DatasetSummary | null;
  progress: TrainingProgress | null;
  appVersion: string | null;
  onChanged: (m: ModelSummary) => void;
  onBack: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const folds = foldsOf(model, dataset?.split.folds.length ?? null);

  const act = async (what: 'cancel' | 'resume') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'cancel') {
        const { cancelled } = await api.training.cancel({ modelId: model.id });
        if (!cancelled) setError(`Model ${model.id} was not training any more.`);
        onChanged(await api.models.get({ modelId: model.id }));
      } else {
        onChanged(await api.training.resume({ modelId: model.id }));
      }
    } catch (e) {
      setError(`${what === 'cancel' ? 'Cancel' : 'Resume'} did not work: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const exportCard = () => {
    const name = `${model.name.replace(/[^\w.-]+/g, '-')}-model-${model.id}-card.json`;
    downloadText(JSON.stringify(modelCard(model, dataset, appVersion), null, 2), name, 'application/json');
  };

  return (
    <div className="model-details" data-model={model.id}>
      <header className="row model-head">
        <button type="button" className="link" onClick={onBack}>
          ← Models
        </button>
        <h2 data-testid="model-title">
          {model.name} <span className="muted">#{model.id}</span>
        </h2>
        <span className="spacer" />
        <button type="button" onClick={exportCard}>Model card (JSON)</button>
      </header>
      {error && (
        <div className="error-banner" role="alert">
          <span>{error}</span>
          <button type="button" className="icon" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      <RunProgress model={model} progress={progress} folds={folds} busy={busy} onCancel={() => void act('cancel')} onResume={() => void act('resume')} />
      <FoldTable model={model} folds={folds} dataset={dataset} currentFold={model.status === 'training' ? (progress?.fold ?? null) : null} />
      <FoldCharts model={model} folds={folds} />
      <h3>About this model</h3>
      <dl className="model-facts">
        <dt>Dataset</dt>
        <dd>
          <code title={model.datasetId}>{shortId(model.datasetId)}</code>
          {dataset && (
            <span className="muted">
              {' '}
              · {dataset.settings.size} px · {dataset.settings.folds} folds · {dataset.patients} patients · {dataset.samples} samples ({dataset.positiveSamples} with BME)
            </span>
          )}
        </dd>
        <dt>Fine-tuned from</dt>
        <dd>{model.parentModelId === null ? <span className="muted">— trained from scratch</span> : <a href={`#/training/models/${model.parentModelId}`}>model #{model.parentModelId}</a>}</dd>
        <dt>Hyperparameters</dt>
        <dd data-testid="model-hyper">{hyperWords(model.hyperparameters)}</dd>
        <dt>Engine</dt>
        <dd data-testid="model-engine">
          {model.engine ? (
            <>
              {model.engine.name} <span className="muted">· {model.engine.workers} workers · inference {model.engine.inference}</span>
              {model.engine.rejected.length > 0 && <span className="muted small"> · not loaded: {model.engine.rejected.map((r) => r.name).join(', ')}</span>}
            </>
          ) : (
            <span className="muted">not started yet</span>
          )}
        </dd>
        <dt>Registered</dt>
        <dd>
          {dateTime(model.createdAt)}
          {model.finishedAt && <span className="muted"> · ended {dateTime(model.finishedAt)}</span>}
        </dd>
      </dl>
      <EpochTable model={model} />
    </div>
  );
}
