import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { AgreementReport } from '../../../../shared/model/agreement';
import { BySegmentSection, OverlapSection, PairsSection, ProgressStrip } from './AgreementSections';
import { KappaFiguresView } from './KappaFiguresView';

/**
 * The agreement report as a clean, light page over the app (and alone on paper: the print
 * stylesheet hides the app beneath). Opens the browser's print dialog once it is laid out.
 */
export function PrintableReport({ report, studyTitle, ruleWords, threshold, onClose }: { report: AgreementReport; studyTitle: string; ruleWords: string; threshold: number | null; onClose: () => void }) {
  const close = useRef(onClose);
  close.current = onClose;
  // Once per opening, however often the dashboard refreshes underneath.
  useEffect(() => {
    // A moment for layout first: fonts and tables must settle before the print preview.
    const t = setTimeout(() => window.print(), 150);
    const key = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    window.addEventListener('keydown', key);
    return () => {
      clearTimeout(t);
      window.removeEventListener('keydown', key);
    };
  }, []);

  return createPortal(
    <div className="print-report" role="dialog" aria-label="Printable agreement report">
      <div className="print-toolbar">
        <button className="primary" onClick={() => window.print()}>
          Print
        </button>
        <button onClick={onClose}>Close</button>
        <span className="muted small">Esc closes</span>
      </div>
      <article className="print-page">
        <header>
          <h1>Inter-reader agreement{studyTitle ? ` · ${studyTitle}` : ''}</h1>
          <p className="muted">
            Computed {new Date(report.computedAt).toLocaleString()} · segment level: a series is positive when its reader marked BME on {ruleWords}
          </p>
        </header>
        <ProgressStrip report={report} />
        <div className="kappa-cards">
          <KappaFiguresView title="Slice level · Reader 1 vs Reader 2" figures={report.primary.slice} rows="Reader 1" columns="Reader 2" testId="print-slice-level" />
          <KappaFiguresView title="Segment level · Reader 1 vs Reader 2" figures={report.primary.segment} rows="Reader 1" columns="Reader 2" testId="print-segment-level" />
        </div>
        <p className="muted small">
          Strength of agreement after Landis and Koch: 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1.00 almost perfect. 95% confidence intervals from the large-sample standard
          error of kappa. PABAK = 2·P<sub>o</sub> − 1.
        </p>
        <BySegmentSection report={report} />
        <PairsSection report={report} />
        <OverlapSection report={report} threshold={threshold} />
      </article>
    </div>,
    document.body,
  );
}
