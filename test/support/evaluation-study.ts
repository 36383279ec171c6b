import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { EvaluationReport, LevelFigures } from '../../shared/model/evaluation';
import { ROOT } from './host-process';

/**
 * Runs the built CLI without blocking the test process (a blocked worker misses the test
 * runner's calls during a long `bme train`); resolves with its stdout, rejects with its output.
 */
export function bmeAsync(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(ROOT, 'bin/bme.cjs'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`bme ${args.join(' ')} failed: ${stderr || stdout || err.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * A small demo study with a trained model, made with the CLI as a coordinator would: 8 phantom
 * patients with simulated reads and consensus (`bme demo`), then an attention U-Net trained on
 * them in seconds (2 folds, 1 epoch, 64 px, 4 filters: model 1). Its figures are poor, which does
 * not matter: the tests check that the screen shows what the core computes.
 */
export async function buildStudyWithModel(dir: string): Promise<string> {
  const file = join(dir, 'evaluation.bmestudy');
  await bmeAsync(['demo', '--db', file, '--patients', '8', '--seed', '1']);
  await bmeAsync(['train', '--db', file, '--folds', '2', '--epochs', '1', '--size', '64', '--filters', '4']);
  return file;
}

/** `bme evaluate --db FILE --model ID --json`: the figures the Evaluation screen must show. */
export async function cliEvaluation(file: string, modelId = 1, extra: string[] = []): Promise<EvaluationReport> {
  return JSON.parse(await bmeAsync(['evaluate', '--db', file, '--model', String(modelId), '--json', ...extra])) as EvaluationReport;
}

/** The paper's way of printing figures, written here independently of the renderer. */
export const two = (v: number | null): string => (v === null ? '—' : v.toFixed(2));
export const meanSdText = (m: { mean: number | null; sd: number | null }): string => (m.mean === null ? '—' : `${two(m.mean)} ± ${two(m.sd)}`);
export const proportionText = (p: LevelFigures['sensitivity']): string => `${two(p.value)} (${p.count}/${p.total})`;

/** A CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks) as rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
