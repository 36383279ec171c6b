// `npm run dist [-- electron-builder options]`: the installer for this platform, in release/.
//   Windows  release/BME Workstation Setup <version>.exe   (NSIS: per-user, installation folder can be changed)
//   macOS    release/BME Workstation-<version>-arm64.dmg and -x64.dmg (Apple silicon, Intel)
//   Linux    release/bme-workstation_<version>_amd64.deb   (with its AppArmor profile)
// Before electron-builder starts it checks what would otherwise fail late or quietly: the Node.js
// version the packaging tools declare (scripts/lib/node-requirement.mjs), and what will be signed
// and notarized with the credentials in the environment (scripts/packaging/signing-plan.mjs;
// BME_RELEASE=1 makes unsigned an error). Tools run as `node <their JS entry>`: never npx.cmd,
// which Node refuses to spawn without a shell on Windows since 20.12.2.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNodeForPackaging } from './lib/node-requirement.mjs';
import { signingPlan } from './packaging/signing-plan.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const node = checkNodeForPackaging(root);
if (!node.ok) {
  console.error(`\nBME Workstation: ${node.message}\n`);
  process.exit(1);
}
console.log(node.message);

const os = args.includes('--mac') || args.includes('-m') ? 'mac' : args.includes('--win') || args.includes('-w') ? 'win' : args.includes('--linux') || args.includes('-l') ? 'linux' : { darwin: 'mac', win32: 'win' }[process.platform] ?? 'linux';
const plan = signingPlan(os, process.env);
for (const line of plan.lines) console.log(line);
if (plan.problems.length) {
  for (const p of plan.problems) console.error(`BME Workstation: ${p}`);
  process.exit(1);
}

function run(script, argv) {
  const r = spawnSync(process.execPath, [script, ...argv], { stdio: 'inherit', cwd: root });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(join(root, 'scripts', 'build.mjs'), []);
const builderCli = join(dirname(createRequire(join(root, 'package.json')).resolve('electron-builder/package.json')), 'cli.js');
run(builderCli, args);

const release = join(root, 'release');
if (existsSync(release)) {
  console.log('\nIn release/:');
  for (const f of readdirSync(release).filter((f) => /\.(exe|dmg|deb|zip)$/.test(f))) console.log(`  ${f}  ${(statSync(join(release, f)).size / 1e6).toFixed(1)} MB`);
}
