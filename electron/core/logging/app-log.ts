import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

/** The app's log folder inside its data folder (settings.json lives beside it). */
export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

export const LOG_FILE = 'bme.log';
/** The previous log, kept when the current one passes the size limit. */
export const OLD_LOG_FILE = 'bme.1.log';

/**
 * The app's own log: one line per warning or error, with its time, in <dataDir>/logs/bme.log. When
 * the file passes `maxBytes` it becomes bme.1.log (the one before is dropped), so the log never
 * grows without bound on a workstation that runs for months. It is for the people supporting
 * the app: "Save a support file" includes its end, with identifiers taken out (support-file.ts).
 * Writing never throws: a full or read-only disk must not turn a warning into a crash.
 */
export class AppLog {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly maxBytes = 1024 * 1024,
  ) {
    this.file = join(dir, LOG_FILE);
  }

  write(level: 'info' | 'warn' | 'error', message: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      if (existsSync(this.file) && statSync(this.file).size > this.maxBytes) renameSync(this.file, join(this.dir, OLD_LOG_FILE));
      const lines = message.split(/\r?\n/).filter((l) => l.trim() !== '');
      appendFileSync(this.file, lines.map((l) => `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${l}\n`).join(''));
    } catch {
      // Nowhere left to report it: the message still went to the console.
    }
  }
}

/**
 * Copies what the process writes through console.warn and console.error (the core's warnings:
 * failed backups, runs that could not be recorded, worker failures) into `log` as well; the
 * console keeps them. Returns the function that undoes it.
 */
export function captureConsole(log: AppLog): () => void {
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => {
    warn.apply(console, args);
    log.write('warn', format(...args));
  };
  console.error = (...args: unknown[]) => {
    error.apply(console, args);
    log.write('error', format(...args));
  };
  return () => {
    console.warn = warn;
    console.error = error;
  };
}
