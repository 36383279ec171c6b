import { describe, expect, it } from 'vitest';
import {
  countLabels,
  DEFAULT_SHORTCUTS,
  findShortcutConflicts,
  formatChord,
  lockReadiness,
  matchShortcut,
  nextUnreadSlice,
  parseChord,
  type SliceLabel,
} from '../../../renderer/src/editor';

describe('reading state', () => {
  const labels: SliceLabel[] = ['present', 'unread', 'absent', 'unread', 'absent'];

  it('counts labels', () => {
    expect(countLabels(labels)).toEqual({ total: 5, unread: 2, present: 1, absent: 2, read: 3 });
  });

  it('finds the next and previous unread slice, wrapping around', () => {
    expect(nextUnreadSlice(labels, 0)).toBe(1);
    expect(nextUnreadSlice(labels, 1)).toBe(3);
    expect(nextUnreadSlice(labels, 3)).toBe(1);
    expect(nextUnreadSlice(labels, 4)).toBe(1);
    expect(nextUnreadSlice(labels, 2, -1)).toBe(1);
    expect(nextUnreadSlice(labels, 0, -1)).toBe(3);
    expect(nextUnreadSlice(['present', 'absent'], 0)).toBeNull();
    expect(nextUnreadSlice(['unread'], 0)).toBe(0);
  });

  it('allows locking only when every slice is read and every present slice has a ROI', () => {
    expect(lockReadiness(labels, () => false)).toEqual({ canLock: false, unread: [1, 3], presentWithoutRoi: [] });
    expect(lockReadiness(['present', 'absent'], (i) => i === 0)).toEqual({ canLock: false, unread: [], presentWithoutRoi: [0] });
    // An absent slice with an empty mask is the normal case.
    expect(lockReadiness(['present', 'absent'], (i) => i === 1).canLock).toBe(true);
  });
});

describe('shortcuts', () => {
  it('has no chord bound twice', () => {
    expect(findShortcutConflicts(DEFAULT_SHORTCUTS)).toEqual([]);
    expect(
      findShortcutConflicts([
        { action: 'undo', keys: ['Mod+Z'], description: '', group: 'Edit' },
        { action: 'redo', keys: ['Ctrl+z'], description: '', group: 'Edit' },
      ]),
    ).toHaveLength(1);
  });

  it('matches the radiologist keys', () => {
    expect(matchShortcut({ key: 'ArrowDown' })).toBe('nextSlice');
    expect(matchShortcut({ key: 'PageUp' })).toBe('previousSlice');
    expect(matchShortcut({ key: 'n' })).toBe('nextUnreadSlice');
    expect(matchShortcut({ key: 'N', shiftKey: true })).toBe('previousUnreadSlice');
    expect(matchShortcut({ key: 'p' })).toBe('markPresent');
    expect(matchShortcut({ key: 'a' })).toBe('markAbsent');
    expect(matchShortcut({ key: 'b' })).toBe('toolBrush');
    expect(matchShortcut({ key: 'g' })).toBe('toolPolygon');
    expect(matchShortcut({ key: ' ' })).toBe('panHold');
    expect(matchShortcut({ key: '[' })).toBe('brushSizeDown');
    expect(matchShortcut({ key: ']' })).toBe('brushSizeUp');
    expect(matchShortcut({ key: 'c' })).toBe('copyFromPreviousSlice');
    expect(matchShortcut({ key: 'C', shiftKey: true })).toBe('copyFromNextSlice');
    expect(matchShortcut({ key: '0' })).toBe('fit');
    expect(matchShortcut({ key: 'Home' })).toBe('fit');
  });

  it('treats Ctrl and Cmd alike for undo and redo', () => {
    expect(matchShortcut({ key: 'z', ctrlKey: true })).toBe('undo');
    expect(matchShortcut({ key: 'z', metaKey: true })).toBe('undo');
    expect(matchShortcut({ key: 'Z', ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(matchShortcut({ key: 'y', ctrlKey: true })).toBe('redo');
    expect(matchShortcut({ key: 'z' })).toBeNull();
  });

  it('does not fire a plain-letter action when Ctrl or Alt is held', () => {
    expect(matchShortcut({ key: 'p', ctrlKey: true })).toBeNull();
    expect(matchShortcut({ key: 'a', altKey: true })).toBeNull();
  });

  it('accepts Caps Lock letters but not Shift on letters bound without it', () => {
    expect(matchShortcut({ key: 'P' })).toBe('markPresent');
    expect(matchShortcut({ key: 'P', shiftKey: true })).toBeNull();
    expect(matchShortcut({ key: 'ArrowDown', shiftKey: true })).toBeNull();
  });

  it('ignores the Shift needed to type symbols', () => {
    expect(matchShortcut({ key: '+', shiftKey: true })).toBe('zoomIn');
    expect(matchShortcut({ key: '=' })).toBe('zoomIn');
    expect(matchShortcut({ key: '-' })).toBe('zoomOut');
    expect(matchShortcut({ key: '?', shiftKey: true })).toBe('showShortcuts');
  });

  it('parses and formats chords for the shortcuts panel', () => {
    expect(parseChord('Mod+Shift+Z')).toEqual({ key: 'z', mod: true, shift: true, alt: false });
    expect(parseChord('Mod++')).toEqual({ key: '+', mod: true, shift: false, alt: false });
    expect(() => parseChord('Hyper+Z')).toThrow(/Unknown modifier/);
    expect(formatChord('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(formatChord('Mod+Shift+Z', 'mac')).toBe('⌘⇧Z');
    expect(formatChord('ArrowDown')).toBe('↓');
    expect(formatChord('Space')).toBe('Space');
    expect(formatChord('[')).toBe('[');
  });
});
