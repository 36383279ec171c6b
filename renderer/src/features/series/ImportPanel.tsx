import { useEffect, useState, type FormEvent } from 'react';
import type { ImportReport } from '../../../../shared/model/imaging';
import type { EventPayload } from '../../../../shared/contracts/events';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';

/** Import files or folders by path, with progress, cancel, and the report when it ends. */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const { api, on } = useHost();
  const [paths, setPaths] = useState('');
  const [runId, setRunId] = useState<number | null>(null);
  const [progress, setProgress] = useState<EventPayload<'import.progress'> | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => on('import.progress', (p) => setProgress(p)), [on]);
  useEffect(
    () =>
      on('import.finished', (r) => {
        setReport(r);
        setRunId(null);
        onImported();
      }),
    [on, onImported],
  );

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setReport(null);
    setProgress(null);
    try {
      const list = paths.split('\n').map((p) => p.trim()).filter(Boolean);
      setRunId((await api.imaging.importStart({ paths: list })).runId);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const pct = progress && progress.filesTotal ? Math.round((100 * progress.filesDone) / progress.filesTotal) : 0;
  return (
    <section className="panel import-panel" aria-label="Import">
      <form onSubmit={(e) => void start(e)}>
        <label>
          Import DICOM files or folders <span className="small">(one path per line; folders are searched recursively)</span>
          <textarea value={paths} onChange={(e) => setPaths(e.target.value)} rows={2} placeholder="/media/cdrom/DICOM" aria-label="Paths to import" />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={runId !== null || !paths.trim()}>
            Import
          </button>
          {runId !== null && (
            <>
              <progress max={100} value={pct} aria-label="Import progress" />
              <span className="small muted">
                {progress ? `${progress.filesDone} / ${progress.filesTotal || '?'} files · ${progress.imported} imported · ${progress.problems} problem(s)` : 'starting…'}
              </span>
              <button type="button" onClick={() => void api.imaging.importCancel({ runId })}>
                Cancel
              </button>
            </>
          )}
        </div>
      </form>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      {report && <ImportReportView report={report} />}
    </section>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report" role="region" aria-label="Import report">
      <p>
        <strong>Import {report.status}</strong>: {report.filesSeen} file(s) in {report.seconds.toFixed(1)} s · {report.imported} imported ·{' '}
        {report.alreadyPresent} already present · {report.skipped} skipped · {report.problems.length} problem(s)
      </p>
      {report.series.length > 0 && (
        <ul className="small">
          {report.series.map((s) => (
            <li key={s.seriesId}>
              {s.patient} · {s.segment ?? 'segment not known: pick it below'} · {s.description ?? 'no description'} · {s.slices} slices (+{s.added})
              {s.issues.map((i, k) => (
                <div key={k} className="warn">
                  {i.message}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
      {report.problems.length > 0 && (
        <details open={report.problems.length <= 10}>
          <summary>Files that were not imported ({report.problems.length})</summary>
          <ul className="small problems">
            {report.problems.map((p, k) => (
              <li key={k}>
                <code>{p.code}</code> {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
