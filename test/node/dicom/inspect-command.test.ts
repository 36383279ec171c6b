// `bme inspect`: the JSON fields the issue asks for, a pixelSha256 that an independent computation
// (dcmtk's raw dump hashed by numpy) reproduces, no patient identity unless asked, and a clear
// non-zero exit for files it cannot decode. The last test runs the command from an esbuild
// bundle, as `bme` ships, so the codecs' wasm must load from node_modules at run time.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../electron/core/cli/command';
import { inspectCommand } from '../../../electron/core/cli/commands/inspect';
import { makeTempDir } from './helpers/compare';
import { dcmtkRawPixels, runTool } from './helpers/dicom-tools';
import { testPixels } from './helpers/test-images';
import { writeTestDicom, type TestImage } from './helpers/write-test-dicom';

const temp = makeTempDir('dicom-inspect');
afterAll(temp.cleanup);

const image: TestImage = {
  rows: 40,
  columns: 36,
  bitsAllocated: 16,
  bitsStored: 12,
  pixelRepresentation: 1,
  pixels: testPixels(40, 36, 12, true, 1, 1, 41),
  patientName: 'Secret^Person',
  patientId: 'MRN-424242',
};
const original = join(temp.dir, 'original.dcm');
const jpegLs = join(temp.dir, 'jpeg-ls.dcm');

beforeAll(() => {
  writeFileSync(original, writeTestDicom(image));
  runTool('dcmcjpls', [original, jpegLs]);
});

interface Captured {
  code: number;
  out: string[];
  err: string[];
  json: unknown[];
}

async function runInspect(args: string[], values: Record<string, boolean> = {}): Promise<Captured> {
  const captured: Captured = { code: 0, out: [], err: [], json: [] };
  const io: CliIO = {
    out: (line) => captured.out.push(line),
    err: (line) => captured.err.push(line),
    json: (value) => captured.json.push(value),
    jsonLine: (value) => captured.json.push(value),
  };
  captured.code = (await inspectCommand.run(values, args, io)) ?? 0;
  return captured;
}

/** pixelSha256 computed without the reader: dcmtk decompresses and dumps, numpy does the arithmetic. */
function independentSha256(file: string): string {
  const native = join(temp.dir, 'independent-native.dcm');
  runTool('dcmdjpls', [file, native]);
  const raw = join(temp.dir, 'independent.raw');
  writeFileSync(raw, dcmtkRawPixels(native, temp.dir));
  const script = [
    'import hashlib, sys, numpy as np',
    'n = int(sys.argv[2])',
    "words = np.fromfile(sys.argv[1], dtype='<u2')[:n].astype(np.int64)",
    'v = words & 0xFFF',
    'v = np.where(v >= 0x800, v - 0x1000, v)',
    "print(hashlib.sha256(v.astype('<i4').tobytes()).hexdigest())",
  ].join('\n');
  return execFileSync('/usr/bin/python3', ['-c', script, raw, String(image.pixels.length)], { encoding: 'utf8' }).trim();
}

describe('bme inspect', () => {
  it('prints the header fields and a pixelSha256 that numpy reproduces from dcmtk', async () => {
    const { code, json } = await runInspect([jpegLs], { json: true });
    expect(code).toBe(0);
    const result = json[0] as Record<string, unknown>;
    expect(result).toMatchObject({
      ok: true,
      transferSyntaxUID: '1.2.840.10008.1.2.4.80',
      rows: 40,
      columns: 36,
      bitsAllocated: 16,
      bitsStored: 12,
      pixelRepresentation: 1,
      photometricInterpretation: 'MONOCHROME2',
      numberOfFrames: 1,
      storedMin: -2048,
      storedMax: 2047,
    });
    expect(result.pixelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.pixelSha256).toBe(independentSha256(jpegLs));
    const uncompressed = (await runInspect([original], { json: true })).json[0] as Record<string, unknown>;
    expect(uncompressed.pixelSha256).toBe(result.pixelSha256);
  });

  it('keeps patient name and ID out of both outputs unless --show-identity is given', async () => {
    const readable = await runInspect([original]);
    const json = await runInspect([original], { json: true });
    const everything = readable.out.join('\n') + JSON.stringify(json.json);
    expect(everything).not.toContain('Secret');
    expect(everything).not.toContain('MRN-424242');
    expect(readable.out.join('\n')).toContain('hidden (add --show-identity');
    expect(readable.out.join('\n')).toMatch(/pixelSha256\s+[0-9a-f]{64}/);

    const shown = await runInspect([original], { json: true, 'show-identity': true });
    expect(shown.json[0]).toMatchObject({ patientName: 'Secret^Person', patientID: 'MRN-424242' });
    expect((await runInspect([original], { 'show-identity': true })).out.join('\n')).toContain('Secret^Person');
  });

  it('exits 1 with the file and the reason for a file it cannot decode', async () => {
    const garbage = join(temp.dir, 'garbage.dcm');
    writeFileSync(garbage, Buffer.from('this is not an image at all '.repeat(20)));
    const readable = await runInspect([garbage]);
    expect(readable.code).toBe(1);
    expect(readable.err).toEqual([`bme inspect: ${garbage}: not DICOM: no DICM marker and no recognisable data set`]);
    const json = await runInspect([garbage], { json: true });
    expect(json.code).toBe(1);
    expect(json.json[0]).toEqual({
      ok: false,
      error: { code: 'not_dicom', message: `${garbage}: not DICOM: no DICM marker and no recognisable data set`, file: garbage },
    });
  });

  it('refuses to run without exactly one file', async () => {
    await expect(runInspect([])).rejects.toMatchObject({ exitCode: 2 });
    await expect(runInspect([original, jpegLs])).rejects.toMatchObject({ exitCode: 2 });
  });

  it('decodes JPEG-LS and JPEG 2000 when bundled as the CLI ships (wasm loaded from node_modules)', async () => {
    const root = resolve(__dirname, '../../..');
    const entry = join(temp.dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `import { inspectCommand } from ${JSON.stringify(join(root, 'electron/core/cli/commands/inspect'))};`,
        'const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l), json: (v: unknown) => console.log(JSON.stringify(v)), jsonLine: (v: unknown) => console.log(JSON.stringify(v)) };',
        'Promise.resolve(inspectCommand.run({ json: true }, process.argv.slice(2), io)).then((c) => { process.exitCode = c ?? 0; });',
      ].join('\n'),
    );
    const bundle = join(temp.dir, 'inspect.cjs');
    await build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'silent', absWorkingDir: root });
    const j2k = join(temp.dir, 'j2k.dcm');
    runTool('gdcmconv', ['--j2k', original, j2k]);
    const hashes = [original, jpegLs, j2k].map((file) => {
      const run = spawnSync(process.execPath, [bundle, file], { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
      expect(run.stderr, file).toBe('');
      expect(run.status).toBe(0);
      return (JSON.parse(run.stdout) as { pixelSha256: string }).pixelSha256;
    });
    expect(new Set(hashes).size).toBe(1);
  });
});
