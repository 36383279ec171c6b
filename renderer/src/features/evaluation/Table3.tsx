import type { EvaluationReport } from '../../../../shared/model/evaluation';

/**
 * The paper's Table 3: the confusion matrix of lesion prediction per image on the test set, for
 * the folds' mean probability as one model. 'With' on the prediction side means a slice predicted
 * positive whose predicted BME overlaps the ground truth's (a positive elsewhere is a miss).
 */
export function Table3({ report, testId = 'table3' }: { report: EvaluationReport; testId?: string }) {
  const c = report.ensemble.image.confusion;
  return (
    <table className="confusion paper-confusion" aria-label="Table 3: confusion matrix per image" data-testid={testId}>
      <caption>
        <strong>Table 3</strong> Confusion matrix of active inflammatory lesion prediction by the deep neural network per image on the test set
      </caption>
      <thead>
        <tr>
          <th rowSpan={2}>Ground truth</th>
          <th colSpan={2}>Prediction</th>
          <th rowSpan={2} className="margin-head">
            Total
          </th>
        </tr>
        <tr>
          <th>With active inflammatory lesions</th>
          <th>Without active inflammatory lesions</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th>With active inflammatory lesions</th>
          <td className="agree" data-testid={`${testId}-tp`}>
            {c.tp}
          </td>
          <td className="disagree" data-testid={`${testId}-fn`}>
            {c.fn}
          </td>
          <td className="margin">{c.tp + c.fn}</td>
        </tr>
        <tr>
          <th>Without active inflammatory lesions</th>
          <td className="disagree" data-testid={`${testId}-fp`}>
            {c.fp}
          </td>
          <td className="agree" data-testid={`${testId}-tn`}>
            {c.tn}
          </td>
          <td className="margin">{c.fp + c.tn}</td>
        </tr>
      </tbody>
    </table>
  );
}
