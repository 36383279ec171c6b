// better-sqlite3 built for Electron's ABI, for `npm start` and for the packaged app, in a staging
// folder (.electron-native/electron-<version>-<platform>-<arch>/) so that node_modules keeps the
// build for Node that `npm test` and the CLI load. The core finds the staged build through
// BME_SQLITE_BINDING under `npm start`; the packaged app gets it copied in by the afterPack hook.
//
// First choice: the prebuilt binary better-sqlite3 publishes for each Electron ABI, through
// prebuild-install (a download from GitHub, no compiler). Only when that fails, and only for the
// machine's own platform and arch, a build from source with node-gyp, which needs Python and a C++
// toolchain (toolchainHelp says which, per OS) and Electron's headers (another download).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The staging folder of one Electron version, platform and arch. */
export function stagingDir(root, { electronVersion, platform, arch }) {
  return join(root, '.electron-native', `electron-${electronVersion}-${platform}-${arch}`);
}

/** Where the addon lands inside a staging folder (prebuild-install and node-gyp both put it there). */
export function stagedBinding(dir) {
  return join(dir, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** prebuild-install's arguments for Electron's ABI on a platform and arch. */
export function prebuildInstallArgs({ electronVersion, platform, arch }) {
  return ['--runtime', 'electron', '--target', electronVersion, '--platform', platform, '--arch', arch, '--verbose'];
}

/** node-gyp's arguments for a build from source against Electron's headers. */
export function nodeGypArgs({ electronVersion, arch }) {
  return ['rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'];
}

/** What a build from source needs on `platform`, in words a user can act on. */
export function toolchainHelp(platform) {
  switch (platform) {
    case 'win32':
      return 'Python 3 (https://www.python.org/downloads/ or the Microsoft Store) and Visual Studio 2022 Build Tools with the "Desktop development with C++" workload (https://visualstudio.microsoft.com/visual-cpp-build-tools/)';
    case 'darwin':
      return 'Xcode Command Line Tools (run: xcode-select --install), which include the C++ compiler, and Python 3';
    default:
      return 'Python 3, make and a C++ compiler (Debian/Ubuntu: sudo apt-get install python3 make g++; Fedora: sudo dnf install python3 make gcc-c++)';
  }
}

/**
 * Makes sure the staged addon exists for `target` ({ electronVersion, platform, arch }) and returns
 * { binding, how: 'staged' | 'prebuilt' | 'compiled' }; throws an Error that says what failed and
 * what to install otherwise. `run(cmd, args, { cwd })` runs a tool and returns its exit status
 * (tests pass a stand-in; tools always run as `node <their JS entry>`, never through a shell).
 */
export function ensureElectronSqlite({ root, target, run, log = console.log, host = { platform: process.platform, arch: process.arch } }) {
  const require = createRequire(join(root, 'package.json'));
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const dir = stagingDir(root, target);
  const stage = join(dir, 'better-sqlite3');
  const binding = stagedBinding(dir);
  const stampFile = join(dir, 'stamp.json');
  const stamp = { ...target, betterSqlite3: sqliteVersion };
  if (existsSync(binding) && existsSync(stampFile) && sameStamp(JSON.parse(readFileSync(stampFile, 'utf8')), stamp)) return { binding, how: 'staged' };

  const label = `better-sqlite3 ${sqliteVersion} for Electron ${target.electronVersion} (${target.platform}-${target.arch})`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  // prebuild-install reads the package's name, version and download settings from package.json in its working folder.
  cpSync(join(sqliteDir, 'package.json'), join(stage, 'package.json'));
  log(`Fetching the prebuilt ${label} into ${dir} ...`);
  const prebuild = createRequire(join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js');
  if (run(process.execPath, [prebuild, ...prebuildInstallArgs(target)], { cwd: stage }) === 0 && existsSync(binding)) return finish('prebuilt');

  if (target.platform !== host.platform || target.arch !== host.arch) {
    throw new Error(
      `No prebuilt ${label} could be downloaded (see prebuild-install's message above), and it cannot be compiled on this ${host.platform}-${host.arch} machine. ` +
        `Check the internet connection, or package on a ${target.platform}-${target.arch} machine.`,
    );
  }
  log(`No prebuilt binary could be downloaded; compiling ${label} from source with node-gyp (needs ${toolchainHelp(host.platform)}) ...`);
  cpSync(sqliteDir, stage, { recursive: true, filter: (src) => !/better-sqlite3[\\/](build|node_modules)([\\/]|$)/.test(src) });
  const gyp = nodeGypScript(root);
  if (!gyp) throw new Error(`node-gyp was not found (it ships with npm); reinstall npm, or install node-gyp: npm install -g node-gyp.`);
  if (run(process.execPath, [gyp, ...nodeGypArgs(target)], { cwd: stage }) === 0 && existsSync(binding)) return finish('compiled');
  throw new Error(
    `${label} could neither be downloaded prebuilt nor compiled. Compiling needs ${toolchainHelp(host.platform)}, ` +
      `and both steps download from the internet (the prebuilt binary from GitHub, Electron's headers from electronjs.org).`,
  );

  function finish(how) {
    writeFileSync(stampFile, JSON.stringify({ ...stamp, how }, null, 2) + '\n');
    log(`${label}: ${how === 'prebuilt' ? 'prebuilt binary installed' : 'compiled'} (${binding}).`);
    return { binding, how };
  }
}

function sameStamp(a, b) {
  return ['electronVersion', 'platform', 'arch', 'betterSqlite3'].every((k) => a?.[k] === b[k]);
}

/** node-gyp's script: the project's (a dependency of the packaging tools), or the one npm ships. */
export function nodeGypScript(root, env = process.env) {
  const npmDirs = [env.npm_execpath && join(dirname(env.npm_execpath), '..'), join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'), join(dirname(process.execPath), 'node_modules', 'npm')].filter(Boolean);
  for (const paths of [[root], npmDirs]) {
    try {
      return createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js', { paths });
    } catch {
      // try the next place
    }
  }
  return null;
}
