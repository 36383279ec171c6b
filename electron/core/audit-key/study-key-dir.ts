import { homedir } from 'node:os';
import { join } from 'node:path';
import { desktopDataDir } from '../support/desktop-data-dir';

/**
 * Where this account keeps the audit keys of its studies: one folder in the user's profile,
 * outside every study and its data folder, the same for every host (the desktop app, the Node
 * host, the bme CLI), so a study written by one verifies in the others:
 *   Windows  %APPDATA%\BME Workstation\study-keys
 *   macOS    ~/Library/Application Support/BME Workstation/study-keys
 *   Linux    $XDG_CONFIG_HOME/BME Workstation/study-keys, or ~/.config/BME Workstation/study-keys
 * BME_KEY_DIR moves it (the tests use a temporary one).
 */
export function studyKeyDir(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  return env.BME_KEY_DIR || join(desktopDataDir(platform, env, home), 'study-keys');
}
