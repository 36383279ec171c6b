// What each platform's installer contains: electron-builder packs the app for real from
// electron-builder.yml and node_modules, against a stand-in Electron, offline (the same code as
// `npm run dist:size`); then the Linux app's own files, extracted from app.asar, are run under
// Node with a stand-in 'electron': the shipped node_modules must be enough to open a study,
// decode its slices in the decode worker and load the training engine. Run scripts/build.mjs first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInstaller, isForeignBinary, LINUX_LIMIT_MB, NEVER_SHIPPED, type InstallerDescription } from '../../../scripts/packaging/installer-contents-lib.mjs';
import { FUSES } from '../../../scripts/packaging/fuses.mjs';
import { demoStudyCopy } from '../../support/demo';
import { createFakeElectron, FakeEvent, loadWithFakeElectron } from '../../support/fake-electron';
import { ROOT } from '../../support/host-process';
import { tempDir } from '../../support/temp';

const packs: Partial<Record<string, InstallerDescription>> = {};
let sqliteBefore: Buffer;
let stagedDir = '';

beforeAll(async () => {
  // One after the other: electron-builder is not made to run twice at once in one process.
  packs['linux-x64'] = await describeInstaller('linux', 'x64', { keep: true });
  // The Windows pack gets a stand-in for better-sqlite3's staged Electron build, as afterPack
  // copies the real one in: it must land in the app, and node_modules must keep its own.
  sqliteBefore = readFileSync(join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
  stagedDir = mkdtempSync(join(tmpdir(), 'bme-staged-'));
  const staged = join(stagedDir, 'better_sqlite3.node');
  writeFileSync(staged, 'better-sqlite3 built for Electron 40, win32-x64');
  process.env.BME_PACK_STAND_IN_SQLITE = staged;
  try {
    packs['win-x64'] = await describeInstaller('win', 'x64', { keep: true });
  } finally {
    delete process.env.BME_PACK_STAND_IN_SQLITE;
  }
  packs['mac-arm64'] = await describeInstaller('mac', 'arm64');
}, 240_000);

afterAll(() => {
  for (const p of Object.values(packs)) if (p?.work) rmSync(p.work, { recursive: true, force: true });
  if (stagedDir) rmSync(stagedDir, { recursive: true, force: true });
});

const natives = (p: InstallerDescription) => p.natives.map((n) => n.path).sort();

describe('the installers', () => {
  it('ship only their own platform\'s and arch\'s native binaries, each unpacked from app.asar', () => {
    expect(natives(packs['linux-x64']!)).toEqual([
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
      'node_modules/webgpu/dist/linux-x64/dawn.node',
    ]);
    expect(natives(packs['win-x64']!)).toEqual([
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/DirectML.dll',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/dxcompiler.dll',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/dxil.dll',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime_binding.node',
      'node_modules/webgpu/dist/win32-x64/d3dcompiler_47.dll',
      'node_modules/webgpu/dist/win32-x64/dawn.node',
      'node_modules/webgpu/dist/win32-x64/dxcompiler.dll',
    ]);
    // The binding loads libonnxruntime.1.dylib; the versioned copy of the same 45 MB is left out.
    expect(natives(packs['mac-arm64']!)).toEqual([
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib',
      'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/onnxruntime_binding.node',
      'node_modules/webgpu/dist/darwin-universal/dawn.node',
    ]);
    for (const p of Object.values(packs)) {
      expect(p!.natives.every((n) => n.unpacked)).toBe(true);
      expect(p!.problems).toEqual([]);
    }
  });

  it("get better-sqlite3's Electron build from the afterPack hook, while node_modules keeps the build npm test and the CLI use", () => {
    const win = packs['win-x64']!;
    const packed = readFileSync(join(win.resourcesDir!, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8');
    expect(packed).toBe('better-sqlite3 built for Electron 40, win32-x64');
    expect(readFileSync(join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).equals(sqliteBefore)).toBe(true);
  });

  it(`keeps the Linux app under ${LINUX_LIMIT_MB} MB before compression`, () => {
    expect(packs['linux-x64']!.bytes).toBeLessThan(LINUX_LIMIT_MB * 1e6);
  });

  it('leave out renderer-only packages, the tfjs WebGL backend, converter and tf.data, the tools and the other hosts', () => {
    for (const p of Object.values(packs)) {
      for (const pkg of NEVER_SHIPPED) expect(p!.packages, pkg).not.toContain(pkg);
      expect(p!.paths.filter((f) => /^dist\/(bench|reliability|cli|host)\//.test(f) || !/^(dist|node_modules)\/|^package\.json$/.test(f))).toEqual([]);
      expect(p!.paths.filter((f) => f.endsWith('.map'))).toEqual([]);
      expect(p!.paths).toContain('dist/renderer/app.js');
      expect(p!.paths).toContain('dist/electron/main.cjs');
      // Of tfjs only the Node builds and the wasm binaries.
      expect(p!.paths.filter((f) => f.startsWith('node_modules/@tensorflow/tfjs-core/dist/'))).toEqual(['node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js']);
    }
  });

  it("ship every file the app's bundles load from node_modules at run time", () => {
    const externals = JSON.parse(readFileSync(join(ROOT, 'dist/node-externals.json'), 'utf8')) as Record<string, { packages: string[]; imports: string[] }>;
    const bundles = ['electron/main.cjs', 'core/decode-worker.cjs', 'core/import-worker.cjs', 'core/training-job-worker.cjs', 'core/training-replica.cjs'];
    const imports = [...new Set(bundles.flatMap((b) => externals[b]!.imports))].filter((i) => i !== 'electron');
    expect(imports).toContain('better-sqlite3');
    // What Node resolves each import to, plus the files the code loads by path: the 12-bit JPEG
    // decoder of the DICOM image loader and tfjs' wasm binaries.
    const req = createRequire(join(ROOT, 'package.json'));
    const files = [
      ...imports.map((i) => req.resolve(i)),
      join(ROOT, 'node_modules/@cornerstonejs/dicom-image-loader/dist/esm/codecs/jpeg.js'),
      join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'),
    ].map((f) => `node_modules/${f.split('/node_modules/').pop()}`);
    for (const p of Object.values(packs)) {
      for (const f of files) {
        // onnxruntime-node's binding exists only where it publishes one (not on Intel Macs).
        expect(p!.paths, `${p!.os}: ${f}`).toContain(f);
      }
    }
  });

  it('carry the fuses, flipped in the packed binary by the afterPack hook', () => {
    const want = Object.fromEntries(FUSES.map(({ fuse, value }) => [fuse, value ? 'on' : 'off']));
    for (const p of Object.values(packs)) expect(p!.fuses).toEqual(want);
    expect(want).toMatchObject({ RunAsNode: 'off', EnableNodeOptionsEnvironmentVariable: 'off', EnableNodeCliInspectArguments: 'off', EnableEmbeddedAsarIntegrityValidation: 'on', OnlyLoadAppFromAsar: 'on' });
  });

  it('tells a foreign binary by the platform and arch in its path', () => {
    expect(isForeignBinary('node_modules/webgpu/dist/win32-x64/dawn.node', 'linux', 'x64')).toBe(true);
    expect(isForeignBinary('node_modules/onnxruntime-node/bin/napi-v6/linux/arm64/x.node', 'linux', 'x64')).toBe(true);
    expect(isForeignBinary('node_modules/webgpu/dist/darwin-universal/dawn.node', 'darwin', 'arm64')).toBe(false);
    expect(isForeignBinary('node_modules/a/b.js', 'linux', 'x64')).toBe(false);
  });
});

describe("the Linux app's own files, extracted and run under Node", () => {
  it('open a study, decode its slices in the decode worker, load the training engine and save a support file', async () => {
    const pack = packs['linux-x64']!;
    const libRequire = createRequire(createRequire(join(ROOT, 'package.json')).resolve('app-builder-lib/package.json'));
    const asar = libRequire('@electron/asar') as { extractAll(archive: string, dest: string): void };
    const app = join(tempDir('bme-extracted-'), 'app');
    asar.extractAll(join(pack.resourcesDir!, 'app.asar'), app);

    const study = await demoStudyCopy(2, 3);
    const dir = tempDir('bme-packaged-');
    const support = join(dir, 'support.json');
    const fake = createFakeElectron({ paths: { userData: join(dir, 'userData'), documents: join(dir, 'documents') }, savePath: support });
    const restore = loadWithFakeElectron(join(app, 'dist/electron/main.cjs'), fake, { platform: 'linux', argv: ['/opt/BME Workstation/bme-workstation', study] });
    try {
      fake.ready();
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      const win = fake.BrowserWindow.getAllWindows()[0]!;
      const handler = fake.calls.ipcHandlers.get('bme:invoke')!;
      const call = async (method: string, params: unknown = {}) => {
        const out = (await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, method, params)) as { ok: boolean; result?: any; error?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
        if (!out.ok) throw new Error(JSON.stringify(out.error));
        return out.result;
      };
      expect(await call('study.current')).toMatchObject({ file: study });
      await call('session.signIn', { username: 'coordinator', password: 'coordinator-demo' });
      const series = (await call('imaging.seriesList')) as { seriesId: number }[];
      const slices = (await call('viewer.slices', { seriesId: series[0]!.seriesId, from: 0, count: 3 })) as { width: number; stored: ArrayLike<number> }[];
      expect(slices).toHaveLength(3);
      expect(slices[0]!.stored.length).toBe(slices[0]!.width * (slices[0] as unknown as { height: number }).height);
      const engine = await call('training.engine', { engine: 'auto' });
      expect(engine).toMatchObject({ name: 'wasm', inference: 'onnxruntime' });

      const menu = fake.calls.menus.at(-1) as { role?: string; submenu?: { label?: string; click?: () => void }[] }[];
      menu.find((m) => m.role === 'help')!.submenu![0]!.click!();
      for (let i = 0; i < 200; i++) {
        try {
          if (JSON.parse(readFileSync(support, 'utf8')).kind) break;
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      expect(JSON.parse(readFileSync(support, 'utf8'))).toMatchObject({ app: { host: 'electron' }, studies: [{ schemaVersion: expect.any(Number) }] });
    } finally {
      fake.app.emit('will-quit', new FakeEvent());
      await new Promise((r) => setTimeout(r, 200));
      restore();
    }
  }, 120_000);
});
