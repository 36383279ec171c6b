import { DEFAULT_SHORTCUTS, formatChord, type ShortcutAction } from '../../editor/shortcuts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The first key of an action as a button shows it ('B', 'Ctrl+Z'), from DEFAULT_SHORTCUTS. */
export function shortcutHint(action: ShortcutAction): string {
  const definition = DEFAULT_SHORTCUTS.find((s) => s.action === action);
  return definition?.keys[0] ? formatChord(definition.keys[0], isMac ? 'mac' : 'other') : '';
}

/** 'Brush (B)': a button's title with its key. */
export function withHint(label: string, action: ShortcutAction): string {
  const hint = shortcutHint(action);
  return hint ? `${label} (${hint})` : label;
}
