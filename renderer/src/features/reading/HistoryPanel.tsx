import type { ReaderController } from '../../editor/readerController';

/**
 * The labelled undo history of the series: what Ctrl+Z would undo is the last 'done' entry; undone
 * entries follow, dimmed, in redo order. Clicking an entry undoes or redoes up to it.
 */
export function HistoryPanel({ controller, locked }: { controller: ReaderController; locked: boolean }) {
  const { done, undone } = controller.session.historyItems();
  const undoTo = (steps: number) => {
    for (let k = 0; k < steps; k++) controller.perform('undo');
  };
  const redoTo = (steps: number) => {
    for (let k = 0; k < steps; k++) controller.perform('redo');
  };
  return (
    <section className="side-section history" aria-label="History">
      <h3>
        History <span className="muted small">{done.length ? `${done.length} step${done.length === 1 ? '' : 's'}` : ''}</span>
      </h3>
      {done.length === 0 && undone.length === 0 ? (
        <p className="muted small">Nothing drawn or labelled yet in this session.</p>
      ) : (
        <ol className="history-list">
          {done.map((item, i) => (
            <li key={item.id} className={i === done.length - 1 ? 'latest' : ''}>
              <button type="button" disabled={locked || i === done.length - 1} onMouseDown={(e) => e.preventDefault()} onClick={() => undoTo(done.length - 1 - i)} title="Undo back to this step">
                <span>{item.label}</span>
                <span className="muted">slice {item.sliceIndex + 1}</span>
              </button>
            </li>
          ))}
          {undone.map((item, i) => (
            <li key={item.id} className="undone">
              <button type="button" disabled={locked} onMouseDown={(e) => e.preventDefault()} onClick={() => redoTo(i + 1)} title="Redo up to this step">
                <span>{item.label}</span>
                <span className="muted">slice {item.sliceIndex + 1}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
