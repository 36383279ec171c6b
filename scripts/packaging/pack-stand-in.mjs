// Runs electron-builder on electron-builder.yml for one platform and arch, for real (its own
// configuration loader, file matchers, node_modules collection, asar packing and afterPack hook),
// into a folder ('dir' target), against the stand-in Electron: nothing is downloaded, so it runs
// offline. Signing, the Windows executable's resource edit and better-sqlite3's Electron build
// (a download) are left out; everything else is as `npm run dist` lays the app out.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStandInElectron } from './stand-in-electron.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const libRequire = createRequire(require.resolve('app-builder-lib/package.json'));

/** electron-builder's names: os 'linux' | 'mac' | 'win'; Node's platform names for the hook. */
export const PLATFORMS = {
  linux: { node: 'linux', defaultArch: 'x64' },
  win: { node: 'win32', defaultArch: 'x64' },
  mac: { node: 'darwin', defaultArch: 'arm64' },
};

/** Packs `os`/`arch` into a fresh temporary folder; returns { appOutDir, resourcesDir, work }. Delete `work` when done. */
export async function packWithStandIn(os, arch = PLATFORMS[os].defaultArch) {
  const { build, Platform, Arch } = require('electron-builder');
  const work = mkdtempSync(join(tmpdir(), `bme-pack-${os}-${arch}-`));
  const electronDist = writeStandInElectron(PLATFORMS[os].node, join(work, 'electron'));
  const platform = { linux: Platform.LINUX, win: Platform.WINDOWS, mac: Platform.MAC }[os];
  const previous = process.env.BME_PACK_STAND_IN;
  process.env.BME_PACK_STAND_IN = '1';
  try {
    await build({
      projectDir: root,
      targets: platform.createTarget('dir', Arch[arch]),
      publish: 'never',
      config: {
        electronDist,
        directories: { output: join(work, 'out') },
        mac: { identity: null, notarize: false },
        win: { signAndEditExecutable: false },
      },
    });
  } catch (err) {
    removePack(work);
    throw err;
  } finally {
    if (previous === undefined) delete process.env.BME_PACK_STAND_IN;
    else process.env.BME_PACK_STAND_IN = previous;
  }
  const out = join(work, 'out');
  const appOutDir = join(out, readdirSync(out).find((d) => d.endsWith("-unpacked") || d.startsWith("mac")));
  const resourcesDir = os === 'mac' ? join(appOutDir, readdirSync(appOutDir).find((d) => d.endsWith('.app')), 'Contents', 'Resources') : join(appOutDir, 'resources');
  return { appOutDir, resourcesDir, work };
}

/**
 * Every file the app ships inside its resources folder: { path, bytes, unpacked } with paths
 * relative to the app (dist/..., node_modules/...), from app.asar's header and app.asar.unpacked.
 */
export function appFiles(resourcesDir) {
  const asar = libRequire('@electron/asar');
  const archive = join(resourcesDir, 'app.asar');
  const files = [];
  const walkHeader = (node, prefix) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (entry.files) walkHeader(entry, path);
      else if (!entry.link) files.push({ path, bytes: Number(entry.size ?? 0), unpacked: !!entry.unpacked });
    }
  };
  walkHeader(asar.getRawHeader(archive).header, '');
  // The sizes of unpacked files come from disk (the afterPack hook may have replaced some).
  const unpackedDir = `${archive}.unpacked`;
  for (const f of files) if (f.unpacked) f.bytes = existsSync(join(unpackedDir, f.path)) ? statSync(join(unpackedDir, f.path)).size : 0;
  const known = new Set(files.filter((f) => f.unpacked).map((f) => f.path));
  if (existsSync(unpackedDir)) {
    for (const full of walk(unpackedDir)) {
      const path = relative(unpackedDir, full).split(sep).join('/');
      if (!known.has(path)) files.push({ path, bytes: statSync(full).size, unpacked: true });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** Removes a pack's temporary folder. */
export function removePack(work) {
  rmSync(work, { recursive: true, force: true });
}
