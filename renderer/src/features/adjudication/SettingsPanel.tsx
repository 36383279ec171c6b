import { useEffect, useState, type FormEvent } from 'react';
import type { AdjudicationSettings } from '../../../../shared/model/adjudication';
import { ErrorBanner } from '../../app/ErrorBanner';

const COUNT_WORDS = ['', 'one', 'two', 'three', 'four', 'five'];

/** The segment-level rule in words: 'any slice', 'at least two slices'. */
export function segmentRuleWords(minSlices: number): string {
  return minSlices <= 1 ? 'any slice' : `at least ${COUNT_WORDS[minSlices] ?? minSlices} slices`;
}

/** The rules offered (1-5 slices), plus the study's own if it is another. */
export function segmentRuleOptions(current: number): { value: number; label: string }[] {
  const values = [1, 2, 3, 4, 5];
  if (!values.includes(current)) values.push(current);
  return values.sort((a, b) => a - b).map((value) => ({ value, label: segmentRuleWords(value) }));
}

/**
 * The study's adjudication settings: the Dice threshold below which two present masks are
 * discordant, the automatic rule for concordant slices, the primary reader, and the
 * segment-level rule of the agreement figures. Saving recomputes the automatic consensus; the
 * coordinator's own decisions stay.
 */
export function SettingsPanel({ settings, onSave, onClose }: { settings: AdjudicationSettings; onSave: (s: AdjudicationSettings) => Promise<void>; onClose: () => void }) {
  const [draft, setDraft] = useState(settings);
  const [threshold, setThreshold] = useState(String(settings.diceThreshold));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setDraft(settings);
    setThreshold(String(settings.diceThreshold));
  }, [settings]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = Number(threshold);
    if (!Number.isFinite(t) || t < 0 || t > 1) {
      setError(`The Dice threshold must be a number from 0 to 1; '${threshold}' is not.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave({ ...draft, diceThreshold: t });
      onClose();
    } catch (err) {
      setError(`The settings were not saved: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel adj-settings" aria-label="Adjudication settings" noValidate onSubmit={(e) => void submit(e)}>
      <h2>Adjudication settings</h2>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <label>
        Dice threshold
        <input type="number" min={0} max={1} step={0.05} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        <span className="small">Both readers present with mask Dice below this goes to the queue (default 0.5).</span>
      </label>
      <label>
        Automatic consensus of concordant slices
        <select value={draft.autoRule} onChange={(e) => setDraft({ ...draft, autoRule: e.target.value as AdjudicationSettings['autoRule'] })}>
          <option value="primary">the primary reader's mask (as in the paper)</option>
          <option value="union">union of both masks</option>
          <option value="intersection">intersection of both masks</option>
        </select>
      </label>
      <label>
        Primary reader
        <select value={draft.primarySlot} onChange={(e) => setDraft({ ...draft, primarySlot: e.target.value as AdjudicationSettings['primarySlot'] })}>
          <option value="reader1">Reader 1</option>
          <option value="reader2">Reader 2</option>
        </select>
      </label>
      <label>
        Segment-level agreement: a series is positive when its reader marked BME on
        <select value={draft.segmentMinSlices} onChange={(e) => setDraft({ ...draft, segmentMinSlices: Number(e.target.value) })}>
          {segmentRuleOptions(draft.segmentMinSlices).map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">Saving recomputes the automatic consensus of concordant slices. Your own decisions stay as they are.</p>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Save settings
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
