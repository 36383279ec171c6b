// electron-builder's afterPack hook (electron-builder.yml): runs once per platform and arch after the
// app is laid out and before it is signed.
//  1. better-sqlite3 for Electron's ABI and the target's platform and arch replaces node_modules'
//     build (made for Node) in app.asar.unpacked: npmRebuild is off, so electron-builder never
//     rebuilds node_modules in place and `npm test` and the CLI keep their build.
//  2. The fuses (fuses.mjs), flipped with @electron/fuses through electron-builder's own helper,
//     which finds the binary (or the framework, on macOS).
// BME_PACK_STAND_IN=1 (scripts/installer-contents.mjs, which packs against a stand-in Electron to
// measure the installers offline) skips the download of step 1: the app keeps node_modules' build,
// or gets the file BME_PACK_STAND_IN_SQLITE names (the tests' stand-in for the staged build).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from '../lib/electron-native.mjs';
import { fuseConfig } from './fuses.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const binding =
    process.env.BME_PACK_STAND_IN === '1'
      ? (process.env.BME_PACK_STAND_IN_SQLITE ?? null)
      : ensureElectronSqlite({
          root,
          target: { electronVersion: context.packager.info.framework.version, platform, arch },
          run: (cmd, args, options) => spawnSync(cmd, args, { stdio: 'inherit', ...options }).status ?? 1,
        }).binding;
  if (binding) {
    const target = join(context.packager.getResourcesDir(context.appOutDir), 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(dirname(target))) mkdirSync(dirname(target), { recursive: true });
    copyFileSync(binding, target);
  }
  await context.packager.addElectronFuses(context, fuseConfig({ platform, arch }));
}
