import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './host-process';

const BME = join(ROOT, 'bin/bme.cjs');

/** Runs the built CLI (`node bin/bme.cjs ...`) and returns its standard output. */
export function bme(...args: string[]): string {
  return execFileSync(process.execPath, [BME, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** One line of `bme agreement`'s readable output, e.g. '  slice level  n= 170  kappa 0.832 [0.689, 0.976] ...'. */
export interface CliKappaLine {
  n: number;
  kappa: string;
  ciLower: string | null;
  ciUpper: string | null;
  strength: string;
  po: string;
  pabak: string;
}

/**
 * The figures `bme agreement --db FILE` prints for reader 1 vs reader 2 at `level` ('slice level',
 * 'segment level', 'cervical slices' ...), as printed (three decimals): what the dashboard must show.
 */
export function cliAgreement(db: string): { text: string; primary(level: string): CliKappaLine } {
  const text = bme('agreement', '--db', db);
  const primaryBlock = text.split(/\n(?=reader\d vs )/).find((b) => b.startsWith('reader1 vs reader2')) ?? '';
  return {
    text,
    primary(level: string) {
      const line = primaryBlock.split('\n').find((l) => l.trimStart().startsWith(`${level} `));
      if (!line) throw new Error(`no '${level}' line in bme agreement output:\n${text}`);
      const m = /n=\s*(\d+)\s+kappa (\S+)\s+(?:\[(\S+), (\S+)\]\s+)?(.*?)\s+Po (\S+)\s+PABAK (\S+)/.exec(line);
      if (!m) throw new Error(`cannot read '${line}'`);
      return { n: Number(m[1]), kappa: m[2]!, ciLower: m[3] ?? null, ciUpper: m[4] ?? null, strength: m[5]!.trim(), po: m[6]!, pabak: m[7]! };
    },
  };
}

export interface ConsensusIndexRow {
  file: string;
  patient: string;
  segment: string;
  slice: number;
  label: string;
  pixels: number;
  method: string;
}

/** `bme consensus export --format png` into `out`, and its index.csv read back. */
export function exportConsensus(db: string, out: string): ConsensusIndexRow[] {
  bme('consensus', 'export', '--db', db, '--out', out, '--format', 'png');
  const [header, ...lines] = readFileSync(join(out, 'index.csv'), 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    const get = (c: string) => cells[cols.indexOf(c)] ?? '';
    return { file: get('file'), patient: get('patient'), segment: get('segment'), slice: Number(get('slice')), label: get('label'), pixels: Number(get('pixels')), method: get('method') };
  });
}

/** Series with both primary readers assigned whose reads are not both locked yet (`bme reads export`). */
export function seriesWaitingForLocks(db: string): { seriesId: number; patient: string; segment: string; unlockedReaders: string[] }[] {
  const doc = JSON.parse(bme('reads', 'export', '--db', db, '--json')) as {
    series: { seriesId: number; patient: string; segment: string; readers: { slot: string; username: string; locked: boolean }[] }[];
  };
  return doc.series
    .map((s) => ({ ...s, primary: s.readers.filter((r) => r.slot === 'reader1' || r.slot === 'reader2') }))
    .filter((s) => s.primary.length === 2 && s.primary.some((r) => !r.locked))
    .map(({ seriesId, patient, segment, primary }) => ({ seriesId, patient, segment, unlockedReaders: primary.filter((r) => !r.locked).map((r) => r.username) }));
}
