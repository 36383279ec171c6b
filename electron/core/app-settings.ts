import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RecentStudy } from '../../shared/model/study';

interface SettingsFile {
  recent: { file: string; title: string; openedAt: string }[];
  /** Study file -> the second location of its backups, to find them when the study itself is gone. */
  secondLocations?: Record<string, string>;
}

const MAX_RECENT = 12;

/**
 * Per-machine settings of the app (not of a study): the recent-studies list. A small JSON file in
 * the app's data folder, replaced atomically (write to a temporary file, then rename).
 */
export class AppSettings {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  private read(): SettingsFile {
    if (!existsSync(this.file)) return { recent: [] };
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SettingsFile>;
      const second = parsed.secondLocations && typeof parsed.secondLocations === 'object' ? parsed.secondLocations : {};
      return { recent: Array.isArray(parsed.recent) ? parsed.recent : [], secondLocations: second };
    } catch {
      // A damaged settings file costs the recent list, never a study: start a new one.
      return { recent: [] };
    }
  }

  private write(s: SettingsFile): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    // The recent list names studies (often after their patients' project): for this account only.
    writeFileSync(tmp, JSON.stringify(s, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  recent(): RecentStudy[] {
    return this.read().recent.map((r) => ({ ...r, exists: existsSync(r.file) }));
  }

  touchRecent(file: string, title: string): void {
    const s = this.read();
    s.recent = [{ file, title, openedAt: new Date().toISOString() }, ...s.recent.filter((r) => r.file !== file)].slice(
      0,
      MAX_RECENT,
    );
    this.write(s);
  }

  /** The second location of a study's backups as this machine last saw it set, or null. */
  secondLocationFor(file: string): string | null {
    return this.read().secondLocations?.[file] ?? null;
  }

  rememberSecondLocation(file: string, folder: string | null): void {
    const s = this.read();
    const all = { ...s.secondLocations };
    if (folder) all[file] = folder;
    else delete all[file];
    this.write({ ...s, secondLocations: all });
  }

  forgetRecent(file: string): void {
    const s = this.read();
    s.recent = s.recent.filter((r) => r.file !== file);
    this.write(s);
  }
}
