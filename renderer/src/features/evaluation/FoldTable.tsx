import type { EvaluationReport } from '../../../../shared/model/evaluation';
import { f2, meanSd, proportion } from './format';

/** Each fold's model on the test set: the figures the mean ± SD of Table 2 come from. */
export function FoldTable({ report }: { report: EvaluationReport }) {
  const a = report.acrossFolds;
  return (
    <table className="grid fold-table" aria-label="Figures per fold" data-testid="fold-table">
      <thead>
        <tr>
          <th>Fold</th>
          <th className="num">Image sensitivity</th>
          <th className="num">Image specificity</th>
          <th className="num">Image AUC</th>
          <th className="num">Segment sensitivity</th>
          <th className="num">Segment specificity</th>
          <th className="num">Dice of TP lesions</th>
          <th className="num" title="Per image: true positive / false negative / false positive / true negative">
            TP / FN / FP / TN
          </th>
        </tr>
      </thead>
      <tbody>
        {report.folds.map((f) => (
          <tr key={f.fold} data-testid={`fold-${f.fold + 1}`}>
            <td>{f.fold + 1}</td>
            <td className="num">{proportion(f.image.sensitivity)}</td>
            <td className="num">{proportion(f.image.specificity)}</td>
            <td className="num">{f2(f.image.auc)}</td>
            <td className="num">{proportion(f.segment.sensitivity)}</td>
            <td className="num">{proportion(f.segment.specificity)}</td>
            <td className="num">
              {f2(f.dice.mean)} <span className="muted small">(n {f.dice.n})</span>
            </td>
            <td className="num">
              {f.image.confusion.tp} / {f.image.confusion.fn} / {f.image.confusion.fp} / {f.image.confusion.tn}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>Mean ± SD</th>
          <td className="num">{meanSd(a.image.sensitivity)}</td>
          <td className="num">{meanSd(a.image.specificity)}</td>
          <td className="num">{meanSd(a.image.auc)}</td>
          <td className="num">{meanSd(a.segment.sensitivity)}</td>
          <td className="num">{meanSd(a.segment.specificity)}</td>
          <td className="num">{meanSd(a.dice)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
