import { useEffect, useState } from 'react';
import type { StudySummary } from '../../../shared/model/study';
import { StartScreen } from '../features/start/StartScreen';
import { StudyHome } from '../features/study/StudyHome';
import { useHost } from '../host/host-context';
import { ConnectionBadge } from './ConnectionBadge';

/** The top of the app: the start screen until a study is open, then the study's screens. */
export function App() {
  const { api, on } = useHost();
  const [study, setStudy] = useState<StudySummary | null | undefined>(undefined);

  useEffect(() => {
    api.study.current({}).then(setStudy, () => setStudy(null));
    return on('study.changed', (s) => setStudy(s));
  }, [api, on]);

  useEffect(() => {
    document.title = study ? `${study.title} - BME Workstation` : 'BME Workstation';
  }, [study]);

  return (
    <div className="app">
      <header className="app-bar">
        <span className="app-name">BME Workstation</span>
        {study && <span className="app-study" title={study.file}>{study.title}</span>}
        <span className="spacer" />
        <ConnectionBadge />
      </header>
      <main className="app-main">
        {study === undefined ? (
          <p className="muted center">Connecting…</p>
        ) : study ? (
          <StudyHome study={study} onClosed={() => setStudy(null)} />
        ) : (
          <StartScreen onOpened={setStudy} />
        )}
      </main>
    </div>
  );
}
