// A stand-in for Electron's unpacked distribution, for packing without downloading Electron
// (electron-builder's `electronDist`): the files electron-builder reads, renames or edits, each a
// few bytes, and an "executable" that carries the fuse wire (sentinel, version, length, one byte
// per fuse, as Electron's binary does) so that the afterPack hook's fuses can be flipped and read
// back. Its size is not Electron's: installer-contents.mjs reports Electron's own files apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults for the eight V1 fuses: RunAsNode, NODE_OPTIONS, --inspect and file: privileges on. */
const DEFAULT_WIRE = '10110001';

function file(path, content = '') {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function binaryWithFuses() {
  return Buffer.concat([Buffer.from('stand-in Electron binary\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE), Buffer.from('\n')]);
}

/**
 * electron.exe: electron-builder embeds the asar integrity hash as a resource of the executable,
 * so the stand-in must be a real (empty) Windows executable with a version resource; made with
 * resedit, the library electron-builder edits it with. The fuse wire follows it as trailing data.
 */
function windowsExecutable() {
  const resedit = createRequire(createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json'))('resedit');
  const exe = resedit.NtExecutable.createEmpty(false, false);
  const resources = resedit.NtExecutableResource.from(exe);
  const version = resedit.Resource.VersionInfo.createEmpty();
  version.setStringValues({ lang: 1033, codepage: 1200 }, { ProductName: 'Electron', FileDescription: 'stand-in Electron' });
  version.outputToResourceEntries(resources.entries);
  resources.outputResource(exe);
  return Buffer.concat([Buffer.from(exe.generate()), binaryWithFuses()]);
}

function plist(entries) {
  const body = Object.entries(entries)
    .map(([k, v]) => `  <key>${k}</key>\n  <string>${v}</string>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${body}\n</dict>\n</plist>\n`;
}

/** Writes the stand-in for `platform` ('linux' | 'win32' | 'darwin') into `dir`; returns `dir`. */
export function writeStandInElectron(platform, dir) {
  const locales = ['en-US', 'en-GB', 'de', 'fr'];
  if (platform === 'darwin') {
    const app = join(dir, 'Electron.app', 'Contents');
    file(join(app, 'Info.plist'), plist({ CFBundleExecutable: 'Electron', CFBundleIdentifier: 'com.github.Electron', CFBundleName: 'Electron', CFBundleDisplayName: 'Electron', CFBundleVersion: '1.0.0', CFBundleShortVersionString: '1.0.0' }));
    file(join(app, 'MacOS', 'Electron'), 'stand-in');
    const framework = join(app, 'Frameworks', 'Electron Framework.framework');
    file(join(framework, 'Electron Framework'), binaryWithFuses());
    // Chromium's locales live in the framework's resources; electronLanguages keeps some of them.
    for (const l of locales) file(join(framework, 'Versions', 'A', 'Resources', `${l.replace('-', '_')}.lproj`, 'locale.pak'), 'x');
    for (const suffix of ['', ' (Renderer)', ' (GPU)', ' (Plugin)']) {
      const name = `Electron Helper${suffix}`;
      file(join(app, 'Frameworks', `${name}.app`, 'Contents', 'Info.plist'), plist({ CFBundleExecutable: name, CFBundleIdentifier: 'com.github.Electron.helper', CFBundleName: name, CFBundleDisplayName: name }));
      file(join(app, 'Frameworks', `${name}.app`, 'Contents', 'MacOS', name), 'stand-in');
    }
    file(join(app, 'Resources', '.keep'), '');
  } else {
    file(join(dir, platform === 'win32' ? 'electron.exe' : 'electron'), platform === 'win32' ? windowsExecutable() : binaryWithFuses());
    for (const l of locales) file(join(dir, 'locales', `${l}.pak`), 'x');
    file(join(dir, 'resources', '.keep'), '');
    if (platform === 'linux') file(join(dir, 'chrome-sandbox'), 'stand-in');
  }
  file(join(dir, 'version'), 'stand-in');
  return dir;
}
