import { join, posix, win32 } from 'node:path';

/** The desktop app's name as Electron uses it for its data folder (package.json productName). */
export const DESKTOP_APP_NAME = 'BME Workstation';

/**
 * Where the desktop app keeps its data (Electron's app.getPath('userData'): the platform's
 * application-data folder plus the product name), computed without Electron, so that
 * `bme support` finds the desktop app's logs:
 *   Windows  %APPDATA%\BME Workstation
 *   macOS    ~/Library/Application Support/BME Workstation
 *   Linux    $XDG_CONFIG_HOME/BME Workstation, or ~/.config/BME Workstation
 */
export function desktopDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), DESKTOP_APP_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', DESKTOP_APP_NAME);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), DESKTOP_APP_NAME);
}

/** The Node host's data folder (npm run web): BME_HOME, or ~/.bme-workstation. */
export function webHostDataDir(env: Record<string, string | undefined>, home: string): string {
  return env.BME_HOME || join(home, '.bme-workstation');
}
