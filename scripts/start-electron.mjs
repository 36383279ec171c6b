// `npm start`: the desktop app. Three steps only the Electron path needs, kept out of
// `npm install` so that the tests and the Node host never depend on them:
//   1. Electron's binary: its install script is denied in package.json "allowScripts" because it
//      downloads from outside the npm registry (GitHub); here it runs on demand, once.
//   2. better-sqlite3 built for Electron's ABI in .electron-native/ (scripts/lib/electron-native.mjs:
//      the prebuilt binary first, a compile only as a fallback), so that node_modules keeps the
//      build for Node that the tests and the CLI use. The core loads it through BME_SQLITE_BINDING.
//   3. The build, then Electron itself.
// Every tool runs as `node <its JS entry>` (process.execPath), never through npx.cmd: since Node
// 20.12.2 (CVE-2024-27980) spawning a .cmd without a shell throws EINVAL on Windows.
// Where Electron cannot be had (no network, unsupported machine) it says so and points to
// `npm run web`, the same app in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './lib/electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;

function fail(step, err) {
  console.error(`\nBME Workstation: ${step} failed: ${err?.message ?? err}`);
  console.error("The same app runs in a browser without Electron: 'npm run web' prints the address to open.\n");
  process.exit(1);
}

/** Runs `node script args` in `cwd`; returns its exit status. */
function node(script, args, { cwd = root } = {}) {
  const r = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', cwd });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

// 1. Electron's binary (downloaded by its own install script, from GitHub or ELECTRON_MIRROR).
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log(`Fetching Electron ${electronVersion}'s binary (about 100 MB, once) ...`);
  try {
    if (node(join(electronDir, 'install.js'), [], { cwd: electronDir }) !== 0 || !existsSync(join(electronDir, 'path.txt'))) {
      throw new Error('its install script did not finish; it needs access to github.com (or a mirror in ELECTRON_MIRROR)');
    }
  } catch (err) {
    fail(`downloading Electron ${electronVersion}'s binary`, err);
  }
}

// 2. better-sqlite3 for Electron's ABI, staged once per Electron version, platform and arch.
let binding;
try {
  ({ binding } = ensureElectronSqlite({
    root,
    target: { electronVersion, platform: process.platform, arch: process.arch },
    run: (cmd, args, options) => {
      const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
      return r.error ? 1 : (r.status ?? 1);
    },
  }));
} catch (err) {
  fail('preparing better-sqlite3 for Electron', err);
}

// 3. Build and launch.
if (node(join(root, 'scripts', 'build.mjs'), []) !== 0) fail('the build', new Error('see the messages above'));
const electronBinary = join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8'));
const child = spawn(electronBinary, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, BME_SQLITE_BINDING: binding },
});
child.on('error', (err) => fail('starting Electron', err));
child.on('exit', (code) => process.exit(code ?? 0));
