/**
 * The reader view's keyboard shortcuts, as data: the key handler matches with matchShortcut()
 * and the shortcuts panel lists DEFAULT_SHORTCUTS by group.
 *
 * Choices, for a reader with one hand on the mouse and one on the keyboard:
 * - Slices scroll like a PACS stack: ArrowUp / PageUp previous, ArrowDown / PageDown next
 *   (the app may also bind the mouse wheel). N jumps to the next unread slice, Shift+N back.
 * - The decision keys are the initials: P present, A absent.
 * - Tools on single letters as in image editors: B brush, E eraser, L lasso, G polygon
 *   ("polyGon"; P is taken by present), H pan, with Space held for a temporary pan.
 * - [ and ] step the brush size; F fill holes, I remove islands; C copies the previous slice's
 *   ROIs, Shift+C the next slice's.
 * - View: O outline-only, V overlay on/off, ',' and '.' overlay opacity down/up (the keys
 *   under < and >), + / - zoom, 0 or Home fit.
 * - Mod+Z undo, Mod+Shift+Z or Mod+Y redo, where Mod is Ctrl (Cmd on a Mac).
 * - While a polygon or stroke is in progress the tool gets Enter / Escape / Backspace first
 *   (EditorTool.key); only keys it does not handle reach this map.
 */

export type ShortcutAction =
  | 'previousSlice'
  | 'nextSlice'
  | 'nextUnreadSlice'
  | 'previousUnreadSlice'
  | 'markPresent'
  | 'markAbsent'
  | 'toolBrush'
  | 'toolEraser'
  | 'toolLasso'
  | 'toolPolygon'
  | 'toolPan'
  | 'panHold'
  | 'brushSizeDown'
  | 'brushSizeUp'
  | 'fillHoles'
  | 'removeIslands'
  | 'copyFromPreviousSlice'
  | 'copyFromNextSlice'
  | 'undo'
  | 'redo'
  | 'toggleOutline'
  | 'toggleOverlay'
  | 'opacityDown'
  | 'opacityUp'
  | 'zoomIn'
  | 'zoomOut'
  | 'fit'
  | 'cancel'
  | 'showShortcuts';

export type ShortcutGroup = 'Slices' | 'Reading' | 'Tools' | 'Edit' | 'View';

export interface ShortcutDefinition {
  readonly action: ShortcutAction;
  /**
   * Key chords, any of which triggers the action: modifiers then the key, joined by '+', e.g.
   * 'Mod+Shift+Z', 'ArrowDown', '['. Key names are KeyboardEvent.key values ('Space' stands for
   * ' ', 'Plus' for '+'). 'Mod' is Ctrl, or Cmd on a Mac. Letters are case-insensitive.
   */
  readonly keys: readonly string[];
  readonly description: string;
  readonly group: ShortcutGroup;
  /** True for a key held down for a temporary mode (Space to pan): act on keydown, end on keyup. */
  readonly hold?: boolean;
}

export const DEFAULT_SHORTCUTS: readonly ShortcutDefinition[] = [
  { action: 'previousSlice', keys: ['ArrowUp', 'PageUp'], description: 'Previous slice', group: 'Slices' },
  { action: 'nextSlice', keys: ['ArrowDown', 'PageDown'], description: 'Next slice', group: 'Slices' },
  { action: 'nextUnreadSlice', keys: ['N'], description: 'Next unread slice', group: 'Slices' },
  { action: 'previousUnreadSlice', keys: ['Shift+N'], description: 'Previous unread slice', group: 'Slices' },
  { action: 'markPresent', keys: ['P'], description: 'Mark slice: BME present', group: 'Reading' },
  { action: 'markAbsent', keys: ['A'], description: 'Mark slice: BME absent (clears its ROI)', group: 'Reading' },
  { action: 'toolBrush', keys: ['B'], description: 'Brush', group: 'Tools' },
  { action: 'toolEraser', keys: ['E'], description: 'Eraser', group: 'Tools' },
  { action: 'toolLasso', keys: ['L'], description: 'Lasso (fills on release; Alt subtracts)', group: 'Tools' },
  { action: 'toolPolygon', keys: ['G'], description: 'Polygon (Enter, double-click or first point closes)', group: 'Tools' },
  { action: 'toolPan', keys: ['H'], description: 'Pan', group: 'Tools' },
  { action: 'panHold', keys: ['Space'], description: 'Hold to pan with any tool', group: 'Tools', hold: true },
  { action: 'brushSizeDown', keys: ['['], description: 'Smaller brush', group: 'Tools' },
  { action: 'brushSizeUp', keys: [']'], description: 'Larger brush', group: 'Tools' },
  { action: 'fillHoles', keys: ['F'], description: 'Fill holes in the ROI', group: 'Edit' },
  { action: 'removeIslands', keys: ['I'], description: 'Remove small islands', group: 'Edit' },
  { action: 'copyFromPreviousSlice', keys: ['C'], description: 'Copy ROIs from the previous slice', group: 'Edit' },
  { action: 'copyFromNextSlice', keys: ['Shift+C'], description: 'Copy ROIs from the next slice', group: 'Edit' },
  { action: 'undo', keys: ['Mod+Z'], description: 'Undo', group: 'Edit' },
  { action: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo', group: 'Edit' },
  { action: 'cancel', keys: ['Escape'], description: 'Cancel the stroke or polygon in progress', group: 'Edit' },
  { action: 'toggleOutline', keys: ['O'], description: 'Outline only / filled overlay', group: 'View' },
  { action: 'toggleOverlay', keys: ['V'], description: 'Show / hide the ROI overlay', group: 'View' },
  { action: 'opacityDown', keys: [','], description: 'Overlay more transparent', group: 'View' },
  { action: 'opacityUp', keys: ['.'], description: 'Overlay more opaque', group: 'View' },
  { action: 'zoomIn', keys: ['Plus', '='], description: 'Zoom in', group: 'View' },
  { action: 'zoomOut', keys: ['-'], description: 'Zoom out', group: 'View' },
  { action: 'fit', keys: ['0', 'Home'], description: 'Fit image to window', group: 'View' },
  { action: 'showShortcuts', keys: ['?'], description: 'Show keyboard shortcuts', group: 'View' },
];

/** Overlay opacity steps for ',' and '.' (fraction, 0..1). */
export const OVERLAY_OPACITY_STEPS: readonly number[] = [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1];

/** The parts of a KeyboardEvent the matcher reads. */
export interface KeyEventLike {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
}

/** A parsed chord. `mod` means Ctrl or Meta (whichever the platform uses). */
export interface KeyChord {
  readonly key: string;
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

const KEY_ALIASES: Record<string, string> = { space: ' ', plus: '+', esc: 'escape' };

/** Parses 'Mod+Shift+Z' into a chord; throws on an unknown modifier (a typo in the map). */
export function parseChord(chord: string): KeyChord {
  // Split on '+' that is not the key itself, so '+' alone and 'Mod++' stay meaningful.
  const parts = chord === '+' ? ['+'] : chord.endsWith('++') ? [...chord.slice(0, -2).split('+'), '+'] : chord.split('+');
  const keyPart = parts.pop()!;
  let mod = false, shift = false, alt = false;
  for (const part of parts) {
    const p = part.toLowerCase();
    if (p === 'mod' || p === 'ctrl' || p === 'cmd') mod = true;
    else if (p === 'shift') shift = true;
    else if (p === 'alt') alt = true;
    else throw new Error(`Unknown modifier '${part}' in shortcut '${chord}'.`);
  }
  return { key: normalizeKey(keyPart), mod, shift, alt };
}

/**
 * The action for a key event, or null. Ctrl/Cmd and Alt must match exactly (so Ctrl+P, the
 * browser's print, is not 'present'). Shift must match exactly for letters and named keys; for
 * other single characters ('+', '?', '[' ...) Shift is part of how the character is typed on
 * many layouts, so it is ignored there.
 */
export function matchShortcut(
  event: KeyEventLike,
  shortcuts: readonly ShortcutDefinition[] = DEFAULT_SHORTCUTS,
): ShortcutAction | null {
  const key = normalizeKey(event.key);
  const mod = Boolean(event.ctrlKey || event.metaKey);
  const shift = Boolean(event.shiftKey);
  const alt = Boolean(event.altKey);
  const shiftMatters = key.length > 1 || /^[a-z0-9]$/.test(key);
  for (const definition of shortcuts) {
    for (const chordText of definition.keys) {
      const chord = parseChord(chordText);
      if (chord.key !== key || chord.mod !== mod || chord.alt !== alt) continue;
      if (shiftMatters && chord.shift !== shift) continue;
      return definition.action;
    }
  }
  return null;
}

/** Chords bound to more than one action (a broken map); empty for DEFAULT_SHORTCUTS. */
export function findShortcutConflicts(shortcuts: readonly ShortcutDefinition[]): string[] {
  const seen = new Map<string, ShortcutAction>();
  const conflicts: string[] = [];
  for (const definition of shortcuts) {
    for (const chordText of definition.keys) {
      const c = parseChord(chordText);
      const id = `${c.mod ? 'Mod+' : ''}${c.alt ? 'Alt+' : ''}${c.shift ? 'Shift+' : ''}${c.key}`;
      const other = seen.get(id);
      if (other && other !== definition.action) conflicts.push(`${chordText}: ${other} and ${definition.action}`);
      else seen.set(id, definition.action);
    }
  }
  return conflicts;
}

/** A chord as the shortcuts panel shows it: 'Ctrl+Shift+Z' (or '⌘⇧Z' on a Mac), 'Space', '↓'. */
export function formatChord(chordText: string, platform: 'mac' | 'other' = 'other'): string {
  const chord = parseChord(chordText);
  const names: Record<string, string> = {
    ' ': 'Space', arrowup: '↑', arrowdown: '↓', arrowleft: '←', arrowright: '→',
    pageup: 'Page Up', pagedown: 'Page Down', escape: 'Esc', home: 'Home', enter: 'Enter', backspace: 'Backspace',
  };
  const key = names[chord.key] ?? chord.key.toUpperCase();
  if (platform === 'mac') return `${chord.mod ? '⌘' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${key}`;
  return [chord.mod ? 'Ctrl' : '', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

function normalizeKey(key: string): string {
  const lower = key.toLowerCase();
  return KEY_ALIASES[lower] ?? lower;
}
