// `npm start`: the desktop app. Three steps only the Electron path needs, kept out of
// `npm install` so that the tests and the Node host never depend on them:
//   1. Electron's binary (its install script is denied in package.json "allowScripts" because it
//      downloads from outside the npm registry; here it runs on demand).
//   2. better-sqlite3 built for Electron's ABI, in .electron-native/ so that node_modules keeps the
//      build for Node that the tests and the CLI use. The core loads it through BME_SQLITE_BINDING.
//   3. The build, then Electron itself.
// Where Electron cannot be had (no network, unsupported machine) it says so and points to
// `npm run web`, the same app in a browser.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;

function fail(step, err) {
  console.error(`\nBME Workstation: ${step} failed: ${err?.message ?? err}`);
  console.error('The desktop shell needs Electron, which downloads its binary and headers from outside the npm registry.');
  console.error("The same app runs in a browser without it: 'npm run web' prints the address to open.\n");
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
}

// 1. Electron's binary.
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log(`Fetching Electron ${electronVersion}'s binary ...`);
  try {
    run(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir });
  } catch (err) {
    fail("downloading Electron's binary", err);
  }
}

// 2. better-sqlite3 for Electron's ABI, rebuilt only when Electron's version changes.
const nativeDir = join(root, '.electron-native', 'better-sqlite3');
const stamp = join(root, '.electron-native', 'electron-version');
const binding = join(nativeDir, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(binding) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== electronVersion) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion} in .electron-native/ ...`);
  try {
    rmSync(nativeDir, { recursive: true, force: true });
    cpSync(dirname(require.resolve('better-sqlite3/package.json')), nativeDir, { recursive: true });
    rmSync(join(nativeDir, 'build'), { recursive: true, force: true });
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    run(npx, ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
      cwd: nativeDir,
    });
    writeFileSync(stamp, electronVersion);
  } catch (err) {
    fail('building better-sqlite3 for Electron', err);
  }
}

// 3. Build and launch.
run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
const electronBinary = join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8'));
const child = spawn(electronBinary, [root], {
  stdio: 'inherit',
  env: { ...process.env, BME_SQLITE_BINDING: binding },
});
child.on('exit', (code) => process.exit(code ?? 0));
