import type { EvaluationReport } from '../../../../shared/model/evaluation';
import { PrintOverlay } from '../../app/PrintOverlay';
import { EvaluationReportView } from './EvaluationReportView';

/**
 * The evaluation as a printable page (PrintOverlay), ROC curve included.
 */
export function EvaluationPrint({ report, modelName, studyTitle, onClose }: { report: EvaluationReport; modelName: string; studyTitle: string; onClose: () => void }) {
  return (
    <PrintOverlay label="Printable evaluation report" pageClassName="evaluation-print" onClose={onClose}>
      <header>
        <h1>Model evaluation{studyTitle ? ` · ${studyTitle}` : ''}</h1>
      </header>
      <EvaluationReportView report={report} modelName={modelName} print />
      <p className="muted small">
        Ground truth: the consensus of the study's readers. Image level: a slice is predicted positive when the maximum of its predicted mask reaches the threshold, and counts as a
        true positive only where the predicted BME overlaps the ground truth's. Mean ± SD over the cross-validation fold models, as Lin et al. 2024 report them.
      </p>
    </PrintOverlay>
  );
}
