import type { AgreementReport } from '../../../../shared/model/agreement';
import { PrintOverlay } from '../../app/PrintOverlay';
import { BySegmentSection, OverlapSection, PairsSection, ProgressStrip } from './AgreementSections';
import { KappaFiguresView } from './KappaFiguresView';

/**
 * The agreement report as a printable page (PrintOverlay).
 */
export function PrintableReport({ report, studyTitle, ruleWords, threshold, onClose }: { report: AgreementReport; studyTitle: string; ruleWords: string; threshold: number | null; onClose: () => void }) {
  return (
    <PrintOverlay label="Printable agreement report" onClose={onClose}>
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
    </PrintOverlay>
  );
}
