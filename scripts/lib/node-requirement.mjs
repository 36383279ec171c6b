// The Node.js version `npm run dist` needs: the strictest `engines.node` among electron-builder and
// the @electron packages it loads while packaging (today @electron/rebuild's >=22.12.0, which
// electron-builder loads to rebuild native modules). Read from the installed packages, so an
// upgrade that raises the bar raises it here too.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A package's package.json as Node would find it from `dir` (read as a file: exports maps may hide it). */
function packageJsonFrom(dir, name) {
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, 'node_modules', name, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    if (dirname(d) === d) throw new Error(`${name} is not installed (looked from ${dir}); run npm install.`);
  }
}

/** The packaging tools and their declared engines.node ranges ({ name, range } where declared). */
export function packagingEngines(root) {
  const libDir = dirname(createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json'));
  const lib = packageJsonFrom(root, 'app-builder-lib');
  const names = ['electron-builder', 'app-builder-lib', ...Object.keys(lib.dependencies ?? {}).filter((d) => d.startsWith('@electron/'))];
  return names.flatMap((name) => {
    // app-builder-lib's dependencies as it finds them (a nested copy first), electron-builder from the project.
    const pkg = packageJsonFrom(name === 'electron-builder' ? root : libDir, name);
    return pkg.engines?.node ? [{ name, range: pkg.engines.node }] : [];
  });
}

/**
 * Checks `version` (process.version) against every range with semver (electron-builder's own copy).
 * Returns { ok, failing: [{ name, range }], message }.
 */
export function checkNodeForPackaging(root, version = process.version) {
  const semver = createRequire(join(dirname(createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json')), 'package.json'))('semver');
  const engines = packagingEngines(root);
  const failing = engines.filter(({ range }) => !semver.satisfies(version, range));
  const needed = engines.map(({ range }) => semver.minVersion(range)).sort(semver.rcompare)[0];
  const message = failing.length
    ? `npm run dist needs Node.js ${needed} or newer; this is ${version}. ${failing.map((f) => `${f.name} requires node ${f.range}`).join('; ')}. ` +
      'Install a newer Node.js (https://nodejs.org, the LTS release), then run npm run dist again. npm start, npm test and the CLI keep working on Node 20.19.'
    : `Node.js ${version} meets the packaging tools' requirement (${needed} or newer).`;
  return { ok: failing.length === 0, failing, needed: String(needed), message };
}
