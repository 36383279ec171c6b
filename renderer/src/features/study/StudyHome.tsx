import { useCallback, useEffect, useState } from 'react';
import type { Account, SessionStatus } from '../../../../shared/model/people';
import type { StudySummary } from '../../../../shared/model/study';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';
import { SignIn } from '../session/SignIn';
import { StudyWorkspace } from './StudyWorkspace';

/** The open study: sign-in first, then the screens of the signed-in person's role. */
export function StudyHome({ study, onClosed }: { study: StudySummary; onClosed: () => void }) {
  const { api } = useHost();
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.session.status({}).then(setStatus, (e: Error) => setError(e.message));
  }, [api]);
  useEffect(refresh, [refresh, study.studyId]);

  const close = () => api.study.close({}).then(onClosed, (e: Error) => setError(e.message));
  const signOut = () => api.session.signOut({}).then(refresh, (e: Error) => setError(e.message));

  if (!status) return <ErrorBanner message={error} onDismiss={() => setError(null)} />;
  if (!status.user) {
    return (
      <div className="study-home">
        <ErrorBanner message={error} onDismiss={() => setError(null)} />
        <StudyFacts study={study} onClose={() => void close()} />
        <SignIn firstCoordinator={status.needsFirstCoordinator} onSignedIn={(user: Account) => setStatus({ needsFirstCoordinator: false, user })} />
      </div>
    );
  }
  return <StudyWorkspace study={study} user={status.user} onSignOut={() => void signOut()} onClose={() => void close()} />;
}

function StudyFacts({ study, onClose }: { study: StudySummary; onClose: () => void }) {
  return (
    <section className="panel narrow">
      <h1>{study.title}</h1>
      <dl className="facts">
        <dt>File</dt>
        <dd>
          <code>{study.file}</code>
        </dd>
        <dt>Created</dt>
        <dd>{new Date(study.createdAt).toLocaleString()}</dd>
        <dt>Schema</dt>
        <dd>version {study.schemaVersion}</dd>
      </dl>
      <button type="button" onClick={onClose}>Close study</button>
    </section>
  );
}
