import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { distPath } from '../../dist-path';
import { Rng } from '../../dicom/phantom/prng';
import { craftedFiles } from './crafted';
import { TYPED_PROBLEM_CODES, type FuzzReply } from './fuzz-messages';
import { mutateSeed } from './mutate';
import { codecSeeds, fuzzSeeds } from './seeds';

export interface FuzzOptions {
  /** Files to send (default 10,000); every crafted file is among them. */
  files?: number;
  seed?: number;
  /** A file taking longer fails (default 5000 ms). */
  timeoutMs?: number;
  /** A file whose scan raises the worker's peak resident memory above this fails (default 512 MiB). */
  memoryMb?: number;
  /** Failing inputs are copied here for reproduction (default: a folder under the work folder, kept when anything failed). */
  findingsDir?: string;
  onProgress?: (done: number, total: number, summary: FuzzSummary) => void;
}

export interface FuzzFinding {
  file: string;
  what: 'crash' | 'timeout' | 'memory' | 'untyped' | 'no_file_name' | 'unknown_code';
  detail: string;
}

export interface FuzzSummary {
  files: number;
  /** The valid files mutations started from. */
  seeds: string[];
  crafted: number;
  /** Read as images (mutations that left a valid file, e.g. a flipped pixel bit). */
  accepted: number;
  rejected: number;
  skipped: number;
  byCode: Record<string, number>;
  crashes: number;
  timeouts: number;
  overMemory: number;
  /** Rejections whose error was not a DicomReadError (a bug in a decoder path). */
  untyped: number;
  /** Rejections whose message does not name the file. */
  messagesWithoutFile: number;
  unknownCodes: number;
  slowest: { ms: number; file: string } | null;
  peakMemory: { mb: number; file: string } | null;
  /** Resident memory of the idle worker, MiB: the floor under every peak. */
  baselineMb: number;
  seconds: number;
  findings: FuzzFinding[];
  findingsDir: string | null;
}

/** Above this the parent kills the worker at once, whatever it is doing: it protects the machine. */
const HARD_KILL_MB = 1536;

/**
 * The DICOM fuzzer: crafted hostile files, then mutations of valid seeds, each written to disk and
 * sent through the importer's per-file path (scanFile) in a child process that the parent watches
 * for crashes, hangs (timeoutMs) and memory (memoryMb, from the kernel's peak-RSS mark per file).
 * Every rejection must be a typed problem whose message names the file.
 */
export async function runFuzz(options: FuzzOptions = {}): Promise<FuzzSummary> {
  const started = Date.now();
  const total = options.files ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const memoryMb = options.memoryMb ?? 512;
  const rng = Rng.derive('fuzz-dicom', options.seed ?? 1);
  const work = mkdtempSync(join(tmpdir(), 'bme-fuzz-'));
  const inputs = join(work, 'in');
  mkdirSync(inputs);
  const findingsDir = options.findingsDir ?? join(work, 'findings');
  const plain = fuzzSeeds();
  const seeds = [...plain, ...codecSeeds(plain, work)];
  const crafted = craftedFiles(rng);
  const s: FuzzSummary = {
    files: 0,
    seeds: seeds.map((x) => x.name),
    crafted: Math.min(crafted.length, total),
    accepted: 0,
    rejected: 0,
    skipped: 0,
    byCode: {},
    crashes: 0,
    timeouts: 0,
    overMemory: 0,
    untyped: 0,
    messagesWithoutFile: 0,
    unknownCodes: 0,
    slowest: null,
    peakMemory: null,
    baselineMb: 0,
    seconds: 0,
    findings: [],
    findingsDir: null,
  };
  const worker = new WorkerHandle(work);
  try {
    s.baselineMb = await worker.start();
    for (let i = 0; i < total; i++) {
      const { name, bytes } = i < crafted.length ? { name: crafted[i]!.name, bytes: crafted[i]!.make() } : mutateSeed(seeds, rng);
      const path = join(inputs, `fuzz-${String(i).padStart(5, '0')}-${name.replace(/[^\w+.-]/g, '_')}.dcm`);
      writeFileSync(path, bytes);
      const outcome = await worker.scan(i, path, timeoutMs);
      s.files++;
      const found = judge(outcome, path, memoryMb, timeoutMs, s);
      if (found.length) {
        mkdirSync(findingsDir, { recursive: true });
        copyFileSync(path, join(findingsDir, `${found[0]!.what}-${pathName(path)}`));
        s.findings.push(...found);
        s.findingsDir = findingsDir;
      }
      // A worker that kept a lot of memory would make the next file's peak look like its own.
      if (outcome.kind !== 'reply' || outcome.reply.rssAfterMb > memoryMb / 4) s.baselineMb = await worker.start();
      unlinkSync(path);
      options.onProgress?.(i + 1, total, s);
    }
  } finally {
    worker.stop();
    s.seconds = Math.round((Date.now() - started) / 100) / 10;
    rmSync(inputs, { recursive: true, force: true });
    rmSync(join(work, 'blobs'), { recursive: true, force: true });
    // The work folder goes unless it holds the findings (no folder of the caller's was given).
    if (options.findingsDir || !s.findingsDir) rmSync(work, { recursive: true, force: true });
  }
  return s;
}

function pathName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

type Outcome = { kind: 'reply'; reply: FuzzReply } | { kind: 'crash'; detail: string } | { kind: 'timeout' } | { kind: 'memory'; mb: number };

/** Counts one outcome into the summary and returns what is wrong with it. */
function judge(o: Outcome, path: string, memoryMb: number, timeoutMs: number, s: FuzzSummary): FuzzFinding[] {
  const file = pathName(path);
  if (o.kind === 'crash') {
    s.crashes++;
    return [{ file, what: 'crash', detail: o.detail }];
  }
  if (o.kind === 'timeout') {
    s.timeouts++;
    return [{ file, what: 'timeout', detail: `no answer in ${timeoutMs} ms` }];
  }
  if (o.kind === 'memory') {
    s.overMemory++;
    return [{ file, what: 'memory', detail: `resident memory reached ${Math.round(o.mb)} MiB; killed at ${HARD_KILL_MB}` }];
  }
  const r = o.reply;
  const out: FuzzFinding[] = [];
  if (!s.slowest || r.ms > s.slowest.ms) s.slowest = { ms: Math.round(r.ms * 10) / 10, file };
  if (!s.peakMemory || r.peakMb > s.peakMemory.mb) s.peakMemory = { mb: Math.round(r.peakMb), file };
  if (r.ms > timeoutMs) {
    s.timeouts++;
    out.push({ file, what: 'timeout', detail: `took ${Math.round(r.ms)} ms` });
  }
  if (r.peakMb > memoryMb) {
    s.overMemory++;
    out.push({ file, what: 'memory', detail: `peak resident memory ${Math.round(r.peakMb)} MiB` });
  }
  if (r.kind === 'image') s.accepted++;
  else if (r.kind === 'skipped') s.skipped++;
  else if (r.kind === 'problem') {
    s.rejected++;
    s.byCode[r.code ?? '?'] = (s.byCode[r.code ?? '?'] ?? 0) + 1;
    if (!TYPED_PROBLEM_CODES.has(r.code ?? '')) {
      s.unknownCodes++;
      out.push({ file, what: 'unknown_code', detail: `${r.code}: ${r.message}` });
    }
    if (r.untyped) {
      s.untyped++;
      out.push({ file, what: 'untyped', detail: r.untyped });
    }
  } else {
    s.crashes++;
    out.push({ file, what: 'crash', detail: `unexpected outcome ${r.message}` });
  }
  if (r.kind !== 'image' && !r.message.includes(path)) {
    s.messagesWithoutFile++;
    out.push({ file, what: 'no_file_name', detail: r.message });
  }
  return out;
}

/** The worker child process: started, asked, watched for memory, killed and restarted by the parent. */
class WorkerHandle {
  private proc: ChildProcess | null = null;
  private readonly script: string;
  private readonly nodePath: string;
  private stderr = '';

  constructor(private readonly work: string) {
    // A private copy, so that a rebuild of dist/ during a long run cannot break it.
    const built = distPath('reliability/fuzz-worker.cjs');
    this.script = join(work, 'fuzz-worker.cjs');
    copyFileSync(built, this.script);
    this.nodePath = [join(dirname(built), '..', '..', 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(delimiter);
  }

  /** (Re)starts the worker and resolves with its resident memory when ready, MiB. */
  start(): Promise<number> {
    this.stop();
    this.stderr = '';
    const proc = fork(this.script, [join(this.work, 'blobs')], {
      env: { ...process.env, NODE_PATH: this.nodePath },
      execArgv: ['--max-old-space-size=1024'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    proc.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    // A fork that fails, or a message to a worker that just died: recorded, then seen as its exit.
    proc.on('error', (e) => (this.stderr = `${this.stderr}\n${e.message}`.slice(-2000)));
    this.proc = proc;
    return new Promise((resolve, reject) => {
      proc.once('message', () => resolve(rssMb(proc.pid!) ?? 0));
      proc.once('exit', (code, signal) => reject(new Error(`the fuzz worker exited at start (${signal ?? code}): ${this.stderr}`)));
    });
  }

  scan(id: number, path: string, timeoutMs: number): Promise<Outcome> {
    const proc = this.proc!;
    return new Promise((resolve) => {
      let peak = 0;
      const done = (o: Outcome) => {
        clearTimeout(timer);
        clearInterval(watch);
        proc.off('message', onMessage);
        proc.off('exit', onExit);
        resolve(o);
      };
      const onMessage = (m: FuzzReply) => {
        if (m.id === id) done({ kind: 'reply', reply: m });
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        done({ kind: 'crash', detail: `worker died (${signal ?? `exit code ${code}`}): ${this.stderr.trim().split('\n').slice(-3).join(' | ')}` });
      // A little slack over the limit: the reply itself reports the exact time.
      const timer = setTimeout(() => {
        proc.off('exit', onExit);
        proc.kill('SIGKILL');
        done({ kind: 'timeout' });
      }, timeoutMs + 1000);
      const watch = setInterval(() => {
        const mb = rssMb(proc.pid!) ?? 0;
        peak = Math.max(peak, mb);
        if (mb > HARD_KILL_MB) {
          proc.off('exit', onExit);
          proc.kill('SIGKILL');
          done({ kind: 'memory', mb: peak });
        }
      }, 25);
      proc.on('message', onMessage);
      proc.once('exit', onExit);
      proc.send({ id, path }, (err) => {
        if (err) done({ kind: 'crash', detail: `the fuzz worker could not be sent the file: ${err.message}` });
      });
    });
  }

  stop(): void {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    this.proc = null;
  }
}

function rssMb(pid: number): number | null {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}
