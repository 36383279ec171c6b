import { useEffect, useState, type FormEvent } from 'react';
import type { HostApi } from '../../../../shared/contracts';
import type { DatasetSummary } from '../../../../shared/model/dataset';
import { DEFAULT_HYPERPARAMETERS, EngineChoice, Hyperparameters, type ModelSummary } from '../../../../shared/model/training';
import { ENGINE_WORDS, EngineNote, isGpuEngine, useEngineReport, type EngineState } from './EngineNote';
import { dateTime, shortId } from './training-format';

type Choice = Hyperparameters['engine'];

const FIELD_WORDS: Record<string, string> = {
  filters: 'Filters',
  epochs: 'Epochs',
  batchSize: 'Batch size',
  learningRate: 'Learning rate',
  positiveShare: 'Positive share',
  seed: 'Seed',
  folds: 'Folds',
};

/**
 * A new training run: the snapshot, the hyperparameters (filters default to 16 on the CPU and 32
 * on a GPU, decided by the engine that would run), which folds, the engine, and optionally a
 * registered model to fine-tune from.
 */
export function TrainForm({ api, autoEngine, datasets, models, datasetId, onDataset, onStarted }: {
  api: HostApi;
  /** What 'auto' would load on this machine (asked once by the page). */
  autoEngine: EngineState;
  datasets: DatasetSummary[];
  models: ModelSummary[];
  datasetId: string | null;
  onDataset: (id: string) => void;
  onStarted: (m: ModelSummary) => void;
}) {
  const [engine, setEngine] = useState<Choice>('auto');
  const forced = useEngineReport(api, engine === 'auto' ? null : engine);
  const engineState = engine === 'auto' ? autoEngine : forced;
  const [filters, setFilters] = useState<string | null>(null);
  const [epochs, setEpochs] = useState(String(DEFAULT_HYPERPARAMETERS.epochs));
  const [batchSize, setBatchSize] = useState(String(DEFAULT_HYPERPARAMETERS.batchSize));
  const [learningRate, setLearningRate] = useState(String(DEFAULT_HYPERPARAMETERS.learningRate));
  const [augment, setAugment] = useState(DEFAULT_HYPERPARAMETERS.augment);
  const [positiveShare, setPositiveShare] = useState(String(DEFAULT_HYPERPARAMETERS.positiveShare));
  const [seed, setSeed] = useState(String(DEFAULT_HYPERPARAMETERS.seed));
  const [allFolds, setAllFolds] = useState(true);
  const [someFolds, setSomeFolds] = useState<Set<number>>(new Set([0]));
  const [parentId, setParentId] = useState<number | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const dataset = datasets.find((d) => d.id === datasetId) ?? null;
  useEffect(() => {
    if (!dataset && datasets[0]) onDataset(datasets[0].id);
  }, [dataset, datasets, onDataset]);

  const parent = models.find((m) => m.id === parentId) ?? null;
  const parentDataset = parent ? datasets.find((d) => d.id === parent.datasetId) : null;
  // Fine-tuning keeps the parent's architecture; otherwise the engine decides the default width.
  const defaultFilters = parent ? parent.hyperparameters.filters : isGpuEngine(engineState.report?.name) ? 32 : DEFAULT_HYPERPARAMETERS.filters;
  const filtersValue = parent ? String(parent.hyperparameters.filters) : (filters ?? String(defaultFilters));
  const foldCount = dataset?.split.folds.length ?? 0;
  const chosenFolds = allFolds ? undefined : [...someFolds].filter((f) => f < foldCount).sort((a, b) => a - b);
  const defaultName = `attention U-Net f${filtersValue} ${dataset?.settings.size ?? '?'}px ${allFolds ? `${foldCount}-fold` : `fold ${chosenFolds?.map((f) => f + 1).join('+') || '?'}`}${parent ? ` (fine-tuned from #${parent.id})` : ''}`;
  const finished = models.filter((m) => m.status === 'done');
  const sizeMismatch = parentDataset && dataset && parentDataset.settings.size !== dataset.settings.size;

  const toggleFold = (k: number) =>
    setSomeFolds((s) => {
      const next = new Set(s);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!dataset) return setError('Choose a dataset snapshot first (build one on the Datasets tab).');
    if (chosenFolds && chosenFolds.length === 0) return setError('Choose at least one fold, or train all folds.');
    const parsed = Hyperparameters.safeParse({
      filters: Number(filtersValue),
      epochs: Number(epochs),
      batchSize: Number(batchSize),
      learningRate: Number(learningRate),
      augment,
      positiveShare: Number(positiveShare),
      ...(chosenFolds ? { folds: chosenFolds } : {}),
      engine,
      seed: Number(seed),
    });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${FIELD_WORDS[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '));
    setStarting(true);
    try {
      const m = await api.training.start({ datasetId: dataset.id, name: (name ?? defaultName).trim() || defaultName, hyperparameters: parsed.data, parentModelId: parent?.id ?? null });
      onStarted(m);
    } catch (err) {
      setError(`Training did not start: ${(err as Error).message}`);
    } finally {
      setStarting(false);
    }
  };

  if (datasets.length === 0) {
    return (
      <section className="panel">
        <h2>Train a model</h2>
        <p className="muted">
          There is no dataset snapshot yet. <a href="#/training/datasets">Build one on the Datasets tab →</a>
        </p>
      </section>
    );
  }

  return (
    <form className="train-layout" aria-label="Train a model" onSubmit={(e) => void start(e)}>
      <section className="panel">
        <h2>Train a model</h2>
        <label>
          Dataset snapshot
          <select aria-label="Dataset snapshot" value={dataset?.id ?? ''} onChange={(e) => onDataset(e.target.value)}>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {shortId(d.id)} · {d.settings.size} px · {d.settings.folds} folds · {d.patients} patients · {d.samples} samples · {dateTime(d.createdAt)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name
          <input aria-label="Model name" value={name ?? defaultName} onChange={(e) => setName(e.target.value)} maxLength={120} />
        </label>
        <label>
          Fine-tune from
          <select aria-label="Fine-tune from" value={parentId ?? ''} onChange={(e) => setParentId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">— nothing: train from scratch</option>
            {finished.map((m) => (
              <option key={m.id} value={m.id}>
                #{m.id} {m.name} ({m.hyperparameters.filters} filters)
              </option>
            ))}
          </select>
        </label>
        {parent && <p className="small muted">Every fold starts from model #{parent.id}'s weights of the same fold (or its fold 1); the filters stay {parent.hyperparameters.filters}.</p>}
        {sizeMismatch && <p className="small warn">Model #{parent!.id} was trained at {parentDataset!.settings.size} px; this snapshot is {dataset!.settings.size} px. Choose a snapshot of the same size.</p>}
        <h3>Hyperparameters</h3>
        <div className="form-grid three">
          <label title="Filters of the first level; each level doubles them">
            Filters
            <input aria-label="Filters" type="number" min={2} max={64} value={filtersValue} disabled={!!parent} onChange={(e) => setFilters(e.target.value)} />
            <span className="hint">default {defaultFilters} {parent ? '(parent)' : isGpuEngine(engineState.report?.name) ? 'on a GPU' : 'on the CPU'}</span>
          </label>
          <label>
            Epochs
            <input aria-label="Epochs" type="number" min={1} max={500} value={epochs} onChange={(e) => setEpochs(e.target.value)} />
          </label>
          <label>
            Batch size
            <input aria-label="Batch size" type="number" min={1} max={64} value={batchSize} onChange={(e) => setBatchSize(e.target.value)} />
          </label>
          <label>
            Learning rate
            <input aria-label="Learning rate" type="number" min={0} max={1} step="any" value={learningRate} onChange={(e) => setLearningRate(e.target.value)} />
            <span className="hint">Adam; loss Dice + cross-entropy</span>
          </label>
          <label title="Share of slices with BME in every batch: oversampling of the rare class; 0 takes slices as they come">
            Positive share
            <input aria-label="Positive share" type="number" min={0} max={0.9} step={0.01} value={positiveShare} onChange={(e) => setPositiveShare(e.target.value)} />
            <span className="hint">slices with BME per batch</span>
          </label>
          <label>
            Seed
            <input aria-label="Training seed" type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={augment} onChange={(e) => setAugment(e.target.checked)} />
          Augmentation (small rotations and scalings, intensity jitter)
        </label>
        <h3>Folds</h3>
        <div className="row tight fold-picks" role="group" aria-label="Folds to train">
          <label className="check">
            <input type="checkbox" checked={allFolds} onChange={(e) => setAllFolds(e.target.checked)} />
            All {foldCount} folds
          </label>
          {!allFolds &&
            Array.from({ length: foldCount }, (_, k) => (
              <label key={k} className="check">
                <input type="checkbox" checked={someFolds.has(k)} onChange={() => toggleFold(k)} />
                Fold {k + 1}
              </label>
            ))}
        </div>
      </section>
      <section className="panel engine-panel">
        <h2>Engine</h2>
        <label>
          Engine
          <select aria-label="Engine" value={engine} onChange={(e) => setEngine(EngineChoice.parse(e.target.value))}>
            {EngineChoice.options.map((c) => (
              <option key={c} value={c}>
                {ENGINE_WORDS[c] ?? c}
              </option>
            ))}
          </select>
        </label>
        <EngineNote auto={autoEngine} chosen={engine === 'auto' ? null : forced} choice={engine} />
        {error && (
          <div className="error-banner" role="alert">
            <span>{error}</span>
            <button type="button" className="icon" aria-label="Dismiss" onClick={() => setError(null)}>
              ×
            </button>
          </div>
        )}
        <button type="submit" className="primary start-button" disabled={starting || !dataset || !!sizeMismatch}>
          {starting ? 'Starting…' : 'Start training'}
        </button>
        <p className="small muted">Training runs in the background; reading and adjudicating stay available. Cancel stops it; Resume continues from the last finished epoch.</p>
      </section>
    </form>
  );
}
