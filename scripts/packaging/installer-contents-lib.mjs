// What each platform's installer would contain and its uncompressed size, measured by packing the
// app with electron-builder for real against a stand-in Electron (pack-stand-in.mjs), offline.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FUSES } from './fuses.mjs';
import { appFiles, packWithStandIn, PLATFORMS, removePack, root } from './pack-stand-in.mjs';

const require = createRequire(join(root, 'package.json'));
const libRequire = createRequire(require.resolve('app-builder-lib/package.json'));

/** The app's own files of the Linux installer stay under this, before compression. */
export const LINUX_LIMIT_MB = 200;

/** Packages that must never be in an installer (bundled into the renderer, left out of tfjs, tools). */
export const NEVER_SHIPPED = ['react', 'react-dom', 'react-konva', 'konva', 'scheduler', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-data', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'ws', 'playwright-core', 'electron', 'esbuild', 'vitest'];
/** Folders of dist/ that hold tools or other hosts. */
export const TOOLS = ['dist/bench/', 'dist/reliability/', 'dist/cli/', 'dist/host/'];

const NATIVE = /\.(node|dll|dylib|so)(\.\d+)*$/;
const OS_TOKENS = { darwin: 'darwin', linux: 'linux', win32: 'win32' };

/** The package a shipped file belongs to ('node_modules/@scope/name/...' -> '@scope/name'), or null. */
export function packageOf(path) {
  const m = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  return m ? m[1] : null;
}

/**
 * A native binary built for another platform or arch than the installer's (by the platform and
 * arch names in its path, as onnxruntime-node and webgpu lay them out: bin/napi-v6/linux/x64/,
 * dist/linux-x64/; macOS builds of webgpu are 'darwin-universal').
 */
export function isForeignBinary(path, platform, arch) {
  if (!NATIVE.test(path)) return false;
  const parts = path.split('/').flatMap((p) => p.split('-'));
  const otherOs = Object.values(OS_TOKENS).some((os) => os !== platform && parts.includes(os));
  const otherArch = ['x64', 'arm64', 'ia32', 'armv7l'].some((a) => a !== arch && parts.includes(a));
  return otherOs || otherArch;
}

/** Packs `os`/`arch` and describes the result; the temporary pack is removed unless `keep`. */
export async function describeInstaller(os, arch = PLATFORMS[os].defaultArch, { keep = false } = {}) {
  const pack = await packWithStandIn(os, arch);
  try {
    const files = appFiles(pack.resourcesDir);
    const platform = PLATFORMS[os].node;
    const bytes = files.reduce((n, f) => n + f.bytes, 0);
    const byPart = new Map();
    for (const f of files) {
      const key = packageOf(f.path) ?? f.path.split('/').slice(0, 2).join('/');
      byPart.set(key, (byPart.get(key) ?? 0) + f.bytes);
    }
    const packages = new Set(files.map((f) => packageOf(f.path)).filter(Boolean));
    const natives = files.filter((f) => NATIVE.test(f.path));
    return {
      os,
      platform,
      arch,
      files: files.length,
      bytes,
      asarBytes: files.filter((f) => !f.unpacked).reduce((n, f) => n + f.bytes, 0),
      unpackedBytes: files.filter((f) => f.unpacked).reduce((n, f) => n + f.bytes, 0),
      parts: [...byPart.entries()].sort((a, b) => b[1] - a[1]).map(([name, b]) => ({ name, bytes: b })),
      natives: natives.map((f) => ({ path: f.path, bytes: f.bytes, unpacked: f.unpacked })),
      packages: [...packages].sort(),
      paths: files.map((f) => f.path),
      unpacked: files.filter((f) => f.unpacked).map((f) => f.path),
      problems: [
        ...natives.filter((f) => isForeignBinary(f.path, platform, arch)).map((f) => `a native binary for another platform or arch: ${f.path}`),
        ...natives.filter((f) => !f.unpacked).map((f) => `a native binary inside app.asar (it cannot load from there): ${f.path}`),
        ...NEVER_SHIPPED.filter((p) => packages.has(p)).map((p) => `a package that must not ship: ${p}`),
        ...files.filter((f) => TOOLS.some((t) => f.path.startsWith(t))).slice(0, 1).map((f) => `a tool or another host: ${f.path}`),
        ...fuseProblems(readFuses(pack, os)),
        ...(os === 'linux' && bytes > LINUX_LIMIT_MB * 1e6 ? [`${(bytes / 1e6).toFixed(1)} MB: over the ${LINUX_LIMIT_MB} MB limit for the Linux installer's app files`] : []),
      ],
      fuses: readFuses(pack, os),
      work: keep ? pack.work : null,
      resourcesDir: keep ? pack.resourcesDir : null,
    };
  } finally {
    if (!keep) removePack(pack.work);
  }
}

/** The fuse wire of the packed binary (the stand-in's, flipped by the afterPack hook), by fuse name. */
function readFuses(pack, os) {
  const bin = fuseBinary(pack, os);
  const buf = readFileSync(bin);
  const at = buf.indexOf('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX') + 32;
  const wire = buf.subarray(at + 2, at + 2 + buf[at + 1]);
  return Object.fromEntries(FUSES.map(({ fuse }, i) => [fuse, wire[i] === 49 ? 'on' : wire[i] === 48 ? 'off' : 'unset']));
}

function fuseProblems(read) {
  return FUSES.filter(({ fuse, value }) => read[fuse] !== (value ? 'on' : 'off')).map(({ fuse, value }) => `fuse ${fuse} is ${read[fuse]}, not ${value ? 'on' : 'off'}`);
}

function fuseBinary(pack, os) {
  if (os === 'mac') {
    const app = readdirSync(pack.appOutDir).find((d) => d.endsWith('.app'));
    return join(pack.appOutDir, app, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
  }
  const exe = readdirSync(pack.appOutDir).find((d) => (os === 'win' ? d.endsWith('.exe') : d === 'bme-workstation'));
  return join(pack.appOutDir, exe);
}

/** electron-builder's and Electron's versions, for the report's heading. */
export function toolVersions() {
  return {
    electronBuilder: require('electron-builder/package.json').version,
    electron: require('electron/package.json').version,
    asar: libRequire('@electron/asar/package.json').version,
  };
}
