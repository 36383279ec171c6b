import { useEffect, useState } from 'react';
import type { HostApi } from '../../../../shared/contracts';

/**
 * The study setting 'Readers see model suggestions' (off by default). Reads of a ground-truth
 * study must stay independent of the model, or the model would be scored against its own hints.
 */
export function SuggestionSetting({ api, onError }: { api: HostApi; onError: (message: string) => void }) {
  const [on, setOn] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    api.predictions.settings({}).then(
      (s) => setOn(s.readersSeeSuggestions),
      (e: Error) => onError(`The suggestion setting could not be loaded: ${e.message}`),
    );
    // Once per api: onError is a fresh function on every render of the page.
  }, [api]);

  const change = async (value: boolean) => {
    const before = on;
    // Shown at once; put back if the core refuses.
    setOn(value);
    setSaving(true);
    try {
      setOn((await api.predictions.setSettings({ readersSeeSuggestions: value })).readersSeeSuggestions);
    } catch (e) {
      setOn(before);
      onError(`The suggestion setting was not changed: ${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="suggestion-setting">
      <label className="adj-check">
        <input type="checkbox" checked={on ?? false} disabled={on === null || saving} onChange={(e) => void change(e.target.checked)} />
        Readers see model suggestions
      </label>
      <p className="muted small">
        Off by default: in a ground-truth study every read stays independent of the model, which is later scored against those reads. Coordinators always see suggestions in their
        own reads. The change is recorded in the audit.
      </p>
    </div>
  );
}
