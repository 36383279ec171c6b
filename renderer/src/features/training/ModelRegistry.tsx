import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { ModelSummary, TrainingProgress } from '../../../../shared/model/training';
import { dateTime, foldsOf, lastEpochByFold, meanSdWords, shortId } from './training-format';

/**
 * The models of the study, newest first: status, snapshot, hyperparameters, engine, folds trained,
 * and the mean ± SD across folds of validation Dice and AUC. A row opens the model's details.
 */
export function ModelRegistry({ models, datasets, progress, onOpen }: { models: ModelSummary[]; datasets: DatasetSummary[]; progress: Map<number, TrainingProgress>; onOpen: (id: number) => void }) {
  if (models.length === 0) {
    return (
      <p className="muted">
        No model yet. <a href="#/training/train">Start a training run →</a>
      </p>
    );
  }
  return (
    <table className="grid model-registry" aria-label="Models">
      <thead>
        <tr>
          <th>Model</th>
          <th>Status</th>
          <th>Snapshot</th>
          <th>Hyperparameters</th>
          <th>Engine</th>
          <th className="num">Folds</th>
          <th className="num">Dice</th>
          <th className="num">Sensitivity</th>
          <th className="num">Specificity</th>
          <th className="num">AUC</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => {
          const dataset = datasets.find((d) => d.id === m.datasetId) ?? null;
          const folds = foldsOf(m, dataset?.split.folds.length ?? null);
          const last = [...lastEpochByFold(m.epochs).values()];
          const p = m.status === 'training' ? progress.get(m.id) : undefined;
          const h = m.hyperparameters;
          return (
            <tr key={m.id} className="clickable" onClick={() => onOpen(m.id)} data-model={m.id}>
              <td>
                <button type="button" className="link" onClick={() => onOpen(m.id)}>
                  #{m.id} {m.name}
                </button>
                <div className="small muted">
                  {dateTime(m.createdAt)}
                  {m.parentModelId !== null && ` · fine-tuned from #${m.parentModelId}`}
                </div>
              </td>
              <td>
                <span className={`model-status status-chip-${m.status}`} data-testid="registry-status">
                  {m.status}
                </span>
                {p && (
                  <div className="small muted">
                    fold {p.fold + 1}, epoch {p.epoch + 1}/{p.epochs}
                  </div>
                )}
              </td>
              <td>
                <code title={m.datasetId}>{shortId(m.datasetId)}</code>
                {dataset && <div className="small muted">{dataset.settings.size} px</div>}
              </td>
              <td className="small">
                {h.filters} filters · {h.epochs} ep · batch {h.batchSize} · lr {h.learningRate}
                {h.augment ? ' · aug' : ''}
              </td>
              <td>{m.engine?.name ?? <span className="muted">{h.engine}</span>}</td>
              <td className="num">
                {m.foldsDone.length}/{folds.length}
              </td>
              <td className="num">{meanSdWords(last.map((e) => e.valDice))}</td>
              <td className="num">{meanSdWords(last.map((e) => e.sensitivity))}</td>
              <td className="num">{meanSdWords(last.map((e) => e.specificity))}</td>
              <td className="num">{meanSdWords(last.map((e) => e.auc))}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
