import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { arch, cpus, freemem, release, totalmem, type as osType } from 'node:os';
import { basename, join } from 'node:path';
import type { EngineReport } from '../../../shared/model/training';
import { appVersion } from '../app-version';
import { openSqlite } from '../db/sqlite';
import { LOG_FILE, OLD_LOG_FILE } from '../logging/app-log';
import { packageVersions } from './package-versions';
import { redactText } from './redact';
import { readStudyFacts, type StudyFacts } from './study-facts';

/** Lines of log kept in a support file, newest last. */
export const SUPPORT_LOG_LINES = 2000;

export interface SupportInput {
  /** Which program writes the file: the desktop app, the Node host or the CLI. */
  host: 'electron' | 'web' | 'cli';
  /** Log folders to include (the app's <dataDir>/logs), each with what it belongs to. */
  logs: { label: string; dir: string }[];
  /** Study files to describe (schema version, health); their identifiers are kept out of the logs. */
  studies: string[];
  /** The training engine this machine would use (the training worker's report). */
  engine: () => Promise<EngineReport>;
  /** Versions only the host knows (Electron's and Chromium's). */
  hostVersions?: Record<string, string | undefined>;
  now?: Date;
}

export interface SupportReport {
  kind: 'bme-workstation-support-file';
  format: 1;
  createdAt: string;
  /** What this file holds and, as importantly, what it never does. */
  contents: string;
  app: { version: string; host: SupportInput['host'] };
  versions: Record<string, string | null | undefined>;
  platform: { os: NodeJS.Platform; type: string; release: string; arch: string; cpu: string; cpus: number; memoryMB: number; freeMemoryMB: number };
  engine: EngineReport | { error: string };
  studies: (StudyFacts | { error: string })[];
  logs: { label: string; file: string; lines: string[] }[];
}

const CONTENTS =
  'Versions, platform, the training engine report, the schema version and health of the studies named, and the end of the app\'s logs ' +
  'with file paths, UIDs, patient names and IDs, accounts and study titles replaced by <path>, <uid> and <redacted>. ' +
  'It holds no images, no reads, no masks, no patient data and no file paths: it is safe to send to support.';

/**
 * What a person without telemetry sends to support: written by Help > Save a Support File in the
 * desktop app and by `bme support`. Nothing in it comes from a study's rows except its format
 * facts (readStudyFacts); the identifiers the studies hold are used only to scrub the logs.
 */
export async function collectSupportReport(input: SupportInput): Promise<SupportReport> {
  const secrets: string[] = [];
  const studies = input.studies.map((file) => {
    try {
      const { facts, secrets: s } = readStudyFacts(file);
      secrets.push(...s);
      return facts;
    } catch (err) {
      return { error: redactText(`the study could not be read: ${(err as Error).message}`) };
    }
  });
  return {
    kind: 'bme-workstation-support-file',
    format: 1,
    createdAt: (input.now ?? new Date()).toISOString(),
    contents: CONTENTS,
    app: { version: appVersion, host: input.host },
    versions: { node: process.versions.node, v8: process.versions.v8, modules: process.versions.modules, sqlite: sqliteVersion(), ...input.hostVersions, ...packageVersions() },
    platform: {
      os: process.platform,
      type: osType(),
      release: release(),
      arch: arch(),
      cpu: cpus()[0]?.model ?? 'unknown',
      cpus: cpus().length,
      memoryMB: Math.round(totalmem() / 2 ** 20),
      freeMemoryMB: Math.round(freemem() / 2 ** 20),
    },
    engine: await engineOrError(input.engine),
    studies,
    logs: input.logs.flatMap(({ label, dir }) => readLogTail(dir, secrets).map((l) => ({ label, ...l }))),
  };
}

/** Writes the report as JSON, through a temporary name so a half-written file never has the real one. */
export function writeSupportFile(out: string, report: SupportReport): void {
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(report, null, 2) + '\n');
  renameSync(tmp, out);
}

/** A support file's name for `now`: bme-support-20261202-143005.json. */
export function supportFileName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `bme-support-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.json`;
}

function readLogTail(dir: string, secrets: string[]): { file: string; lines: string[] }[] {
  const out: { file: string; lines: string[] }[] = [];
  let budget = SUPPORT_LOG_LINES;
  // The current log first (its newest lines matter most), then the one before it, if room is left.
  for (const name of [LOG_FILE, OLD_LOG_FILE]) {
    const file = join(dir, name);
    if (budget <= 0 || !existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l !== '');
    const kept = lines.slice(-budget);
    budget -= kept.length;
    out.push({ file: basename(file), lines: kept.map((l) => redactText(l, secrets)) });
  }
  return out;
}

async function engineOrError(engine: () => Promise<EngineReport>): Promise<EngineReport | { error: string }> {
  try {
    const report = await engine();
    // The reasons quote loader messages, which can name folders under the user's home.
    return { ...report, rejected: report.rejected.map((r) => ({ ...r, reason: redactText(r.reason) })) };
  } catch (err) {
    return { error: redactText((err as Error).message) };
  }
}

function sqliteVersion(): string {
  const db = openSqlite(':memory:');
  try {
    return String(db.prepare('SELECT sqlite_version()').pluck().get());
  } finally {
    db.close();
  }
}
