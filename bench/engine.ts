/**
 * `npm run bench:engine`: training and inference speed of the project's attention U-Net on each
 * engine, against the PyTorch reference (../shared/bench/attunet_torch.py) measured in the same
 * run with the same settings. Warm-up steps are excluded; each figure is the median of several
 * steps. Options: --filters 16 --size 128 --batch 8 --steps 5 --warmup 2 --json.
 * The machine may be shared: figures from a busy machine are lower; run it alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createTrainer, type Trainer } from '../electron/core/training/engine/trainer';

interface Settings { filters: number; size: number; batch: number; steps: number; warmup: number; json: boolean }
interface Row { engine: string; train: number | null; infer: number | null; note: string }

function parseArgs(argv: string[]): Settings {
  const s: Settings = { filters: 16, size: 128, batch: 8, steps: 5, warmup: 2, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') s.json = true;
    else if (['--filters', '--size', '--batch', '--steps', '--warmup'].includes(a)) {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a whole number, got '${argv[i]}'`);
      (s as unknown as Record<string, number>)[a.slice(2)] = v;
    } else throw new Error(`unknown option '${a}' (use --filters, --size, --batch, --steps, --warmup, --json)`);
  }
  return s;
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

async function timeSteps(s: Settings, step: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < s.warmup; i++) await step();
  const times: number[] = [];
  for (let i = 0; i < s.steps; i++) {
    const t = performance.now();
    await step();
    times.push((performance.now() - t) / 1000);
  }
  return s.batch / median(times);
}

function referenceScript(): string | null {
  const root = resolve(__dirname, '..', '..');
  const candidates = [join(root, '..', 'shared', 'bench', 'attunet_torch.py'), '/work/shared/bench/attunet_torch.py'];
  return candidates.find((p) => existsSync(p)) ?? null;
}

function runPyTorch(s: Settings): Row {
  const script = referenceScript();
  const python = '/usr/bin/python3';
  if (!script) return { engine: 'PyTorch (reference)', train: null, infer: null, note: 'attunet_torch.py not found beside the project' };
  try {
    execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return { engine: 'PyTorch (reference)', train: null, infer: null, note: `${python} cannot import torch: no reference (install nothing; apt's python3-torch provides it)` };
  }
  const out = execFileSync(python, [script, '--filters', String(s.filters), '--size', String(s.size), '--batch', String(s.batch), '--steps', String(Math.max(s.steps, 3))], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!) as { framework: string; threads: number; params: number; train_images_per_s: number; infer_images_per_s: number };
  return { engine: `PyTorch (reference)`, train: r.train_images_per_s, infer: r.infer_images_per_s, note: `${r.framework}, ${r.threads} threads, ${r.params} params` };
}

function data(s: Settings) {
  // Deterministic pseudo-random data like the reference's (normal-ish images, 10% positive pixels).
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const x = new Float32Array(s.batch * s.size * s.size * 3).map(() => rand() * 2 - 1);
  const y = new Float32Array(s.batch * s.size * s.size).map(() => (rand() > 0.9 ? 1 : 0));
  return { x, y };
}

async function measure(s: Settings, label: string, make: () => Promise<Trainer>, what: { train: boolean; infer: boolean }): Promise<Row> {
  const { x, y } = data(s);
  let trainer: Trainer | null = null;
  try {
    trainer = await make();
    const t = trainer;
    const train = what.train ? await timeSteps(s, () => t.trainBatch(x, y, s.batch)) : null;
    const infer = what.infer ? await timeSteps(s, () => t.predict(x, s.batch)) : null;
    const engine = `${t.engine.name}${t.engine.reasons.length ? ` (${t.engine.reasons.map((r) => `${r.engine}: ${r.reason}`).join('; ')})` : ''}`;
    return { engine: label, train, infer, note: `engine ${engine}, ${t.workers || 'no'} worker threads, inference ${t.inference().name}` };
  } catch (err) {
    return { engine: label, train: null, infer: null, note: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  } finally {
    await trainer?.dispose();
  }
}

async function main() {
  const s = parseArgs(process.argv.slice(2));
  // The load before anything runs: this benchmark's own two threads raise the average it would
  // read at the end.
  const loadBefore = loadavg()[0];
  const common = { filters: s.filters, size: s.size, loss: 'bce' as const, learningRate: 1e-3 };
  const log = (m: string) => { if (!s.json) console.log(m); };
  log(`bench:engine: attention U-Net, filters ${s.filters}, ${s.size}x${s.size}, batch ${s.batch}, BCE + Adam 1e-3; median of ${s.steps} steps after ${s.warmup} warm-up`);
  const rows: Row[] = [];
  log('running the PyTorch reference ...');
  const torch = runPyTorch(s);
  rows.push(torch);
  log('running tfjs wasm, data parallel over worker threads, onnxruntime inference ...');
  rows.push(await measure(s, 'tfjs wasm x workers + onnxruntime', () => createTrainer({ ...common, engine: 'wasm', inference: 'onnxruntime' }), { train: true, infer: true }));
  log('running tfjs wasm inference on the worker threads ...');
  rows.push(await measure(s, 'tfjs wasm x workers (tfjs inference)', () => createTrainer({ ...common, engine: 'wasm', inference: 'tfjs' }), { train: false, infer: true }));
  log('running tfjs wasm in one thread ...');
  rows.push(await measure(s, 'tfjs wasm, 1 thread', () => createTrainer({ ...common, engine: 'wasm', workers: 0, inference: 'tfjs' }), { train: true, infer: true }));
  rows.push({ engine: 'tfjs cpu (pure JS)', train: null, infer: null, note: 'not run: under 0.02 train and 0.3 infer images/s here (GUIDE 5); a step would take minutes' });

  // Contention skews the ratio (PyTorch's two threads wait for each other on a busy machine): say so.
  const load = loadBefore;
  const busy = load > cpus().length * 0.5 ? ` - BUSY MACHINE (load ${load.toFixed(1)} on ${cpus().length} cores before the run): figures and ratios are not representative, run again alone` : '';
  log(`load average before the run: ${load.toFixed(2)} on ${cpus().length} cores${busy}`);
  const ratio = (v: number | null, ref: number | null) => (v != null && ref != null && ref > 0 ? v / ref : null);
  const table = rows.map((r) => ({ ...r, trainRatio: ratio(r.train, torch.train), inferRatio: ratio(r.infer, torch.infer) }));
  if (s.json) {
    console.log(JSON.stringify({ settings: s, loadAverage: load, cores: cpus().length, rows: table }));
    return;
  }
  const fmt = (v: number | null, digits = 2) => (v == null ? 'n/a' : v.toFixed(digits));
  console.log('\n| engine | train images/s | infer images/s | train / PyTorch | infer / PyTorch | notes |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of table) console.log(`| ${r.engine} | ${fmt(r.train)} | ${fmt(r.infer)} | ${fmt(r.trainRatio)} | ${fmt(r.inferRatio)} | ${r.note} |`);
}

main().catch((err) => {
  console.error(`bench:engine failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
