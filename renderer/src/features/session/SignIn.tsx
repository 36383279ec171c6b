import { useState, type FormEvent } from 'react';
import type { Account } from '../../../../shared/model/people';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';

/** Sign in to the open study; or, on a study without accounts, create its first coordinator. */
export function SignIn({ firstCoordinator, onSignedIn }: { firstCoordinator: boolean; onSignedIn: (a: Account) => void }) {
  const { api } = useHost();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(
        firstCoordinator
          ? await api.session.createFirstCoordinator({ username, displayName, password })
          : await api.session.signIn({ username, password }),
      );
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <form className="panel narrow" onSubmit={(e) => void submit(e)} aria-label={firstCoordinator ? 'First coordinator' : 'Sign in'}>
      <h2>{firstCoordinator ? 'Create the first coordinator' : 'Sign in'}</h2>
      {firstCoordinator && (
        <p className="muted small">
          This study has no accounts yet. The first account is its coordinator: they import images, create the readers' accounts,
          assign series and settle disagreements.
        </p>
      )}
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <label>
        User name
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus required />
      </label>
      {firstCoordinator && (
        <label>
          Display name
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="e.g. Dr. A. Chan" required />
        </label>
      )}
      <label>
        Password{firstCoordinator && <span className="small"> (at least 8 characters)</span>}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete={firstCoordinator ? 'new-password' : 'current-password'} required />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {firstCoordinator ? 'Create and sign in' : 'Sign in'}
      </button>
    </form>
  );
}
