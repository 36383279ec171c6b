import type { Account } from '../../../../shared/model/people';
import type { StudySummary } from '../../../../shared/model/study';
import { useHashRoute } from '../../app/hash-route';
import { AccountsPage } from '../accounts/AccountsPage';
import { AdjudicationPage } from '../adjudication/AdjudicationPage';
import { AgreementPage } from '../agreement/AgreementPage';
import { EvaluationPage } from '../evaluation/EvaluationPage';
import { AssignmentsPage } from '../assignments/AssignmentsPage';
import { ReaderPage } from '../reading/ReaderPage';
import { SeriesPage } from '../series/SeriesPage';
import { TrainingPage } from '../training/TrainingPage';
import { ViewerPage } from '../viewer/ViewerPage';
import { WorklistPage } from '../worklist/WorklistPage';

interface Section {
  route: string;
  label: string;
}

/** The signed-in workspace: a navigation rail by role, and the page of the current route. */
export function StudyWorkspace({ study, user, onSignOut, onClose }: { study: StudySummary; user: Account; onSignOut: () => void; onClose: () => void }) {
  const [route, go] = useHashRoute();
  const coordinator = user.role === 'coordinator' || user.role === 'admin';
  const sections: Section[] = coordinator
    ? [
        { route: '/series', label: 'Series' },
        { route: '/assignments', label: 'Assignments' },
        { route: '/worklist', label: 'Worklist' },
        { route: '/agreement', label: 'Agreement' },
        { route: '/adjudication', label: 'Adjudication' },
        { route: '/training', label: 'Training' },
        { route: '/evaluation', label: 'Evaluation' },
        { route: '/accounts', label: 'Accounts' },
      ]
    : [{ route: '/worklist', label: 'Worklist' }];

  const viewerMatch = /^\/series\/(\d+)$/.exec(route);
  const readerMatch = /^\/read\/(\d+)$/.exec(route);
  const openRead = (id: number) => go(`/read/${id}`);
  let page;
  if (viewerMatch) page = <ViewerPage seriesId={Number(viewerMatch[1])} onBack={() => go('/series')} />;
  else if (readerMatch) page = <ReaderPage seriesId={Number(readerMatch[1])} onBack={() => go('/worklist')} />;
  else if (route === '/accounts' && coordinator) page = <AccountsPage me={user} />;
  else if (route === '/agreement' && coordinator) page = <AgreementPage />;
  else if (route.startsWith('/adjudication') && coordinator) page = <AdjudicationPage />;
  else if (route.startsWith('/training') && coordinator) page = <TrainingPage />;
  else if (route === '/evaluation' && coordinator) page = <EvaluationPage />;
  else if (route === '/assignments' && coordinator) page = <AssignmentsPage />;
  else if (route === '/series' && coordinator) page = <SeriesPage coordinator={coordinator} onOpen={(id) => go(`/series/${id}`)} />;
  else if (route === '/worklist' || !coordinator) page = <WorklistPage onOpen={openRead} />;
  else page = <SeriesPage coordinator={coordinator} onOpen={(id) => go(`/series/${id}`)} />;
  // Which rail entry a route belongs to ('/read/3' is the worklist's).
  const section = readerMatch ? '/worklist' : viewerMatch ? '/series' : (sections.find((s) => route.startsWith(s.route))?.route ?? sections[0]!.route);

  return (
    <div className="workspace">
      <nav className="rail" aria-label="Sections">
        {sections.map((s) => (
          <a key={s.route} href={`#${s.route}`} className={section === s.route ? 'active' : ''}>
            {s.label}
          </a>
        ))}
        <span className="spacer" />
        <div className="rail-user" title={`${user.username} (${user.role})`}>
          <strong>{user.displayName}</strong>
          <span className="muted small">{user.role}</span>
        </div>
        <button type="button" onClick={onSignOut}>Sign out</button>
        <button type="button" onClick={onClose} title={study.file}>
          Close study
        </button>
      </nav>
      <section className="workspace-page">{page}</section>
    </div>
  );
}
