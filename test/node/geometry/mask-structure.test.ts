// One definition, one place: masks are encoded, decoded, built and hashed only by the mask module
// (shared/geometry/mask.ts with its mask-runs.ts and mask-canonical.ts). Two RLE codecs had
// drifted apart once; this scan of the sources fails when a second one, or a hand-built wire
// object, appears again.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['electron', 'renderer', 'shared', 'bench', 'test'];
const MODULE_DIR = 'shared/geometry/';
const MODULE_FILES = new Set(['shared/geometry/mask.ts', 'shared/geometry/mask-runs.ts', 'shared/geometry/mask-canonical.ts']);
const THIS_FILE = 'test/node/geometry/mask-structure.test.ts';
const MODULE_TEST = 'test/node/geometry/mask.test.ts';

interface Rule {
  name: string;
  pattern: RegExp;
  /** Whether the rule applies to a file (repository-relative path with '/'). */
  appliesTo: (path: string) => boolean;
}

const outsideModule = (p: string) => !MODULE_FILES.has(p) && p !== THIS_FILE;
/** The module's own test pins the format's name and the wire shape as literals, on purpose. */
const outsideModuleAndItsTest = (p: string) => outsideModule(p) && p !== MODULE_TEST;
const sourceOutsideModule = (p: string) => outsideModule(p) && !p.startsWith('test/');

const RULES: Rule[] = [
  {
    // The format's name as a value: a wire object built by hand, or a second codec checking it.
    name: "the literal 'rle-row-major-v1' (use wireMask / encodeMask, or MASK_ENCODING)",
    pattern: /['"`]rle-row-major-v1['"`]/,
    appliesTo: outsideModuleAndItsTest,
  },
  {
    name: 'a wire mask built by hand from MASK_ENCODING (use wireMask / encodeMask)',
    pattern: /encoding\s*:\s*MASK_ENCODING\b/,
    appliesTo: outsideModuleAndItsTest,
  },
  {
    // Walking runs two by two (odd runs are lesion) is decoding or counting them by hand.
    name: 'a run-length loop over runs (use decodeRuns, decodeMask, maskPixelCount or roiOrNull)',
    pattern: /\bruns\b.*(\+=\s*2\b|%\s*2\b)|(\+=\s*2\b|%\s*2\b).*\bruns\b/,
    appliesTo: sourceOutsideModule,
  },
  {
    name: "an import of the module's inner files (import shared/geometry/mask)",
    pattern: /from\s+['"][^'"]*\/mask-(runs|canonical)['"]/,
    appliesTo: (p) => !p.startsWith(MODULE_DIR) && p !== THIS_FILE,
  },
];

/** The code of a TypeScript file without its comments (crude, but it only ever hides code). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
}

/** Rule violations of one file: 'path:line: rule'. */
function violations(path: string, text: string): string[] {
  const out: string[] = [];
  const lines = withoutComments(text).split('\n');
  for (const rule of RULES) {
    if (!rule.appliesTo(path)) continue;
    lines.forEach((line, i) => {
      if (rule.pattern.test(line)) out.push(`${path}:${i + 1}: ${rule.name}`);
    });
  }
  return out;
}

function sourceFiles(): string[] {
  const files: string[] = [];
  for (const top of SCANNED) {
    for (const entry of readdirSync(join(ROOT, top), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name)) continue;
      const path = relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (path.includes('/node_modules/') || path.includes('/fixtures/')) continue;
      files.push(path);
    }
  }
  return files;
}

describe('masks are encoded and decoded only in shared/geometry/mask.ts', () => {
  it('finds what it looks for (the scan itself works)', () => {
    expect(violations('electron/core/x.ts', "const m = { encoding: 'rle-row-major-v1', width, height, runs };")).toHaveLength(1);
    expect(violations('renderer/src/x.ts', 'type M = { encoding: "rle-row-major-v1" };')).toHaveLength(1);
    expect(violations('test/node/x.test.ts', 'const m = { encoding: MASK_ENCODING, width, height, runs };')).toHaveLength(1);
    expect(violations('renderer/src/x.ts', 'for (let k = 1; k < mask.runs.length; k += 2) n += mask.runs[k];')).toHaveLength(1);
    expect(violations('bench/x.ts', 'runs.forEach((r, i) => { if (i % 2 === 1) out.fill(1, at, at + r); });')).toHaveLength(1);
    expect(violations('electron/x.ts', "import { encodeRuns } from '../../shared/geometry/mask-runs';")).toHaveLength(1);
    // Comments may name the format; the module may use it.
    expect(violations('renderer/src/x.ts', "/** 'rle-row-major-v1' runs of the XOR mask */\n// 'rle-row-major-v1'")).toEqual([]);
    expect(violations('shared/geometry/mask-runs.ts', "export const MASK_ENCODING = 'rle-row-major-v1';")).toEqual([]);
    expect(violations('shared/geometry/mask.ts', "import { encodeRuns } from './mask-runs';")).toEqual([]);
  });

  it('nothing outside the module builds a wire mask by hand, runs a run-length loop or imports its inner files', () => {
    const files = sourceFiles();
    expect(files).toContain('shared/geometry/mask.ts');
    expect(files.length).toBeGreaterThan(200);
    const found = files.flatMap((p) => violations(p, readFileSync(join(ROOT, p), 'utf8')));
    expect(found).toEqual([]);
  });
});
