import type { EvaluationReport } from '../../../../shared/model/evaluation';
import { FoldTable } from './FoldTable';
import { foldsNote, meanSd, ruleWords } from './format';
import { RocCurve } from './RocCurve';
import { SideBySide } from './SideBySide';
import { Table2 } from './Table2';
import { Table3 } from './Table3';

/**
 * One evaluation as the paper reports it: the headline figures, Tables 2 and 3, the ROC curve,
 * the readers side by side and the per-fold figures. The same view on screen and on paper.
 */
export function EvaluationReportView({ report, modelName, print = false }: { report: EvaluationReport; modelName: string; print?: boolean }) {
  const a = report.acrossFolds;
  const p = print ? 'print-' : '';
  return (
    <div className="evaluation-report" data-testid={`${p}evaluation-report`} data-evaluation-id={report.id}>
      <p className="muted eval-scope" data-testid={`${p}eval-scope`}>
        {modelName} · evaluation #{report.id} of {new Date(report.computedAt).toLocaleString()} · {report.set === 'test' ? "the dataset's held-out test patients" : 'chosen series'}:{' '}
        {report.patients} patients, {report.series} series, {report.slices} slices · a slice is positive when its maximum probability reaches {report.threshold} · {ruleWords(report.minPositiveSlices)}
      </p>
      <div className="eval-headline">
        <Headline title="AUC-ROC per image" value={meanSd(a.image.auc)} note={`mean ± SD, ${foldsNote(a.image.auc)}`} testId={`${p}headline-auc`} />
        <Headline title="Dice of true-positive lesions" value={meanSd(a.dice)} note={`mean ± SD, ${foldsNote(a.dice)}`} testId={`${p}headline-dice`} />
        <Headline title="Sensitivity per image" value={meanSd(a.image.sensitivity)} note="mean ± SD over folds" testId={`${p}headline-sens`} />
        <Headline title="Specificity per image" value={meanSd(a.image.specificity)} note="mean ± SD over folds" testId={`${p}headline-spec`} />
      </div>
      <section className="panel">
        <Table2 report={report} testId={`${p}table2`} />
      </section>
      <div className="eval-pair">
        <section className="panel">
          <Table3 report={report} testId={`${p}table3`} />
          <p className="muted small">
            The folds' mean probability as one model. A slice predicted positive counts as a true positive only where its predicted BME overlaps the ground truth's.
          </p>
        </section>
        <section className="panel">
          <h2>ROC curve</h2>
          <RocCurve report={report} testId={`${p}roc-curve`} />
        </section>
      </div>
      <section className="panel">
        <h2>Model and readers side by side</h2>
        <p className="muted small">Every scorer against the consensus by the same rules; counts are true positive/positive and true negative/negative.</p>
        <SideBySide report={report} />
      </section>
      <section className="panel">
        <h2>Per fold</h2>
        <FoldTable report={report} />
      </section>
    </div>
  );
}

function Headline({ title, value, note, testId }: { title: string; value: string; note: string; testId: string }) {
  return (
    <div className="eval-card" data-testid={testId}>
      <div className="muted small">{title}</div>
      <div className="eval-card-value">{value}</div>
      <div className="muted small">{note}</div>
    </div>
  );
}
