import { useState, type FormEvent } from 'react';
import type { Account } from '../../../../shared/model/people';
import type { ReaderSlot, SeriesAssignment } from '../../../../shared/model/reading';

const SLOT_WORDS: Record<ReaderSlot, string> = { reader1: 'Reader 1', reader2: 'Reader 2', comparison: 'Comparison reader' };

export interface SlotCellProps {
  slot: ReaderSlot;
  /** 'P001 lumbar', for labels. */
  seriesName: string;
  /** Who holds the slot (reader 1 and 2: at most one; comparison: any number). */
  holders: SeriesAssignment[];
  /** Accounts already reading this series in any slot (one person, one slot). */
  taken: ReadonlySet<number>;
  candidates: Account[];
  onAssign(accountId: number | null): void;
  /** Resolves true when the read was reopened. */
  onReopen(accountId: number, reason: string): Promise<boolean>;
}

/** One reader slot of one series: who, their progress, and reopen for a locked read. */
export function SlotCell({ slot, seriesName, holders, taken, candidates, onAssign, onReopen }: SlotCellProps) {
  const label = `${SLOT_WORDS[slot]} of ${seriesName}`;
  if (slot === 'comparison') {
    const free = candidates.filter((c) => !taken.has(c.id));
    return (
      <div className="slot-cell">
        {holders.map((h) => (
          <div key={h.accountId} className="holder">
            <span className="holder-name">{h.readerName}</span>
            <ReadProgress a={h} />
            {h.locked && <Reopen assignment={h} label={label} onReopen={onReopen} />}
          </div>
        ))}
        {free.length > 0 && (
          <select className="compact" aria-label={`Add a comparison reader to ${seriesName}`} value="" onChange={(e) => e.target.value && onAssign(Number(e.target.value))}>
            <option value="">{holders.length ? '+ another…' : '+ add…'}</option>
            <AccountOptions accounts={free} />
          </select>
        )}
      </div>
    );
  }
  const holder = holders[0];
  const options = candidates.filter((c) => !taken.has(c.id) || c.id === holder?.accountId);
  const started = holder !== undefined && holder.read > 0;
  return (
    <div className="slot-cell">
      <select
        className={`compact${holder ? '' : ' needs-attention'}`}
        aria-label={label}
        value={holder?.accountId ?? ''}
        disabled={started}
        title={started ? `${holder.readerName} has started reading; the read stays theirs.` : undefined}
        onChange={(e) => onAssign(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">— none —</option>
        {holder && !candidates.some((c) => c.id === holder.accountId) && <option value={holder.accountId}>{holder.readerName}</option>}
        <AccountOptions accounts={options} />
      </select>
      {holder && <ReadProgress a={holder} />}
      {holder?.locked && <Reopen assignment={holder} label={label} onReopen={onReopen} />}
    </div>
  );
}

function AccountOptions({ accounts }: { accounts: Account[] }) {
  const readers = accounts.filter((a) => a.role === 'reader');
  const others = accounts.filter((a) => a.role !== 'reader');
  return (
    <>
      {readers.map((a) => (
        <option key={a.id} value={a.id}>
          {a.displayName}
        </option>
      ))}
      {others.length > 0 && (
        <optgroup label="Coordinators">
          {others.map((a) => (
            <option key={a.id} value={a.id}>
              {a.displayName}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}

function ReadProgress({ a }: { a: SeriesAssignment }) {
  return (
    <span className="read-progress" data-testid="read-progress" title={`${a.readerName}: ${a.read} of ${a.slices} slices read${a.locked ? ', locked' : ''}`}>
      <span className="mini-meter">
        <span style={{ width: `${a.slices ? (100 * a.read) / a.slices : 0}%` }} className={a.locked ? 'done' : ''} />
      </span>
      {a.read}/{a.slices}
      {a.locked && <span className="status-locked">locked</span>}
    </span>
  );
}

/** 'Reopen…' and, once asked, the reason (required: it goes into the audit). */
function Reopen({ assignment, label, onReopen }: { assignment: SeriesAssignment; label: string; onReopen: SlotCellProps['onReopen'] }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="link small" onClick={() => setOpen(true)} aria-label={`Reopen the read of ${assignment.readerName} (${label})`}>
        Reopen…
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const done = await onReopen(assignment.accountId, reason);
    setBusy(false);
    if (done) {
      setOpen(false);
      setReason('');
    }
  };
  return (
    <form className="reopen-form" onSubmit={(e) => void submit(e)} aria-label={`Reopen ${label}`}>
      <input autoFocus required placeholder="Reason (recorded)" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason for reopening" />
      <button type="submit" className="primary" disabled={busy || !reason.trim()}>
        Reopen
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
