import type { EvaluationReport } from '../../../../shared/model/evaluation';
import { f2 } from './format';

/** Plot geometry in SVG user units (the SVG scales to its box). */
const W = 400;
const H = 360;
const LEFT = 56;
const TOP = 16;
const SIZE = 280;
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

const sx = (fpr: number) => LEFT + fpr * SIZE;
const sy = (tpr: number) => TOP + (1 - tpr) * SIZE;

/**
 * The ROC curve of the folds' mean probability (score: the maximum probability of a slice), as
 * the paper's Fig. 5: false positive rate (1 - specificity) across, sensitivity up, the chance
 * diagonal, and the operating point of the chosen threshold marked.
 */
export function RocCurve({ report, testId = 'roc-curve' }: { report: EvaluationReport; testId?: string }) {
  const { points, operatingPoint } = report.roc;
  const auc = report.ensemble.image.auc;
  const sorted = [...points].sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
  const path = sorted.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.fpr).toFixed(1)},${sy(p.tpr).toFixed(1)}`).join(' ');
  const op = operatingPoint;
  // The operating point's words go to whichever side has room.
  const opLabelLeft = op ? op.fpr > 0.55 : false;
  return (
    <figure className="roc" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`ROC curve, AUC ${f2(auc)}`} className="roc-svg" data-points={points.length}>
        <title>{`ROC curve of the deep neural network per image, AUC ${f2(auc)}`}</title>
        <rect x={LEFT} y={TOP} width={SIZE} height={SIZE} className="roc-frame" />
        {TICKS.map((t) => (
          <g key={t}>
            <line x1={sx(t)} x2={sx(t)} y1={TOP} y2={TOP + SIZE} className="roc-grid" />
            <line x1={LEFT} x2={LEFT + SIZE} y1={sy(t)} y2={sy(t)} className="roc-grid" />
            <text x={sx(t)} y={TOP + SIZE + 16} textAnchor="middle" className="roc-tick">
              {t.toFixed(1)}
            </text>
            <text x={LEFT - 8} y={sy(t) + 4} textAnchor="end" className="roc-tick">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        <line x1={sx(0)} y1={sy(0)} x2={sx(1)} y2={sy(1)} className="roc-diagonal" data-testid="roc-diagonal" />
        {path && <path d={path} className="roc-line" data-testid="roc-line" />}
        {op && (
          <g data-testid="roc-operating-point" data-fpr={op.fpr} data-tpr={op.tpr}>
            <circle cx={sx(op.fpr)} cy={sy(op.tpr)} r={6} className="roc-op" />
            <text x={sx(op.fpr) + (opLabelLeft ? -10 : 10)} y={sy(op.tpr) + (op.tpr > 0.9 ? 16 : -8)} textAnchor={opLabelLeft ? 'end' : 'start'} className="roc-op-label">
              threshold {report.threshold}: TPR {f2(op.tpr)}, FPR {f2(op.fpr)}
            </text>
          </g>
        )}
        <text x={LEFT + SIZE / 2} y={TOP + SIZE + 38} textAnchor="middle" className="roc-axis">
          1 − specificity (false positive rate)
        </text>
        <text transform={`translate(${LEFT - 38} ${TOP + SIZE / 2}) rotate(-90)`} textAnchor="middle" className="roc-axis">
          Sensitivity (true positive rate)
        </text>
        <text x={LEFT + SIZE - 8} y={TOP + SIZE - 12} textAnchor="end" className="roc-auc" data-testid="roc-auc">
          AUC {f2(auc)}
        </text>
      </svg>
      <figcaption className="muted small">
        ROC curve per image of the folds' mean probability (score: the slice's maximum probability) on {report.slices} test slices. Dashed: chance. Dot: the operating point at
        threshold {report.threshold}. The curve counts a slice by its score alone; Tables 2 and 3 also require the predicted BME to overlap the ground truth's, so their
        sensitivity can be lower.
      </figcaption>
    </figure>
  );
}
