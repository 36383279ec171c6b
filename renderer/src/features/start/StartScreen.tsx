import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppInfo } from '../../../../shared/contracts/app';
import type { RecentStudy, StudySummary } from '../../../../shared/model/study';
import { useHost } from '../../host/host-context';
import { ErrorBanner } from '../../app/ErrorBanner';
import { DamagedStudyOffer, damagedStudyOf, type DamagedStudy } from './DamagedStudyOffer';

/** Create a new study, open one by path, or reopen a recent one. */
export function StartScreen({ onOpened }: { onOpened: (s: StudySummary) => void }) {
  const { api } = useHost();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [recent, setRecent] = useState<RecentStudy[]>([]);
  const [title, setTitle] = useState('');
  const [file, setFile] = useState('');
  const [openPath, setOpenPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [damaged, setDamaged] = useState<DamagedStudy | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api.app.info({}).then(setInfo, (e: Error) => setError(e.message));
    api.study.recent({}).then(setRecent, (e: Error) => setError(e.message));
    titleRef.current?.focus();
  }, [api]);

  async function run(action: () => Promise<StudySummary>) {
    setBusy(true);
    setError(null);
    setDamaged(null);
    try {
      onOpened(await action());
    } catch (e) {
      setDamaged(damagedStudyOf(e));
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.study.create({ title, ...(file.trim() ? { file: file.trim() } : {}) }));
  };
  const open = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.study.open({ file: openPath }));
  };

  return (
    <div className="start">
      <section className="start-intro">
        <h1>Bone marrow edema on spinal STIR MRI</h1>
        <p className="muted">
          Two blinded readers draw BME slice by slice; a coordinator settles their disagreements into consensus masks;
          the consensus trains an attention U-Net. A study is one SQLite file and the folder beside it.
        </p>
        {info && (
          <p className="muted small">
            Version {info.version} · {info.host === 'electron' ? 'desktop app' : 'browser on the Node host'} · new studies go to{' '}
            <code>{info.studiesDir}</code>
          </p>
        )}
      </section>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      {damaged && <DamagedStudyOffer damaged={damaged} onOpened={onOpened} onError={setError} />}
      <div className="start-panels">
        <form className="panel" onSubmit={create} aria-label="New study">
          <h2>New study</h2>
          <label>
            Title
            <input ref={titleRef} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. axSpA spine cohort 2026" required maxLength={200} />
          </label>
          <label>
            <span>
              File <span className="small">(optional; default: the studies folder)</span>
            </span>
            <input value={file} onChange={(e) => setFile(e.target.value)} placeholder="/path/to/study.bmestudy" />
          </label>
          <button type="submit" className="primary" disabled={busy || !title.trim()}>
            Create study
          </button>
        </form>
        <div className="panel">
          <form onSubmit={open} aria-label="Open study">
            <h2>Open a study</h2>
            <label>
              Study file
              <input value={openPath} onChange={(e) => setOpenPath(e.target.value)} placeholder="/path/to/study.bmestudy" />
            </label>
            <button type="submit" disabled={busy || !openPath.trim()}>
              Open
            </button>
          </form>
          <h3>Recent studies</h3>
          {recent.length === 0 ? (
            <p className="muted small">None yet.</p>
          ) : (
            <ul className="recent" aria-label="Recent studies">
              {recent.map((r) => (
                <li key={r.file}>
                  <button type="button" className="link" disabled={busy || !r.exists} onClick={() => void run(() => api.study.open({ file: r.file }))} title={r.file}>
                    {r.title}
                  </button>
                  <span className="muted small">{r.exists ? new Date(r.openedAt).toLocaleString() : 'file missing'}</span>
                  <button type="button" className="icon" aria-label={`Forget ${r.title}`} title="Remove from the list (the file stays)" onClick={() => api.study.forgetRecent({ file: r.file }).then(setRecent)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
