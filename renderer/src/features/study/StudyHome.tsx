import { useState } from 'react';
import type { StudySummary } from '../../../../shared/model/study';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';

/** The open study: what it is and where it lives. The study's screens hang off this page. */
export function StudyHome({ study, onClosed }: { study: StudySummary; onClosed: () => void }) {
  const { api } = useHost();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="study-home">
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <section className="panel">
        <h1>{study.title}</h1>
        <dl className="facts">
          <dt>File</dt>
          <dd>
            <code>{study.file}</code>
          </dd>
          <dt>Created</dt>
          <dd>{new Date(study.createdAt).toLocaleString()}</dd>
          <dt>Study id</dt>
          <dd>
            <code>{study.studyId}</code>
          </dd>
          <dt>Schema</dt>
          <dd>version {study.schemaVersion}</dd>
        </dl>
        <button onClick={() => api.study.close({}).then(onClosed, (e: Error) => setError(e.message))}>Close study</button>
      </section>
    </div>
  );
}
