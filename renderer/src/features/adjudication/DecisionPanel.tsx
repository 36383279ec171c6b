import type { SliceCase } from '../../../../shared/model/adjudication';
import { agreementWords, methodWords, type CaseMasks, type ResolveMethod } from './case-masks';
import { HistoryList } from './HistoryList';

/** The one-click resolutions with their keys, in the order the panel shows them. */
export const RESOLUTIONS: readonly { method: Exclude<ResolveMethod, 'edited'>; label: string; key: string; hint: string }[] = [
  { method: 'accept_reader1', label: 'Accept reader 1', key: '1', hint: "Reader 1's label and mask become the consensus" },
  { method: 'accept_reader2', label: 'Accept reader 2', key: '2', hint: "Reader 2's label and mask become the consensus" },
  { method: 'union', label: 'Union', key: 'U', hint: 'Every pixel either reader marked' },
  { method: 'intersection', label: 'Intersection', key: 'I', hint: 'Only the pixels both readers marked (absent if none)' },
  { method: 'absent', label: 'Absent', key: 'A', hint: 'No BME on this slice' },
];

export interface DecisionPanelProps {
  slice: SliceCase;
  masks: CaseMasks;
  diceThreshold: number | null;
  reason: string;
  onReason(reason: string): void;
  busy: boolean;
  onResolve(method: Exclude<ResolveMethod, 'edited'>): void;
  onEdit(): void;
  onNext(): void;
  onPrevious(): void;
  /** Where the slice stands in the queue ('3 left of 9'), if it is in it. */
  queueNote: string | null;
}

/** What the coordinator needs to decide a slice, and the decision buttons with their keys. */
export function DecisionPanel(props: DecisionPanelProps) {
  const { slice, masks, busy } = props;
  const current = slice.consensus;
  return (
    <aside className="adj-decide" aria-label="Decision">
      <dl className="adj-facts">
        <dt>Agreement</dt>
        <dd data-testid="case-agreement">{agreementWords(slice.agreement)}</dd>
        <dt>Dice · IoU</dt>
        <dd>
          {slice.dice === null ? '—' : slice.dice.toFixed(3)} · {slice.iou === null ? '—' : slice.iou.toFixed(3)}
          {slice.dice !== null && props.diceThreshold !== null && (
            <span className={slice.dice < props.diceThreshold ? 'warn' : 'muted'}> (threshold {props.diceThreshold})</span>
          )}
        </dd>
        <dt>Pixels</dt>
        <dd>
          union {masks.counts.union} · both {masks.counts.intersection}
        </dd>
        <dt>Consensus</dt>
        <dd data-testid="case-consensus">
          {current ? (
            <>
              <strong>{methodWords(current.method)}</strong> · {current.label === 'present' ? 'BME' : 'absent'}
            </>
          ) : (
            <span className="warn">not decided</span>
          )}
        </dd>
      </dl>

      <h3>Decide</h3>
      <div className="adj-actions" role="group" aria-label="Resolutions">
        {RESOLUTIONS.map((r) => (
          <button type="button" key={r.method} className={current?.method === r.method ? 'toggled' : ''} disabled={busy} onClick={() => props.onResolve(r.method)} title={`${r.hint} (${r.key})`} aria-keyshortcuts={r.key}>
            <kbd>{r.key}</kbd>
            {r.label}
          </button>
        ))}
        <button type="button" className={current?.method === 'edited' ? 'toggled' : ''} disabled={busy} onClick={props.onEdit} title="Draw or erase the consensus with the readers' tools (E)" aria-keyshortcuts="E">
          <kbd>E</kbd>
          Edit…
        </button>
      </div>
      <label className="adj-reason">
        Reason (optional)
        <input value={props.reason} onChange={(e) => props.onReason(e.target.value)} maxLength={500} placeholder="e.g. lesion extends to the endplate" />
      </label>
      <div className="row adj-nav">
        <button type="button" onClick={props.onPrevious} title="Previous discordant slice (Shift+Enter)">
          ← Previous
        </button>
        <button type="button" onClick={props.onNext} title="Next discordant slice without deciding (Enter)">
          Next →
        </button>
      </div>
      {props.queueNote && <p className="muted small">{props.queueNote}</p>}
      <p className="muted small adj-keys">
        <kbd>Enter</kbd> next · <kbd>Shift+Enter</kbd> previous · <kbd>↑</kbd> <kbd>↓</kbd> neighbouring slices · <kbd>V</kbd> hide ROIs · <kbd>Z</kbd> zoom to ROIs · <kbd>0</kbd> fit ·
        right-drag window/level · Ctrl+wheel zoom
      </p>

      <h3>History</h3>
      <HistoryList history={slice.history} />
    </aside>
  );
}
