import type { ReadingWorkspace } from './reading-workspace';
import type { SuggestionView } from './suggestion-view';

const STATUS_WORDS = {
  none: 'No suggestion on this slice.',
  pending: 'Suggested ROI (dashed cyan). Accept it, edit after accepting, or hide it.',
  hidden: 'Hidden on this slice (not accepted).',
  accepted: 'Accepted: your ROI contains it. Ctrl+Z takes it back.',
} as const;

/**
 * The model's suggestion for the current slice in the reader's side panel: what it is, Accept
 * (Y) and Hide (X), the switch for all suggestions, and the slices that have one.
 */
export function SuggestionPanel({ ws, view }: { ws: ReadingWorkspace; view: SuggestionView }) {
  if (!view.available) return null;
  const i = ws.controller.sliceIndex;
  const status = view.status(i);
  const p = view.maxProbability(i);
  const locked = ws.session.locked;
  const slices = view.slices;
  return (
    <section className="side-section suggestion-panel" aria-label="Model suggestion" data-testid="suggestion-panel" data-status={status}>
      <h3>
        Model suggestion <span className="suggestion-swatch" aria-hidden="true" />
      </h3>
      <p className="small muted suggestion-model">
        {view.modelName} (model {view.modelId}). Not part of your read until you accept it.
      </p>
      <p className={`small suggestion-status status-${status}`} data-testid="suggestion-status">
        {STATUS_WORDS[status]}
        {p !== null && status !== 'none' && <span className="muted"> Max probability {p.toFixed(2)}.</span>}
      </p>
      <div className="row tight">
        <button type="button" className="primary" disabled={locked || status === 'none' || status === 'accepted'} onMouseDown={(e) => e.preventDefault()} onClick={() => view.accept(i)} title="Add the suggested ROI to your read of this slice (Y)">
          Accept <kbd>Y</kbd>
        </button>
        <button type="button" disabled={status === 'none' || status === 'accepted'} onMouseDown={(e) => e.preventDefault()} onClick={() => view.toggleHidden(i)} title="Hide or show the suggestion on this slice (X)">
          {status === 'hidden' ? 'Show' : 'Hide'} <kbd>X</kbd>
        </button>
      </div>
      <label className="check">
        <input type="checkbox" checked={view.visible} onChange={(e) => view.setVisible(e.target.checked)} /> Show suggestions
      </label>
      <p className="small muted">
        On slice{slices.length === 1 ? '' : 's'}{' '}
        {slices.map((s, k) => (
          <span key={s}>
            {k > 0 && ', '}
            <button type="button" className="link" onMouseDown={(e) => e.preventDefault()} onClick={() => ws.controller.goToSlice(s)}>
              {s + 1}
            </button>
          </span>
        ))}
      </p>
    </section>
  );
}
