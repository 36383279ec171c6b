import { useState } from 'react';
import type { ReadingWorkspace } from './reading-workspace';

/**
 * Saves the core refused, in words, with the reader's choices: keep their version (it replaces
 * the saved one, recorded in the audit), reload the saved one (their unsaved change of that
 * slice is dropped), or try again (after the coordinator reopened a locked read, say).
 */
export function ConflictBanner({ ws }: { ws: ReadingWorkspace }) {
  const [busy, setBusy] = useState(false);
  const problems = ws.saves.problems();
  if (problems.length === 0) return null;
  const run = (work: () => Promise<void> | void) => {
    setBusy(true);
    Promise.resolve()
      .then(work)
      .catch((e: Error) => ws.notify(e.message, 'error'))
      .finally(() => setBusy(false));
  };
  return (
    <div className="conflict-banner" role="alert" data-testid="save-conflict">
      {problems.map((p) => (
        <div key={p.sliceIndex} className="conflict-row">
          <span>
            <strong>Slice {p.sliceIndex + 1} is not saved.</strong> {p.message}
          </span>
          <span className="spacer" />
          {p.currentHash && (
            <button type="button" disabled={busy} onClick={() => run(() => ws.resolveConflict(p.sliceIndex, 'overwrite'))} title="Save your version of this slice over the one in the study">
              Keep mine
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => run(() => ws.resolveConflict(p.sliceIndex, 'reload'))} title="Drop your unsaved change of this slice and show the saved one">
            Reload saved
          </button>
          {!p.currentHash && (
            <button type="button" disabled={busy} onClick={() => run(() => ws.saves.retry(p.sliceIndex))}>
              Try again
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
