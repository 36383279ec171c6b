// npm run dist:size [-- --platform linux|win|mac|all] [--arch x64|arm64] [--json] [--list]
//
// What each platform's installer would contain and its uncompressed size: electron-builder packs
// the app for real from electron-builder.yml and node_modules, offline, against a stand-in
// Electron (scripts/packaging/pack-stand-in.mjs), and this prints the app's own files: app.asar,
// app.asar.unpacked, largest parts first, the native binaries, the fuses read back. Electron's
// own runtime (its binary, Chromium's resources, the locales electronLanguages keeps) comes on top
// and is not measured here: it is not downloaded. Exits 1 on a problem (a binary of another
// platform, a package that must not ship, a tool, a fuse not set, Linux over 200 MB).
import { parseArgs } from 'node:util';
import { describeInstaller, LINUX_LIMIT_MB, toolVersions } from './packaging/installer-contents-lib.mjs';

const { values } = parseArgs({ options: { platform: { type: 'string', default: 'all' }, arch: { type: 'string' }, json: { type: 'boolean' }, list: { type: 'boolean' } } });
const targets =
  values.platform === 'all'
    ? [['linux', 'x64'], ['win', 'x64'], ['mac', 'arm64'], ['mac', 'x64']]
    : [[values.platform, values.arch ?? { linux: 'x64', win: 'x64', mac: 'arm64' }[values.platform]]];
if (targets.some(([os]) => !['linux', 'win', 'mac'].includes(os))) {
  console.error(`installer-contents: --platform is linux, win, mac or all (got ${values.platform})`);
  process.exit(2);
}

// electron-builder logs every step to stdout; with --json they go to stderr instead.
const stdoutWrite = process.stdout.write.bind(process.stdout);
if (values.json) process.stdout.write = (...a) => process.stderr.write(...a);
const results = [];
for (const [os, arch] of targets) results.push(await describeInstaller(os, arch));
process.stdout.write = stdoutWrite;

const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
if (values.json) {
  console.log(JSON.stringify({ versions: toolVersions(), linuxLimitMB: LINUX_LIMIT_MB, installers: results.map(({ paths, ...r }) => (values.list ? { ...r, paths } : r)) }, null, 2));
} else {
  const v = toolVersions();
  console.log(`\nWhat each installer holds (electron-builder ${v.electronBuilder} on electron-builder.yml, Electron ${v.electron}).`);
  console.log("The app's own files, before compression; Electron's runtime comes on top and is not measured offline.\n");
  for (const r of results) {
    const limit = r.os === 'linux' ? `   (limit ${LINUX_LIMIT_MB} MB)` : '';
    console.log(`${r.os} ${r.arch}: ${mb(r.bytes)} in ${r.files} files: app.asar ${mb(r.asarBytes)}, app.asar.unpacked ${mb(r.unpackedBytes)}${limit}`);
    for (const p of r.parts.slice(0, 12)) console.log(`  ${mb(p.bytes).padStart(9)}  ${p.name}`);
    const rest = r.parts.slice(12);
    if (rest.length) console.log(`  ${mb(rest.reduce((n, p) => n + p.bytes, 0)).padStart(9)}  ${rest.length} more (${r.packages.length} packages in all)`);
    console.log(`  native: ${r.natives.map((n) => n.path.replace(/^node_modules\//, '')).join(', ')}`);
    console.log(`  fuses: ${Object.entries(r.fuses).map(([k, s]) => `${k} ${s}`).join(', ')}`);
    if (values.list) for (const p of r.paths) console.log(`    ${p}`);
    for (const p of r.problems) console.log(`  PROBLEM: ${p}`);
    console.log('');
  }
}
process.exit(results.some((r) => r.problems.length) ? 1 : 0);
