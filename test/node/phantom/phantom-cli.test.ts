import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRuns, MASK_ENCODING_DESCRIPTION } from '../../../shared/geometry/mask';
import type { TruthFile } from '../../../electron/core/dicom/phantom';

const root = resolve(__dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'bme-phantom-cli-'));
// The CLI is bundled privately (not into dist/, which other builds may be rewriting): inside
// node_modules so that its npm imports resolve as in the real build.
const cliDir = join(root, 'node_modules', '.cache', `bme-phantom-cli-test-${process.pid}`);
const cli = join(cliDir, 'bme.cjs');

beforeAll(async () => {
  await build({
    entryPoints: [join(root, 'electron/core/cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: root,
  });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(cliDir, { recursive: true, force: true });
});

function bme(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: work });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function dicomFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.dcm')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

function fingerprint(dir: string): Map<string, string> {
  const all = [...dicomFiles(dir), join(dir, 'truth.json'), join(dir, 'README.txt')];
  return new Map(all.map((f) => [relative(dir, f), createHash('sha256').update(readFileSync(f)).digest('hex')]));
}

/** dcmdump of several files at once: its status, errors and warnings, and one dump per file. */
function dcmdump(files: string[]): { status: number | null; stderr: string; dumps: string[] } {
  const r = spawnSync('/usr/bin/dcmdump', ['-M', '+F', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const dumps = r.stdout.split(/^# dcmdump \(\d+\/\d+\): /m).slice(1);
  return { status: r.status, stderr: r.stderr, dumps };
}

function tagValue(dump: string, tag: string): string {
  const line = dump.split('\n').find((l) => l.startsWith(`(${tag})`));
  if (!line) throw new Error(`(${tag}) missing from dump`);
  const bracket = /\[([^\]]*)\]/.exec(line);
  if (bracket) return bracket[1];
  return line.slice(15).split('#')[0].trim();
}

describe('bme phantom', () => {
  const out = join(work, 'cohort');
  let run: ReturnType<typeof bme>;
  beforeAll(() => {
    run = bme('phantom', '--out', out, '--patients', '3', '--seed', '1');
  });

  it('writes a cohort and says what it wrote', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/patients\s+3 \(2 with lesions, 1 without\)/);
    expect(run.stdout).toMatch(/series\s+9 /);
    expect(run.stdout).toContain(join(out, 'truth.json'));
    expect(run.stdout).toContain('Synthetic data for demos and tests');
    expect(readdirSync(out).sort()).toEqual(['PH-S1-001', 'PH-S1-002', 'PH-S1-003', 'README.txt', 'truth.json']);
    expect(readdirSync(join(out, 'PH-S1-001')).sort()).toEqual(['cervical', 'lumbar', 'thoracic']);
    expect(readdirSync(join(out, 'PH-S1-001', 'lumbar'))[0]).toBe('IM0001.dcm');
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toMatch(/^SYNTHETIC PHANTOM DATA/);
  });

  it('writes files DCMTK reads without errors or warnings, with the expected attributes', () => {
    const files = dicomFiles(out);
    expect(files.length).toBeGreaterThanOrEqual(3 * 3 * 17);
    const dumps: string[] = [];
    for (let i = 0; i < files.length; i += 60) {
      const r = dcmdump(files.slice(i, i + 60));
      expect(r.status).toBe(0);
      expect(r.stderr).not.toMatch(/^[EW]:/m);
      expect(r.dumps).toHaveLength(Math.min(60, files.length - i));
      dumps.push(...r.dumps);
    }
    const first = dumps[0]; // PH-S1-001/cervical/IM0001.dcm
    expect(first).toContain('(0002,0000) UL');
    expect(first).toContain('(0002,0010) UI =LittleEndianExplicit');
    expect(first).toContain('(0002,0002) UI =MRImageStorage');
    expect(first).toContain('(0008,0016) UI =MRImageStorage');
    expect(first).toContain('(0002,0012) UI [2.25.');
    expect(tagValue(first, '0008,0060')).toBe('MR');
    expect(tagValue(first, '0010,0010')).toBe('PHANTOM^P001');
    expect(tagValue(first, '0010,0020')).toBe('PH-S1-001');
    expect(tagValue(first, '0008,103e')).toBe('SAG STIR C-SPINE');
    expect(tagValue(first, '0018,0015')).toBe('CSPINE');
    expect(tagValue(first, '0018,0050')).toBe('3.5');
    expect(tagValue(first, '0028,0004')).toBe('MONOCHROME2');
    expect(tagValue(first, '0028,0100')).toBe('16');
    expect(tagValue(first, '0028,0103')).toBe('0');
    expect(tagValue(first, '0020,0013')).toBe('1');
    const lumbar = dumps.find((d) => d.includes('PH-S1-003/lumbar/IM0002.dcm'))!;
    expect(tagValue(lumbar, '0008,103e')).toBe('SAG STIR L-SPINE');
    expect(tagValue(lumbar, '0018,0015')).toBe('LSPINE');
    // Every instance has its own SOP Instance UID; each series one Series UID; each patient one study.
    const sops = dumps.map((d) => tagValue(d, '0008,0018'));
    expect(new Set(sops).size).toBe(files.length);
    expect(new Set(dumps.map((d) => tagValue(d, '0020,000e'))).size).toBe(9);
    expect(new Set(dumps.map((d) => tagValue(d, '0020,000d'))).size).toBe(3);
    for (const d of dumps) expect(tagValue(d, '0002,0003')).toBe(tagValue(d, '0008,0018'));

    // Geometry, read back from the files: positions step along the slice normal by the spacing.
    const bySeries = new Map<string, string[]>();
    for (const d of dumps) bySeries.set(tagValue(d, '0020,000e'), [...(bySeries.get(tagValue(d, '0020,000e')) ?? []), d]);
    for (const series of bySeries.values()) {
      const nums = (d: string, tag: string) => tagValue(d, tag).split('\\').map(Number);
      series.sort((a, b) => nums(a, '0020,0013')[0] - nums(b, '0020,0013')[0]);
      const iop = nums(series[0], '0020,0037');
      const normal = [iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]];
      const spacing = nums(series[0], '0018,0088')[0];
      const along = series.map((d) => {
        const p = nums(d, '0020,0032');
        return p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2];
      });
      series.forEach((d, k) => {
        expect(nums(d, '0020,1041')[0]).toBeCloseTo(along[k], 3);
        if (k > 0) expect(along[k] - along[k - 1]).toBeCloseTo(spacing, 3);
      });
    }
  });

  it('writes truth.json with masks that decode to the reported lesion pixels', () => {
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as TruthFile;
    expect(truth.format).toBe('bme-phantom-truth');
    expect(truth.synthetic).toBe(true);
    expect(truth.maskEncoding).toBe(MASK_ENCODING_DESCRIPTION);
    expect(truth.patients.map((p) => p.patientId)).toEqual(['PH-S1-001', 'PH-S1-002', 'PH-S1-003']);
    expect(truth.patients.filter((p) => !p.hasLesions)).toHaveLength(1);
    let lesionSlices = 0;
    for (const p of truth.patients) {
      for (const s of p.series) {
        expect(readdirSync(join(out, s.directory)).sort()).toEqual(s.slices.map((sl) => sl.file));
        for (const sl of s.slices) {
          if (sl.mask === null) {
            expect(sl.lesions).toEqual([]);
            continue;
          }
          lesionSlices++;
          const mask = decodeRuns(sl.mask, s.columns, s.rows);
          expect(mask.reduce((a, b) => a + b, 0)).toBe(sl.lesions.reduce((a, l) => a + l.pixels, 0));
        }
      }
      expect(p.series.some((s) => s.lesions.length > 0)).toBe(p.hasLesions);
    }
    expect(lesionSlices).toBeGreaterThan(0);
  });

  it('prints a JSON report with --json', () => {
    const r = bme('phantom', '--out', join(work, 'json'), '--patients', '1', '--seed', '5', '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, patients: 1, seed: 5, series: 3, truthFile: join(work, 'json', 'truth.json'), patientIds: ['PH-S5-001'] });
    expect(report.files).toBe(report.slices);
    expect(report.bytes).toBeGreaterThan(report.files * 100_000);
  });

  it('writes byte-identical cohorts for the same seed and different ones for another seed', () => {
    const again = join(work, 'again');
    expect(bme('phantom', '--out', again, '--patients', '3', '--seed', '1').status).toBe(0);
    const a = fingerprint(out);
    const b = fingerprint(again);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, hash] of a) expect(b.get(file), file).toBe(hash);

    const other = join(work, 'other');
    expect(bme('phantom', '--out', other, '--patients', '1', '--seed', '2').status).toBe(0);
    const c = fingerprint(other);
    expect([...c.keys()].some((k) => k.startsWith('PH-S2-001/'))).toBe(true);
    const firstOf = (m: Map<string, string>) => [...m.entries()].find(([k]) => k.endsWith('lumbar/IM0009.dcm'))![1];
    expect(firstOf(c)).not.toBe(firstOf(a));
  });

  it('replaces an earlier cohort in the same folder', () => {
    const dir = join(work, 'replace');
    expect(bme('phantom', '--out', dir, '--patients', '1', '--seed', '3').status).toBe(0);
    const r = bme('phantom', '--out', dir, '--patients', '1', '--seed', '4');
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['PH-S4-001', 'README.txt', 'truth.json']);
  });

  it('refuses bad input with a clear message and a non-zero exit', () => {
    const cases: [string[], number, RegExp][] = [
      [['--out', join(work, 'x1'), '--patients', '0'], 2, /--patients must be a whole number from 1 to 999/],
      [['--out', join(work, 'x2'), '--patients', 'many'], 2, /--patients must be a whole number/],
      [['--out', join(work, 'x3'), '--seed', 'abc'], 2, /--seed must be a whole number from 0 to/],
      [['--out', join(work, 'x4'), '--seed=-1'], 2, /--seed must be a whole number/],
      [['--patients', '2'], 2, /--out is required/],
      [['--out', join(work, 'x5'), '--bogus'], 2, /bogus/],
    ];
    for (const [args, code, message] of cases) {
      const r = bme('phantom', ...args);
      expect(r.status, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
    }
    for (const name of ['x1', 'x2', 'x3', 'x4', 'x5']) expect(() => statSync(join(work, name))).toThrow();
  });

  it('refuses a non-empty folder that is not a phantom cohort, and leaves it alone', () => {
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const r = bme('phantom', '--out', foreign, '--patients', '1', '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not empty and is not an earlier phantom cohort.*nothing was changed/);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readdirSync(foreign)).toEqual(['notes.txt']);

    // An earlier cohort with someone's file added is not ours to clear either.
    const mixed = join(work, 'mixed');
    expect(bme('phantom', '--out', mixed, '--patients', '1').status).toBe(0);
    writeFileSync(join(mixed, 'analysis.csv'), 'a,b');
    const m = bme('phantom', '--out', mixed, '--patients', '1');
    expect(m.status).toBe(1);
    expect(m.stderr).toMatch(/analysis\.csv/);
    expect(readdirSync(mixed).sort()).toEqual(['PH-S1-001', 'README.txt', 'analysis.csv', 'truth.json']);

    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const f = bme('phantom', '--out', file, '--patients', '1');
    expect(f.status).toBe(1);
    expect(f.stderr).toMatch(/is a file, not a folder/);
  });
});
