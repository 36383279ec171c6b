import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { EvaluationReport } from '../../../../shared/model/evaluation';
import { EvaluationReportView } from './EvaluationReportView';

/**
 * The evaluation as a light page over the app (alone on paper: the print stylesheet hides the
 * app beneath), ROC curve included. Opens the browser's print dialog once it is laid out.
 */
export function EvaluationPrint({ report, modelName, studyTitle, onClose }: { report: EvaluationReport; modelName: string; studyTitle: string; onClose: () => void }) {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    // A moment for layout first: fonts, tables and the SVG must settle before the print preview.
    const t = setTimeout(() => window.print(), 150);
    const key = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    window.addEventListener('keydown', key);
    return () => {
      clearTimeout(t);
      window.removeEventListener('keydown', key);
    };
  }, []);

  return createPortal(
    <div className="print-report" role="dialog" aria-label="Printable evaluation report">
      <div className="print-toolbar">
        <button className="primary" onClick={() => window.print()}>
          Print
        </button>
        <button onClick={onClose}>Close</button>
        <span className="muted small">Esc closes</span>
      </div>
      <article className="print-page evaluation-print">
        <header>
          <h1>Model evaluation{studyTitle ? ` · ${studyTitle}` : ''}</h1>
        </header>
        <EvaluationReportView report={report} modelName={modelName} print />
        <p className="muted small">
          Ground truth: the consensus of the study's readers. Image level: a slice is predicted positive when the maximum of its predicted mask reaches the threshold, and counts as a
          true positive only where the predicted BME overlaps the ground truth's. Mean ± SD over the cross-validation fold models, as Lin et al. 2024 report them.
        </p>
      </article>
    </div>,
    document.body,
  );
}
