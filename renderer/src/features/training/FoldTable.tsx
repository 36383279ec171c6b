import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { EpochMetrics, ModelSummary } from '../../../../shared/model/training';
import { fmt, foldColour, lastEpochByFold, meanSdWords } from './training-format';

const METRICS: { key: keyof EpochMetrics; label: string }[] = [
  { key: 'trainLoss', label: 'Train loss' },
  { key: 'valLoss', label: 'Val loss' },
  { key: 'valDice', label: 'Dice' },
  { key: 'sensitivity', label: 'Sensitivity' },
  { key: 'specificity', label: 'Specificity' },
  { key: 'auc', label: 'AUC' },
];

/**
 * One row per fold with its last finished epoch's metrics, and their mean ± SD across folds (the
 * sample SD, as the paper reports 0.80 ± 0.03). A fold without an epoch yet is listed, waiting.
 */
export function FoldTable({ model, folds, dataset, currentFold }: { model: ModelSummary; folds: number[]; dataset: DatasetSummary | null; currentFold: number | null }) {
  const last = lastEpochByFold(model.epochs);
  const rows = folds.map((f) => ({ fold: f, last: last.get(f) ?? null }));
  const finished = rows.map((r) => r.last).filter((e): e is EpochMetrics => e !== null);
  const state = (f: number) => {
    const e = last.get(f);
    if (model.foldsDone.includes(f)) return 'done';
    if (model.status === 'training' && currentFold === f) return 'training';
    return e ? (model.status === 'training' ? 'waiting' : 'stopped') : model.status === 'training' ? 'waiting' : '—';
  };
  return (
    <section className="fold-table-section" aria-label="Folds">
      <h3>Folds · last finished epoch</h3>
      <table className="grid fold-table" aria-label="Metrics per fold" data-testid="fold-table">
        <thead>
          <tr>
            <th>Fold</th>
            <th className="num">Validation patients</th>
            <th>State</th>
            <th className="num">Epochs</th>
            {METRICS.map((m) => (
              <th key={m.key} className="num">
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.fold} data-fold={r.fold}>
              <td>
                <span className="swatch" style={{ background: foldColour(r.fold) }} /> Fold {r.fold + 1}
              </td>
              <td className="num" title={dataset?.split.folds[r.fold]?.join(', ')}>
                {dataset?.split.folds[r.fold]?.length ?? '—'}
              </td>
              <td className={`fold-state fold-${state(r.fold)}`}>{state(r.fold)}</td>
              <td className="num">
                {r.last ? r.last.epoch + 1 : 0}/{model.hyperparameters.epochs}
              </td>
              {METRICS.map((m) => (
                <td key={m.key} className="num">
                  {r.last ? fmt(r.last[m.key] as number | null) : '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="mean-row" data-testid="fold-mean">
            <th colSpan={4}>
              Mean ± SD <span className="muted small">({finished.length} fold{finished.length === 1 ? '' : 's'})</span>
            </th>
            {METRICS.map((m) => (
              <td key={m.key} className="num">
                {meanSdWords(finished.map((e) => e[m.key] as number | null))}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <p className="small muted">
        Validation figures are on each fold's validation patients. Image level as in the paper: an image is positive when any pixel of its predicted mask reaches probability 0.5 (max-pooling); a
        positive counts as true only where it overlaps the consensus. A dash: no value (for example Dice without a true-positive slice).
      </p>
    </section>
  );
}
