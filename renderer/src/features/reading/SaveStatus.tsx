import type { SaveStatus as Status } from './save-queue';

/** Text of the save state, as the reader sees it in the top bar. */
export function saveStatusText(status: Status): string {
  switch (status.kind) {
    case 'saved':
      return 'Saved';
    case 'saving':
      return 'Saving…';
    case 'retrying':
      return `Not saved: ${status.reason} - will retry`;
    case 'blocked':
      return `Not saved: ${status.slices.length === 1 ? `slice ${status.slices[0]! + 1}` : `${status.slices.length} slices`} need your decision`;
  }
}

/** The save state: 'Saved', 'Saving…', 'Not saved: <reason> - will retry'. */
export function SaveStatusBadge({ status }: { status: Status }) {
  const title =
    status.kind === 'saved'
      ? status.savedAt
        ? `Every change is saved (last at ${new Date(status.savedAt).toLocaleTimeString()}).`
        : 'Nothing changed yet.'
      : status.kind === 'saving'
        ? `${status.pending} change(s) on the way to the study file.`
        : `${status.pending} change(s) kept in this window until they are saved.`;
  return (
    <span className={`save-status save-${status.kind}`} role="status" aria-live="polite" data-testid="save-status" data-state={status.kind} title={title}>
      <i aria-hidden="true" />
      {saveStatusText(status)}
    </span>
  );
}
