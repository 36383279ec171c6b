import { useState, type ReactNode } from 'react';
import type { SliceLabel } from '../../editor/reading';
import { OVERLAY_OPACITY_STEPS } from '../../editor/shortcuts';
import { HistoryPanel } from './HistoryPanel';
import type { ReadingWorkspace } from './reading-workspace';
import { shortcutHint, withHint } from './shortcut-hint';

/** Right-hand panel of the reader view: the slice decision, `children` (the model's suggestion), progress and lock, display, history. */
export function ReaderSidePanel({ ws, locking, onLock, children }: { ws: ReadingWorkspace; locking: boolean; onLock: () => void; children?: ReactNode }) {
  const { session, controller } = ws;
  const i = controller.sliceIndex;
  const label = session.label(i);
  const locked = session.locked;
  const counts = session.counts();
  const readiness = session.lockReadiness();
  const pending = ws.saves.pending;
  const presentWithoutRoi = label === 'present' && session.mask(i).isEmpty();
  const [confirming, setConfirming] = useState(false);

  return (
    <aside className="reader-side" aria-label="Reading">
      <section className="side-section" aria-label="Slice decision">
        <h3>
          Slice {i + 1} <span className="muted small">of {session.sliceCount}</span>
        </h3>
        <div className="decision">
          <DecisionButton label="present" current={label} disabled={locked} onClick={() => controller.perform('markPresent')} />
          <DecisionButton label="absent" current={label} disabled={locked} onClick={() => controller.perform('markAbsent')} />
        </div>
        {presentWithoutRoi && <p className="warn small">Marked present without a ROI: draw it, or mark the slice absent.</p>}
        <button type="button" className="wide" onMouseDown={(e) => e.preventDefault()} onClick={() => controller.perform('nextUnreadSlice')} disabled={counts.unread === 0} title={withHint('Next unread slice', 'nextUnreadSlice')}>
          Next unread <kbd>{shortcutHint('nextUnreadSlice')}</kbd>
        </button>
      </section>

      {children}

      <section className="side-section" aria-label="Progress">
        <h3>Progress</h3>
        <div className="progress-line" data-testid="read-progress">
          <strong>{counts.read}</strong> of {counts.total} read
          <span className="muted small">
            {' '}
            · {counts.present} present · {counts.absent} absent
          </span>
        </div>
        <div className="meter" aria-hidden="true">
          <span className="meter-present" style={{ width: `${(100 * counts.present) / counts.total}%` }} />
          <span className="meter-absent" style={{ width: `${(100 * counts.absent) / counts.total}%` }} />
        </div>
        {locked ? (
          <p className="locked-note">Locked: this read is final. The coordinator can reopen it.</p>
        ) : (
          <>
            {confirming ? (
              <div className="lock-confirm" role="group" aria-label="Confirm lock">
                <p className="small">Lock this read? It becomes final; only the coordinator can reopen it.</p>
                <div className="row tight">
                  <button type="button"
                    className="primary"
                    disabled={locking || pending > 0}
                    onClick={() => {
                      setConfirming(false);
                      onLock();
                    }}
                  >
                    Lock
                  </button>
                  <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
                </div>
              </div>
            ) : (
              <button type="button" className="primary wide" disabled={!readiness.canLock || pending > 0 || locking} onClick={() => setConfirming(true)} title="Lock the finished read: it cannot change afterwards unless the coordinator reopens it">
                {locking ? 'Locking…' : 'Lock read…'}
              </button>
            )}
            {!readiness.canLock && (
              <p className="muted small">
                {readiness.unread.length > 0 && `${readiness.unread.length} slice${readiness.unread.length === 1 ? '' : 's'} unread. `}
                {readiness.presentWithoutRoi.length > 0 && `Present without ROI: slice ${readiness.presentWithoutRoi.map((s) => s + 1).join(', ')}.`}
              </p>
            )}
          </>
        )}
      </section>

      <section className="side-section" aria-label="Overlay">
        <h3>Overlay</h3>
        <div className="row tight">
          <label className="check">
            <input type="checkbox" checked={controller.overlayVisible} onChange={() => controller.perform('toggleOverlay')} /> Show <kbd>V</kbd>
          </label>
          <label className="check">
            <input type="checkbox" checked={controller.outlineOnly} onChange={() => controller.perform('toggleOutline')} /> Outline only <kbd>O</kbd>
          </label>
        </div>
        <label className="slider-label">
          <span>
            Opacity <span className="muted">{Math.round(controller.overlayOpacity * 100)}%</span>
          </span>
          <input
            type="range"
            min={0}
            max={OVERLAY_OPACITY_STEPS.length - 1}
            value={OVERLAY_OPACITY_STEPS.indexOf(controller.overlayOpacity)}
            aria-label="Overlay opacity"
            onChange={(e) => stepOpacity(ws, Number(e.target.value))}
            onPointerUp={(e) => e.currentTarget.blur()}
          />
        </label>
      </section>

      <HistoryPanel controller={controller} locked={locked} />
    </aside>
  );
}

function stepOpacity(ws: ReadingWorkspace, target: number): void {
  const c = ws.controller;
  let current = OVERLAY_OPACITY_STEPS.indexOf(c.overlayOpacity);
  while (current < target) {
    c.perform('opacityUp');
    current++;
  }
  while (current > target) {
    c.perform('opacityDown');
    current--;
  }
}

function DecisionButton({ label, current, disabled, onClick }: { label: Exclude<SliceLabel, 'unread'>; current: SliceLabel; disabled: boolean; onClick: () => void }) {
  const on = current === label;
  const action = label === 'present' ? 'markPresent' : 'markAbsent';
  return (
    <button type="button"
      className={`decision-button decision-${label}${on ? ' on' : ''}`}
      aria-pressed={on}
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      title={withHint(label === 'present' ? 'BME present on this slice' : 'No BME on this slice (clears its ROI)', action)}
    >
      <span>{label === 'present' ? 'Present' : 'Absent'}</span>
      <kbd>{shortcutHint(action)}</kbd>
    </button>
  );
}
