import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Account } from '../../../../shared/model/people';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';

type Role = Account['role'];

/** The study's accounts: create readers (and, for admins, coordinators), deactivate, reset passwords. */
export function AccountsPage({ me }: { me: Account }) {
  const { api } = useHost();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'reader' as Role, password: '' });
  const refresh = useCallback(() => {
    api.accounts.list({}).then(setAccounts, (e: Error) => setError(e.message));
  }, [api]);
  useEffect(refresh, [refresh]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.accounts.create(form);
      setForm({ username: '', displayName: '', role: 'reader', password: '' });
      refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const roles: Role[] = me.role === 'admin' ? ['reader', 'coordinator', 'admin'] : ['reader', 'coordinator'];

  return (
    <div className="page">
      <h1>Accounts</h1>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <table className="grid" aria-label="Accounts">
        <thead>
          <tr>
            <th>User name</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>{a.role}</td>
              <td>{a.active ? 'active' : <span className="muted">deactivated</span>}</td>
              <td>
                {a.id !== me.id && (
                  <button type="button" onClick={() => api.accounts.setActive({ accountId: a.id, active: !a.active }).then(refresh, (e: Error) => setError(e.message))}>
                    {a.active ? 'Deactivate' : 'Reactivate'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="panel inline-form" onSubmit={(e) => void create(e)} aria-label="New account">
        <h2>New account</h2>
        <label>
          User name
          <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
        </label>
        <label>
          Display name
          <input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Password
          <input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} autoComplete="new-password" required />
        </label>
        <button type="submit" className="primary">
          Create account
        </button>
      </form>
    </div>
  );
}
