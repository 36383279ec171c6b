// The decisions of the desktop shell, as plain functions: what quitting, a second instance, a
// handed-over study and unsaved edits do on each platform (main-wiring.test.ts checks the shell
// reaches them from Electron's events).
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { afterLastWindowClosed, APP_ID, appUserModelId, onActivate } from '../../../electron/main/lifecycle';
import { menuTemplate, SUPPORT_FILE_LABEL } from '../../../electron/main/menu-template';
import { handedStudyFile, handoffOf, planHandoff, studyFileFromArgv } from '../../../electron/main/second-instance';
import { leaveOrStayDialog, unloadDecision } from '../../../electron/main/unload';

describe('quitting and closing windows', () => {
  it('the last window quits the app except on macOS, where the app and its core live on', () => {
    expect(afterLastWindowClosed('win32')).toBe('quit');
    expect(afterLastWindowClosed('linux')).toBe('quit');
    expect(afterLastWindowClosed('darwin')).toBe('keep-running');
  });

  it('activation opens a window only when none is open', () => {
    expect(onActivate(0)).toBe('open-window');
    expect(onActivate(2)).toBe('nothing');
  });

  it("Windows gets the installer's appId as AppUserModelID; other systems nothing", () => {
    expect(appUserModelId('win32')).toBe(APP_ID);
    expect(appUserModelId('darwin')).toBeNull();
    expect(appUserModelId('linux')).toBeNull();
  });
});

describe('a second instance and a handed-over study', () => {
  it('finds the study on a command line, past flags and the executable, relative to its folder', () => {
    expect(studyFileFromArgv(['/opt/bme/bme', '--no-sandbox', 'a/spine.bmestudy'], '/home/u')).toBe(resolve('/home/u/a/spine.bmestudy'));
    expect(studyFileFromArgv(['C:\\BME\\bme.exe', '/data/Spine.BMESTUDY'], '/x')).toBe(resolve('/data/Spine.BMESTUDY'));
    expect(studyFileFromArgv(['/opt/bme/bme', 'notes.txt', '--x=y.bmestudy'], '/x')).toBeNull();
    expect(studyFileFromArgv(['/path/to/study.bmestudy'], '/x')).toBeNull(); // argv[0] is the program
  });

  it("prefers the second instance's additionalData (sent as is) over its argv (reordered, extended)", () => {
    expect(handoffOf(['/opt/bme/bme', 'x.bmestudy'], '/w')).toEqual({ studyFile: resolve('/w/x.bmestudy') });
    expect(handedStudyFile(['/opt/bme/bme', '/argv.bmestudy'], '/w', { studyFile: '/data.bmestudy' })).toBe(resolve('/data.bmestudy'));
    expect(handedStudyFile(['/opt/bme/bme', '/argv.bmestudy'], '/w', { studyFile: 'relative.bmestudy' })).toBe(resolve('/argv.bmestudy'));
    expect(handedStudyFile(['/opt/bme/bme', '/argv.bmestudy'], '/w', { studyFile: '/etc/passwd' })).toBe(resolve('/argv.bmestudy'));
    expect(handedStudyFile(['/opt/bme/bme'], '/w', null)).toBeNull();
  });

  it('focuses the window showing the study, else opens it in a new window; without one, brings the app forward', () => {
    const windows = [
      { id: 1, studyFile: '/s/a.bmestudy', focused: false },
      { id: 2, studyFile: null, focused: true },
    ];
    expect(planHandoff('/s/a.bmestudy', windows, 'linux')).toEqual({ action: 'focus', windowId: 1 });
    expect(planHandoff('/s/b.bmestudy', windows, 'linux')).toEqual({ action: 'open-window', studyFile: '/s/b.bmestudy' });
    expect(planHandoff(null, windows, 'linux')).toEqual({ action: 'focus', windowId: 2 });
    expect(planHandoff(null, [{ ...windows[0]!, focused: false }], 'linux')).toEqual({ action: 'focus', windowId: 1 });
    expect(planHandoff(null, [], 'linux')).toEqual({ action: 'open-window', studyFile: null });
    // Letter case: the same file on Windows and macOS, another on Linux.
    expect(planHandoff('/S/A.bmestudy', windows, 'win32')).toEqual({ action: 'focus', windowId: 1 });
    expect(planHandoff('/S/A.bmestudy', windows, 'darwin')).toEqual({ action: 'focus', windowId: 1 });
    expect(planHandoff('/S/A.bmestudy', windows, 'linux')).toEqual({ action: 'open-window', studyFile: '/S/A.bmestudy' });
    expect(planHandoff(join('/s', 'x', '..', 'a.bmestudy'), windows, 'linux')).toEqual({ action: 'focus', windowId: 1 });
  });
});

describe('unsaved edits when a window closes', () => {
  it('asks Leave or Stay, Stay by default and on Escape', () => {
    const d = leaveOrStayDialog();
    expect(d.buttons).toEqual(['Leave', 'Stay']);
    expect(d.buttons[d.defaultId]).toBe('Stay');
    expect(d.buttons[d.cancelId]).toBe('Stay');
    expect(unloadDecision(0)).toBe('leave');
    expect(unloadDecision(1)).toBe('stay');
    expect(unloadDecision(-1)).toBe('stay');
  });
});

describe('the application menu', () => {
  const actions = { newWindow: () => undefined, openStudy: () => undefined, saveSupportFile: () => undefined };
  type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void };
  const roles = (items: Item[] | undefined) => (items ?? []).map((i) => i.role ?? i.label ?? 'separator');

  it("macOS: the app's own menu first (About, Services, Hide, Hide Others, Show All, Quit) and a Window menu", () => {
    const menu = menuTemplate('darwin', 'BME Workstation', actions) as Item[];
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['BME Workstation', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
    expect(roles(menu[0]!.submenu).filter((r) => r !== 'separator')).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(menu[1]!.submenu)).not.toContain('quit');
  });

  it('Windows and Linux: File ends with Quit, Help has About', () => {
    for (const p of ['win32', 'linux'] as const) {
      const menu = menuTemplate(p, 'BME Workstation', actions) as Item[];
      expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'help']);
      expect(roles(menu[0]!.submenu).at(-1)).toBe('quit');
      expect(roles(menu.at(-1)!.submenu)).toContain('about');
    }
  });

  it('Help saves a support file on every platform', () => {
    for (const p of ['darwin', 'win32', 'linux'] as const) {
      let saved = 0;
      const menu = menuTemplate(p, 'BME Workstation', { ...actions, saveSupportFile: () => saved++ }) as Item[];
      menu.find((m) => m.role === 'help')!.submenu!.find((i) => i.label === SUPPORT_FILE_LABEL)!.click!();
      expect(saved).toBe(1);
    }
  });
});
