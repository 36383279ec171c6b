import { useCallback, useEffect, useState } from 'react';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHashRoute } from '../../app/hash-route';
import { useHost } from '../../host/host-context';
import { DatasetsTab } from './DatasetsTab';
import { useEngineReport } from './EngineNote';
import { ModelDetails } from './ModelDetails';
import { ModelRegistry } from './ModelRegistry';
import { RunBanner } from './RunBanner';
import { TrainForm } from './TrainForm';
import { useTrainingData } from './use-training-data';

type Tab = 'datasets' | 'train' | 'models';

const TABS: { tab: Tab; label: string; route: string }[] = [
  { tab: 'datasets', label: 'Datasets', route: '/training/datasets' },
  { tab: 'train', label: 'New run', route: '/training/train' },
  { tab: 'models', label: 'Models', route: '/training/models' },
];

/** '/training/models/3' -> models tab, model 3; '/training' -> datasets. */
function parseRoute(route: string): { tab: Tab; modelId: number | null } {
  const m = /^\/training\/models\/(\d+)$/.exec(route);
  if (m) return { tab: 'models', modelId: Number(m[1]) };
  const tab = TABS.find((t) => route.startsWith(t.route))?.tab ?? 'datasets';
  return { tab, modelId: null };
}

/**
 * The coordinator's training screen: dataset snapshots from the consensus, new training runs
 * (from scratch or fine-tuned), the live metrics of every fold while a run trains, and the model
 * registry. Routes live under '#/training' so reloads and the back button keep the place.
 */
export function TrainingPage() {
  const host = useHost();
  const { api } = host;
  const [route, go] = useHashRoute();
  const { tab, modelId } = parseRoute(route);
  const data = useTrainingData(host);
  const autoEngine = useEngineReport(api, 'auto');
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const [appVersion, setAppVersion] = useState<string | null>(null);

  useEffect(() => {
    api.app.info({}).then((i) => setAppVersion(i.version), () => undefined);
  }, [api]);
  useEffect(() => {
    if (datasetId === null && data.datasets?.[0]) setDatasetId(data.datasets[0].id);
  }, [datasetId, data.datasets]);

  const onDataset = useCallback((id: string) => setDatasetId(id), []);
  const datasets = data.datasets ?? [];
  const models = data.models ?? [];
  const running = models.find((m) => m.status === 'training') ?? null;
  const model = modelId === null ? null : (models.find((m) => m.id === modelId) ?? null);

  let body;
  if (data.datasets === null || data.models === null) body = <p className="muted">Reading the snapshots and models…</p>;
  else if (tab === 'datasets') {
    body = (
      <DatasetsTab
        api={api}
        datasets={datasets}
        models={models}
        selectedId={datasetId}
        onSelect={setDatasetId}
        onBuilt={(d) => {
          data.upsertDataset(d);
          setDatasetId(d.id);
        }}
        onTrain={(id) => {
          setDatasetId(id);
          go('/training/train');
        }}
      />
    );
  } else if (tab === 'train') {
    body = (
      <TrainForm
        api={api}
        autoEngine={autoEngine}
        datasets={datasets}
        models={models}
        datasetId={datasetId}
        onDataset={onDataset}
        onStarted={(m) => {
          data.upsertModel(m);
          go(`/training/models/${m.id}`);
        }}
      />
    );
  } else if (modelId !== null) {
    body = model ? (
      <ModelDetails
        api={api}
        model={model}
        dataset={datasets.find((d) => d.id === model.datasetId) ?? null}
        progress={data.progress.get(model.id) ?? null}
        appVersion={appVersion}
        onChanged={data.upsertModel}
        onBack={() => go('/training/models')}
      />
    ) : (
      <p className="muted">
        There is no model {modelId} in this study. <a href="#/training/models">All models →</a>
      </p>
    );
  } else {
    body = <ModelRegistry models={models} datasets={datasets} progress={data.progress} onOpen={(id) => go(`/training/models/${id}`)} />;
  }

  return (
    <div className="page training">
      <header className="row training-head">
        <h1>Training</h1>
        <nav className="training-tabs segmented" aria-label="Training sections">
          {TABS.map((t) => (
            <a key={t.tab} href={`#${t.route}`} className={tab === t.tab ? 'active' : ''} aria-current={tab === t.tab ? 'page' : undefined}>
              {t.label}
              {t.tab === 'models' && models.length > 0 && <span className="tab-count">{models.length}</span>}
            </a>
          ))}
        </nav>
        <span className="spacer" />
        <span className="engine-chip" data-testid="engine-chip" title={autoEngine.report?.rejected.map((r) => `${r.name}: ${r.reason}`).join('\n') || undefined}>
          {autoEngine.checking ? 'engine: checking…' : autoEngine.report ? `engine: ${autoEngine.report.name}` : 'engine: unknown'}
        </span>
      </header>
      <ErrorBanner message={data.error} onDismiss={data.clearError} />
      {running && !(model && model.id === running.id) && <RunBanner model={running} progress={data.progress.get(running.id) ?? null} onOpen={() => go(`/training/models/${running.id}`)} />}
      {body}
    </div>
  );
}
