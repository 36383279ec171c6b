import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { distPath } from '../../dist-path';
import { Rng } from '../../dicom/phantom/prng';
import { verifyAuditChain } from '../verify-audit';
import { checkAfterKill, type KillCheck, type SoakLedger } from './check-after-kill';
import { prepareSoakStudy } from './prepare-soak-study';
import { parseSoakLine, type SoakLine } from './soak-protocol';
import { openSqlite } from '../../db/sqlite';

export interface CrashSoakOptions {
  /** SIGKILLs to deliver (default 500). */
  kills?: number;
  seed?: number;
  /** Working folder (default: a new temporary one, removed at the end unless `keep`). */
  dir?: string;
  keep?: boolean;
  /** After 'ready', the kill comes 0 to this many ms later (default 250). */
  maxRunMs?: number;
  /** Share of kills aimed at start-up (opening, quick_check, the backup at open) instead (default 0.15). */
  startupShare?: number;
  /** Called after every kill with its number and check. */
  onKill?: (n: number, check: KillCheck) => void;
}

export interface CrashSoakSummary {
  kills: number;
  /** Kills that landed before the child was ready (during start-up, opening, the first backup). */
  killsDuringStartup: number;
  savesConfirmed: number;
  /** Saves in flight at a kill that turned out committed (allowed: never confirmed, never lost). */
  inFlightCommitted: number;
  savesLost: number;
  integrityFailures: number;
  halfWritten: number;
  auditChainFailures: number;
  backupsChecked: number;
  badBackups: number;
  /** Children that stopped by themselves (an error), not by the kill. */
  childErrors: number;
  auditRows: number;
  seconds: number;
  studyFile: string;
  /** The first problems found (all counts above but the first three and the last two must be 0). */
  problems: string[];
}

/**
 * The crash soak: a child saves annotations through the real services as fast as it can and is
 * SIGKILLed at random moments, `kills` times; after every kill the study is checked as the next
 * process would find it (checkAfterKill). The same study carries on from kill to kill.
 */
export async function runCrashSoak(options: CrashSoakOptions = {}): Promise<CrashSoakSummary> {
  const started = Date.now();
  const kills = options.kills ?? 500;
  const rng = Rng.derive('crash-soak-parent', options.seed ?? 1);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bme-soak-'));
  const file = await prepareSoakStudy(dir, 1, options.seed ?? 7);
  // A private copy of the child: a rebuild of dist/ by someone else during a long soak must not
  // turn into spawn failures. Its npm dependencies still load from the project's node_modules.
  const built = distPath('reliability/soak-child.cjs');
  const child = join(dir, 'soak-child.cjs');
  copyFileSync(built, child);
  const nodePath = [join(dirname(built), '..', '..', 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(delimiter);
  const ledger: SoakLedger = { head: initialHead(file), lastBackupChecked: null };
  const sum: CrashSoakSummary = {
    kills: 0,
    killsDuringStartup: 0,
    savesConfirmed: 0,
    inFlightCommitted: 0,
    savesLost: 0,
    integrityFailures: 0,
    halfWritten: 0,
    auditChainFailures: 0,
    backupsChecked: 0,
    badBackups: 0,
    childErrors: 0,
    auditRows: 0,
    seconds: 0,
    studyFile: file,
    problems: [],
  };
  try {
    for (let n = 1; n <= kills; n++) {
      const atStartup = rng.next() < (options.startupShare ?? 0.15);
      const delay = atStartup ? rng.int(0, 700) : rng.int(0, options.maxRunMs ?? 250);
      const run = await runOnce(child, nodePath, file, rng.int(1, 2 ** 30), atStartup, delay);
      if (run.killed) sum.kills++;
      else {
        sum.childErrors++;
        if (sum.problems.length < 20) sum.problems.push(`child ${n} stopped by itself (${run.exit}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      }
      if (!run.lines.some((l) => l.kind === 'ready')) sum.killsDuringStartup++;
      const check = checkAfterKill(file, run.lines, ledger);
      sum.savesConfirmed += check.confirmed;
      sum.inFlightCommitted += check.inFlightCommitted ? 1 : 0;
      sum.savesLost += check.lost;
      sum.integrityFailures += check.integrityFailures;
      sum.halfWritten += check.halfWritten;
      sum.auditChainFailures += check.auditChainFailures;
      sum.backupsChecked += check.backupsChecked;
      sum.badBackups += check.badBackups;
      for (const p of check.problems) if (sum.problems.length < 20) sum.problems.push(`kill ${n}: ${p}`);
      options.onKill?.(n, check);
    }
    sum.auditRows = ledger.head?.id ?? 0;
  } finally {
    sum.seconds = Math.round((Date.now() - started) / 100) / 10;
    if (!options.dir && !options.keep) rmSync(dir, { recursive: true, force: true });
  }
  return sum;
}

function initialHead(file: string): { id: number; rowHash: string } | null {
  const db = openSqlite(file, { readonly: true });
  try {
    const v = verifyAuditChain(db);
    if (!v.ok) throw new Error(`the soak study's audit trail does not verify before the soak: ${v.firstTampered?.problem ?? 'triggers missing'}`);
    return v.head;
  } finally {
    db.close();
  }
}

interface Run {
  lines: SoakLine[];
  killed: boolean;
  exit: string;
  stderr: string;
}

/**
 * Starts the child and SIGKILLs it `delayMs` after it is ready (or after it starts, for a
 * start-up kill). Resolves when its output is fully read: a line printed before the kill counts.
 */
function runOnce(script: string, nodePath: string, file: string, seed: number, atStartup: boolean, delayMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [script, file, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: nodePath } });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    let killed = false;
    let stuck = false;
    const kill = () => {
      killed = proc.exitCode === null && proc.signalCode === null;
      proc.kill('SIGKILL');
    };
    const arm = () => {
      if (!timer) timer = setTimeout(kill, delayMs);
    };
    if (atStartup) arm();
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!atStartup && /^ready /m.test(out)) arm();
    });
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // A child that cannot be started (or signalled) is a run that reports why, not a crash of the soak.
    proc.on('error', (e) => (err += `\n${e.message}`));
    // A child that never gets ready is killed too, and reported by its output.
    const guard = setTimeout(() => {
      stuck = true;
      kill();
    }, 30_000);
    proc.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      // Only complete lines count: a line cut by the kill has no newline and was never confirmed.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      const lines = complete.split('\n').map(parseSoakLine).filter((l): l is SoakLine => l !== null);
      resolve({ lines, killed: killed && !stuck && signal === 'SIGKILL', exit: stuck ? 'never ready in 30 s' : (signal ?? `exit code ${code}`), stderr: err });
    });
  });
}
