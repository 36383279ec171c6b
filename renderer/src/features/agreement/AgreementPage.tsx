import { useEffect, useState } from 'react';
import type { AdjudicationSettings } from '../../../../shared/model/adjudication';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';
import { segmentRuleOptions, segmentRuleWords } from '../adjudication/SettingsPanel';
import { AdjudicationProgress } from './AdjudicationProgress';
import { agreementCsv, downloadText } from './agreement-csv';
import { BySegmentSection, OverlapSection, PairsSection, ProgressStrip } from './AgreementSections';
import { AGREEMENT_POLL_MS, useAgreementReport } from './use-agreement-report';
import { KappaFiguresView } from './KappaFiguresView';
import { PrintableReport } from './PrintableReport';

/**
 * The coordinator's agreement dashboard: reader 1 vs reader 2 at slice and segment level (the
 * segment rule changeable), per spinal segment, per pair of readers and Fleiss' kappa, mask
 * overlap, and progress. It refreshes itself while on screen; exports CSV and a printable report.
 */
export function AgreementPage() {
  const { api } = useHost();
  const [auto, setAuto] = useState(true);
  const state = useAgreementReport(api, auto);
  const { report } = state;
  const [settings, setSettings] = useState<AdjudicationSettings | null>(null);
  const [studyTitle, setStudyTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    api.adjudication.settings({}).then(setSettings, (e: Error) => setError(`The adjudication settings could not be loaded: ${e.message}`));
    api.study.current({}).then((s) => setStudyTitle(s?.title ?? ''), () => undefined);
  }, [api]);

  const changeRule = async (minSlices: number) => {
    if (!settings) return;
    try {
      setSettings(await api.adjudication.setSettings({ ...settings, segmentMinSlices: minSlices }));
      await state.refresh();
    } catch (e) {
      setError(`The segment rule was not changed: ${(e as Error).message}`);
    }
  };

  const exportCsv = () => {
    if (!report) return;
    const stamp = report.computedAt.replace(/[:]/g, '').replace(/\..*$/, '');
    const name = `${(studyTitle || 'study').replace(/[^\w.-]+/g, '-')}-agreement-${stamp}.csv`;
    downloadText(agreementCsv(report), name);
  };

  const rule = report?.segmentMinSlices ?? settings?.segmentMinSlices ?? 1;
  return (
    <div className="page agreement">
      <header className="row agreement-head">
        <h1>Inter-reader agreement</h1>
        <span className="spacer" />
        <span className="muted small" data-testid="agreement-updated">
          {report ? `computed ${new Date(report.computedAt).toLocaleTimeString()}` : state.loading ? 'computing…' : ''}
        </span>
        <label className="adj-check" title={`Fetch the figures every ${AGREEMENT_POLL_MS / 1000} s while this page is on screen`}>
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
          Auto-refresh
        </label>
        <button type="button" onClick={() => void state.refresh()} disabled={state.loading}>
          Refresh
        </button>
        <button type="button" onClick={exportCsv} disabled={!report}>
          Export CSV
        </button>
        <button type="button" onClick={() => setPrinting(true)} disabled={!report}>
          Print report
        </button>
      </header>
      <ErrorBanner message={error ?? state.error} onDismiss={() => setError(null)} />
      {!report ? (
        <p className="muted">{state.error ? '' : 'Computing the agreement figures…'}</p>
      ) : (
        <>
          <ProgressStrip report={report} />
          <div className="kappa-cards">
            <KappaFiguresView title="Slice level · Reader 1 vs Reader 2" figures={report.primary.slice} rows="Reader 1" columns="Reader 2" testId="slice-level">
              <p className="muted small">BME present or absent on each slice both readers have read.</p>
            </KappaFiguresView>
            <KappaFiguresView title="Segment level · Reader 1 vs Reader 2" figures={report.primary.segment} rows="Reader 1" columns="Reader 2" testId="segment-level">
              <label className="rule">
                <span>A series is positive when its reader marked BME on</span>
                <select aria-label="Segment rule" value={rule} disabled={!settings} onChange={(e) => void changeRule(Number(e.target.value))}>
                  {segmentRuleOptions(rule).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            </KappaFiguresView>
          </div>
          <p className="muted small lk-note">
            Strength of agreement after Landis and Koch, as in the paper: 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1.00 almost perfect. PABAK is kappa adjusted for
            prevalence and bias (2·P<sub>o</sub> − 1).
          </p>
          <AdjudicationProgress api={api} refreshKey={report.computedAt} />
          <BySegmentSection report={report} />
          <PairsSection report={report} />
          <OverlapSection report={report} threshold={settings?.diceThreshold ?? null} />
          {printing && <PrintableReport report={report} studyTitle={studyTitle} ruleWords={segmentRuleWords(rule)} threshold={settings?.diceThreshold ?? null} onClose={() => setPrinting(false)} />}
        </>
      )}
    </div>
  );
}
