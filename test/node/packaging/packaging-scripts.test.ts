// The decisions of the start and packaging scripts, as functions: where better-sqlite3 for
// Electron comes from (prebuilt first, compiled only as a fallback, never into node_modules),
// which Node.js `npm run dist` needs, what is signed with which credentials, the fuses.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureElectronSqlite, nodeGypArgs, prebuildInstallArgs, stagedBinding, stagingDir, toolchainHelp, type RunTool } from '../../../scripts/lib/electron-native.mjs';
import { checkNodeForPackaging, packagingEngines } from '../../../scripts/lib/node-requirement.mjs';
import { fuseConfig } from '../../../scripts/packaging/fuses.mjs';
import { signingPlan } from '../../../scripts/packaging/signing-plan.mjs';
import { ROOT } from '../../support/host-process';
import { tempDir } from '../../support/temp';

/** A project folder with just enough of better-sqlite3, prebuild-install and node-gyp for the resolver. */
function fakeProject(): string {
  const root = tempDir('bme-native-');
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put('package.json', '{"name":"p","version":"1.0.0"}');
  put('node_modules/better-sqlite3/package.json', '{"name":"better-sqlite3","version":"12.11.1","binary":{"napi_versions":[]}}');
  put('node_modules/better-sqlite3/binding.gyp', '{}');
  put('node_modules/better-sqlite3/src/better_sqlite3.cpp', '// sources');
  put('node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'the build for Node');
  put('node_modules/prebuild-install/package.json', '{"name":"prebuild-install","version":"7.1.3"}');
  put('node_modules/prebuild-install/bin.js', '');
  put('node_modules/node-gyp/package.json', '{"name":"node-gyp","version":"12.4.0"}');
  put('node_modules/node-gyp/bin/node-gyp.js', '');
  return root;
}

const target = { electronVersion: '40.10.2', platform: 'win32' as NodeJS.Platform, arch: 'x64' };
const host = { platform: 'win32' as NodeJS.Platform, arch: 'x64' };

/** A stand-in for the tools: records each call, and "installs" the addon where the tool would. */
function tools(outcome: { prebuild: boolean; gyp: boolean }) {
  const calls: { tool: string; args: string[]; cwd: string }[] = [];
  const run: RunTool = (cmd, args, { cwd }) => {
    const tool = args[0]!.includes('prebuild-install') ? 'prebuild-install' : 'node-gyp';
    calls.push({ tool, args: args.slice(1), cwd });
    expect(cmd).toBe(process.execPath); // node <script>, never npx or a .cmd
    const ok = tool === 'prebuild-install' ? outcome.prebuild : outcome.gyp;
    if (ok) {
      mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), `built by ${tool}`);
    }
    return ok ? 0 : 1;
  };
  return { calls, run };
}

describe('better-sqlite3 for Electron', () => {
  it('takes the prebuilt binary for Electron\'s ABI into the staging folder, and reuses it', () => {
    const root = fakeProject();
    const t = tools({ prebuild: true, gyp: false });
    const first = ensureElectronSqlite({ root, target, run: t.run, host, log: () => undefined });
    expect(first).toEqual({ binding: stagedBinding(stagingDir(root, target)), how: 'prebuilt' });
    expect(first.binding).toBe(join(root, '.electron-native', 'electron-40.10.2-win32-x64', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    expect(t.calls).toEqual([{ tool: 'prebuild-install', args: prebuildInstallArgs(target), cwd: dirname(dirname(dirname(first.binding))) }]);
    expect(prebuildInstallArgs(target)).toEqual(['--runtime', 'electron', '--target', '40.10.2', '--platform', 'win32', '--arch', 'x64', '--verbose']);
    // node_modules keeps the build for Node.
    expect(readFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8')).toBe('the build for Node');
    expect(ensureElectronSqlite({ root, target, run: t.run, host, log: () => undefined }).how).toBe('staged');
    expect(t.calls).toHaveLength(1);
    // Another Electron version is another staging folder.
    ensureElectronSqlite({ root, target: { ...target, electronVersion: '41.0.0' }, run: t.run, host, log: () => undefined });
    expect(t.calls).toHaveLength(2);
  });

  it('compiles from source only when no prebuilt binary comes, for this machine only, saying what it needs', () => {
    const root = fakeProject();
    const t = tools({ prebuild: false, gyp: true });
    const lines: string[] = [];
    expect(ensureElectronSqlite({ root, target, run: t.run, host, log: (l) => lines.push(l) }).how).toBe('compiled');
    expect(t.calls.map((c) => c.tool)).toEqual(['prebuild-install', 'node-gyp']);
    expect(t.calls[1]!.args).toEqual(nodeGypArgs(target));
    expect(existsSync(join(t.calls[1]!.cwd, 'binding.gyp'))).toBe(true);
    expect(readdirSync(t.calls[1]!.cwd)).not.toContain('node_modules');
    expect(lines.join('\n')).toContain('Visual Studio 2022 Build Tools');

    const cross = tools({ prebuild: false, gyp: true });
    expect(() => ensureElectronSqlite({ root: fakeProject(), target: { ...target, platform: 'darwin', arch: 'arm64' }, run: cross.run, host, log: () => undefined })).toThrow(/cannot be compiled on this win32-x64 machine/);
    expect(cross.calls.map((c) => c.tool)).toEqual(['prebuild-install']);

    const neither = tools({ prebuild: false, gyp: false });
    expect(() => ensureElectronSqlite({ root: fakeProject(), target, run: neither.run, host, log: () => undefined })).toThrow(/could neither be downloaded prebuilt nor compiled\. Compiling needs Python 3 .*Visual Studio/);
  });

  it('names the toolchain a build from source needs on each system', () => {
    expect(toolchainHelp('win32')).toMatch(/Visual Studio 2022 Build Tools.*Desktop development with C\+\+/);
    expect(toolchainHelp('darwin')).toMatch(/xcode-select --install/);
    expect(toolchainHelp('linux')).toMatch(/apt-get install python3 make g\+\+/);
  });

  it('no script spawns npx or a .cmd (Node refuses to without a shell on Windows since 20.12.2)', () => {
    for (const f of readdirSync(join(ROOT, 'scripts'), { recursive: true }) as string[]) {
      if (!/\.(mjs|cjs|js)$/.test(f)) continue;
      const text = readFileSync(join(ROOT, 'scripts', f), 'utf8').replace(/^\s*\/\/.*$/gm, '');
      expect(text, f).not.toMatch(/\b(spawn|spawnSync|exec|execSync|execFile|execFileSync)\(\s*['"`][^'"`]*\b(npx|npm|\.cmd|\.bat)\b|['"`]\w+\.(cmd|bat)['"`]|shell:\s*true/);
    }
  });
});

describe('the Node.js version npm run dist needs', () => {
  it("is the strictest engines.node of the packaging tools: @electron/rebuild's 22.12", () => {
    const engines = packagingEngines(ROOT);
    expect(engines).toContainEqual({ name: '@electron/rebuild', range: '>=22.12.0' });
    expect(checkNodeForPackaging(ROOT, 'v22.12.0')).toMatchObject({ ok: true, needed: '22.12.0' });
    expect(checkNodeForPackaging(ROOT, 'v24.11.1').ok).toBe(true);
    const old = checkNodeForPackaging(ROOT, 'v20.19.0');
    expect(old.ok).toBe(false);
    expect(old.message).toMatch(/needs Node\.js 22\.12\.0 or newer; this is v20\.19\.0\. @electron\/rebuild requires node >=22\.12\.0/);
  });

  it.skipIf(checkNodeForPackaging(ROOT).ok)('npm run dist stops before building on an older Node, and says so', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/dist.mjs')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/npm run dist needs Node\.js 22\.12\.0 or newer/);
    expect(r.stdout).not.toMatch(/build: dist\/ written/);
  });
});

describe('signing and notarisation, from the environment', () => {
  it('macOS: signs with a certificate or identity, notarizes with a complete set of Apple credentials', () => {
    expect(signingPlan('mac', { CSC_LINK: 'cert.p12', CSC_KEY_PASSWORD: 'x', APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 't' })).toMatchObject({ sign: true, notarize: true, problems: [] });
    expect(signingPlan('mac', { APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'i', APPLE_API_ISSUER: 's', CSC_NAME: 'Developer ID Application: X' })).toMatchObject({ sign: true, notarize: true, problems: [] });
    expect(signingPlan('mac', { CSC_IDENTITY_AUTO_DISCOVERY: 'false' })).toMatchObject({ sign: false, notarize: false, problems: [] });
    expect(signingPlan('mac', { APPLE_ID: 'a' }).problems).toEqual([expect.stringMatching(/set all of APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID/)]);
  });

  it('Windows: signs with WIN_CSC_LINK or CSC_LINK, else builds unsigned with a warning', () => {
    expect(signingPlan('win', { WIN_CSC_LINK: 'c.pfx', WIN_CSC_KEY_PASSWORD: 'x' })).toMatchObject({ sign: true, problems: [] });
    const unsigned = signingPlan('win', {});
    expect(unsigned).toMatchObject({ sign: false, problems: [] });
    expect(unsigned.lines.join(' ')).toMatch(/not signing.*SmartScreen/);
  });

  it('BME_RELEASE=1 makes missing credentials an error', () => {
    expect(signingPlan('win', { BME_RELEASE: '1' }).problems).toEqual([expect.stringMatching(/must be signed/)]);
    expect(signingPlan('mac', { BME_RELEASE: '1' }).problems).toHaveLength(2);
    expect(signingPlan('linux', { BME_RELEASE: '1' }).problems).toEqual([]);
  });
});

describe('the Electron fuses', () => {
  it('turn off ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect, and turn on asar integrity and asar-only loading', () => {
    const c = fuseConfig({ platform: 'linux', arch: 'x64', hostPlatform: 'linux' });
    expect(c).toEqual({ version: '1', resetAdHocDarwinSignature: false, 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 6: false, 7: false });
  });

  it('re-sign an arm64 Mac binary ad hoc only where codesign exists (on a Mac)', () => {
    expect(fuseConfig({ platform: 'darwin', arch: 'arm64', hostPlatform: 'darwin' }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig({ platform: 'darwin', arch: 'arm64', hostPlatform: 'linux' }).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig({ platform: 'darwin', arch: 'x64', hostPlatform: 'darwin' }).resetAdHocDarwinSignature).toBe(false);
  });
});
