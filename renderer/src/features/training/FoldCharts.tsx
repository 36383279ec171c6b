import type { EpochMetrics, ModelSummary } from '../../../../shared/model/training';
import { LineChart, type ChartLine } from '../charts/LineChart';
import { fmt, foldColour } from './training-format';

interface MetricChart {
  key: keyof Pick<EpochMetrics, 'trainLoss' | 'valLoss' | 'valDice' | 'sensitivity' | 'specificity' | 'auc'>;
  title: string;
  /** Probabilities and rates live on 0..1; losses get an automatic axis. */
  domain: [number, number] | 'auto';
}

const CHARTS: MetricChart[] = [
  { key: 'trainLoss', title: 'Training loss', domain: 'auto' },
  { key: 'valLoss', title: 'Validation loss', domain: 'auto' },
  { key: 'valDice', title: 'Validation Dice (true-positive slices)', domain: [0, 1] },
  { key: 'sensitivity', title: 'Sensitivity (image level)', domain: [0, 1] },
  { key: 'specificity', title: 'Specificity (image level)', domain: [0, 1] },
  { key: 'auc', title: 'AUC-ROC (image level)', domain: [0, 1] },
];

/**
 * Every fold's metrics per epoch, one line per fold, on axes fixed to the run's epochs so the
 * lines grow to the right as epochs finish. Validation figures are on the fold's validation
 * patients; image level follows the paper (max-pooled mask, a positive counts where it overlaps).
 */
export function FoldCharts({ model, folds }: { model: ModelSummary; folds: number[] }) {
  const epochs = model.hyperparameters.epochs;
  const linesFor = (key: MetricChart['key']): ChartLine[] =>
    folds.map((fold) => ({
      key: String(fold),
      label: `Fold ${fold + 1}`,
      color: foldColour(fold),
      points: model.epochs
        .filter((e) => e.fold === fold)
        .sort((a, b) => a.epoch - b.epoch)
        .map((e) => ({ x: e.epoch + 1, y: e[key] })),
    }));
  return (
    <section className="panel fold-charts" aria-label="Fold metrics per epoch">
      <div className="row">
        <h2>Metrics per epoch</h2>
        <span className="spacer" />
        <ul className="fold-legend" aria-label="Folds">
          {folds.map((f) => (
            <li key={f}>
              <i style={{ background: foldColour(f) }} /> Fold {f + 1}
            </li>
          ))}
        </ul>
      </div>
      {model.epochs.length === 0 && <p className="small muted">The charts fill in as epochs finish; the first one appears after the first epoch of the first fold.</p>}
      <div className="chart-grid">
        {CHARTS.map((c) => (
          <LineChart
            key={c.key}
            title={c.title}
            testId={`chart-${c.key}`}
            lines={linesFor(c.key)}
            xDomain={[1, Math.max(2, epochs)]}
            yDomain={c.domain}
            xLabel="epoch"
            yFormat={(v) => fmt(v)}
          />
        ))}
      </div>
    </section>
  );
}
