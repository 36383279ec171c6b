import { DEFAULT_SHORTCUTS, formatChord, type ShortcutGroup } from '../../editor/shortcuts';

const GROUPS: ShortcutGroup[] = ['Slices', 'Reading', 'Tools', 'Edit', 'View'];

/** Keys the reader view adds beside the editor's map (the viewer's display keys and the mouse). */
const EXTRA: { group: ShortcutGroup; keys: string[]; description: string }[] = [
  { group: 'Slices', keys: ['Wheel'], description: 'Previous / next slice' },
  { group: 'View', keys: ['Ctrl+Wheel'], description: 'Zoom about the cursor (also the wheel while drawing)' },
  { group: 'View', keys: ['Middle drag'], description: 'Pan, also in the middle of a stroke' },
  { group: 'View', keys: ['Right drag'], description: 'Window / level' },
  { group: 'View', keys: ['1', '2', '3'], description: 'Window presets: auto STIR, edema, full range' },
  { group: 'View', keys: ['R'], description: 'Fake-color (previous / current / next slice as R / G / B)' },
  { group: 'Edit', keys: ['Enter', 'Backspace'], description: 'Polygon: close / remove the last point' },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The keyboard shortcuts, generated from DEFAULT_SHORTCUTS ('?' opens and closes it). */
export function ShortcutsPanel({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <section className="shortcuts-panel" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onMouseDown={(e) => e.stopPropagation()}>
        <header>
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="shortcuts-grid">
          {GROUPS.map((group) => (
            <div key={group} className="shortcuts-group">
              <h3>{group}</h3>
              <dl>
                {DEFAULT_SHORTCUTS.filter((s) => s.group === group).map((s) => (
                  <Row key={s.action} keys={s.keys.map((k) => formatChord(k, isMac ? 'mac' : 'other'))} description={s.description + (s.hold ? ' (hold)' : '')} />
                ))}
                {EXTRA.filter((s) => s.group === group).map((s) => (
                  <Row key={s.description} keys={s.keys} description={s.description} />
                ))}
              </dl>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

function Row({ keys, description }: { keys: string[]; description: string }) {
  return (
    <>
      <dt>
        {keys.map((k, i) => (
          <kbd key={i}>{k}</kbd>
        ))}
      </dt>
      <dd>{description}</dd>
    </>
  );
}
