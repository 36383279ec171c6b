import { isAbsolute, resolve } from 'node:path';

/** A study file's extension (electron-builder.yml registers it with the operating system). */
export const STUDY_EXTENSION = '.bmestudy';

/**
 * The study file named on a command line (a double-clicked study, `BME Workstation x.bmestudy`),
 * resolved against the directory it was started in; null when there is none. Flags (Chromium
 * adds its own) and anything that is not a .bmestudy file are ignored.
 */
export function studyFileFromArgv(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith(STUDY_EXTENSION)) return isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
  }
  return null;
}

/** What a second instance hands to the first through requestSingleInstanceLock's additionalData. */
export interface Handoff {
  studyFile: string | null;
}

export function handoffOf(argv: readonly string[], cwd: string): Handoff {
  return { studyFile: studyFileFromArgv(argv, cwd) };
}

/**
 * The study a second instance asks the first to open: from its additionalData, which arrives as
 * sent, else from its argv, which Electron may reorder and extend (and leaves empty when another
 * user started it).
 */
export function handedStudyFile(argv: readonly string[], cwd: string, additionalData: unknown): string | null {
  const data = additionalData as Partial<Handoff> | null | undefined;
  if (data && typeof data.studyFile === 'string' && data.studyFile.toLowerCase().endsWith(STUDY_EXTENSION) && isAbsolute(data.studyFile)) return resolve(data.studyFile);
  return studyFileFromArgv(argv, cwd);
}

export interface OpenWindow {
  id: number;
  /** The study the window's session has open, or null. */
  studyFile: string | null;
  focused: boolean;
}

export type HandoffPlan = { action: 'focus'; windowId: number } | { action: 'open-window'; studyFile: string | null };

/**
 * Where a handed-over study goes. A window already showing it is brought forward; otherwise it
 * opens in a new window (never in place of the study another window shows, whose reader may be
 * in the middle of a slice). With no study, the app is brought forward: the focused window, or
 * the first, or a new one when none is open. One process, so one writer per study file.
 */
export function planHandoff(studyFile: string | null, windows: readonly OpenWindow[], platform: NodeJS.Platform = process.platform): HandoffPlan {
  if (studyFile) {
    const showing = windows.find((w) => w.studyFile !== null && samePath(w.studyFile, studyFile, platform));
    return showing ? { action: 'focus', windowId: showing.id } : { action: 'open-window', studyFile };
  }
  const target = windows.find((w) => w.focused) ?? windows[0];
  return target ? { action: 'focus', windowId: target.id } : { action: 'open-window', studyFile: null };
}

/** Windows and macOS file systems ignore letter case by default; Linux does not. */
function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'linux' ? resolve(a) === resolve(b) : resolve(a).toLowerCase() === resolve(b).toLowerCase();
}
