// Builds everything the app runs from into dist/ with esbuild: the Node side (CLI, Node host,
// training worker, benchmarks) and the Electron shell as CommonJS bundles that load their npm
// dependencies from node_modules, the sandboxed preload as one self-contained file, and the
// renderer as one browser bundle beside its index.html. Type checking is separate (npm run
// typecheck): esbuild only strips types.
//
// Two things the packaged app depends on are decided here:
//  - the Node bundles take @tensorflow/tfjs from its Node build, bundled, with the WebGL backend,
//    the converter and tf.data left out (see tfjsWithoutWebgl), so the installer ships neither;
//  - index.html gets its Content-Security-Policy <meta> from the one definition in
//    electron/core/security/content-security-policy.ts (the headers use the same function).
// dist/node-externals.json lists what each Node bundle loads from node_modules at run time; the
// packaging tests check that the installers ship every one of those files.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');

/** Node bundles: [entry, output]. Entries that do not exist yet are skipped. */
const nodeEntries = [
  ['electron/core/cli/main.ts', 'cli/bme.cjs'],
  ['electron/host/web.ts', 'host/web.cjs'],
  ['electron/core/training/worker-entry.ts', 'core/training-worker.cjs'],
  ['electron/core/training/engine/replica-worker-entry.ts', 'core/training-replica.cjs'],
  ['electron/core/dicom/import-worker-entry.ts', 'core/import-worker.cjs'],
  ['electron/core/dicom/decode-worker-entry.ts', 'core/decode-worker.cjs'],
  ['electron/core/training-job/worker-entry.ts', 'core/training-job-worker.cjs'],
  ['bench/index.ts', 'bench/index.cjs'],
  ['bench/engine.ts', 'bench/engine.cjs'],
  ['bench/validate-phantom.ts', 'bench/validate-phantom.cjs'],
  ['electron/main/main.ts', 'electron/main.cjs'],
  ['electron/core/reliability/soak/soak-child.ts', 'reliability/soak-child.cjs'],
  ['electron/core/reliability/soak/soak-crash.ts', 'reliability/soak-crash.cjs'],
  ['electron/core/reliability/fuzz/fuzz-worker.ts', 'reliability/fuzz-worker.cjs'],
  ['electron/core/reliability/fuzz/fuzz-dicom.ts', 'reliability/fuzz-dicom.cjs'],
];

const require = createRequire(join(root, 'package.json'));

/**
 * @tensorflow/tfjs (which the training code imports) is the union package: tfjs-core, layers,
 * the CPU backend, and also the WebGL backend, the converter and tf.data, none of which the
 * training worker uses (WebGL does not exist in Node; models are built in code and saved as
 * layers models). Its Node build is bundled in, so that the chained tensor methods it adds keep
 * working, with those three packages replaced by empty modules; tfjs-core, tfjs-layers and the
 * backends stay external, one instance each from node_modules, shared with tfjs-backend-wasm.
 * The tests run the TypeScript sources against the full package: the same tfjs-core objects.
 */
const tfjsWithoutWebgl = {
  name: 'tfjs-without-webgl',
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: require.resolve('@tensorflow/tfjs') }));
    b.onResolve({ filter: /^@tensorflow\/tfjs-(backend-webgl|converter|data)$/ }, (args) => ({ path: args.path, namespace: 'left-out' }));
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** The npm package an import path names ('@scope/name/sub' -> '@scope/name'), or null for node: and relative paths. */
function packageOf(path) {
  if (path.startsWith('.') || path.startsWith('/') || path.startsWith('node:')) return null;
  const parts = path.split('/');
  return path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * What a bundle loads from node_modules at run time (its output's external imports): the import
 * paths as written ('@cornerstonejs/codec-charls/decodewasmjs') and their packages.
 */
function externalImports(metafile) {
  const imports = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      const pkg = imp.external ? packageOf(imp.path) : null;
      if (pkg && !isBuiltin(pkg)) imports.add(imp.path);
    }
  }
  return { packages: [...new Set([...imports].map(packageOf))].sort(), imports: [...imports].sort() };
}

/** index.html with the CSP <meta> from electron/core/security/content-security-policy.ts. */
async function writeIndexHtml() {
  const out = await build({
    entryPoints: ['electron/core/security/content-security-policy.ts'],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const { metaContentSecurityPolicy } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  const source = readFileSync(join(root, 'renderer/index.html'), 'utf8');
  const placeholder = '%BME_CONTENT_SECURITY_POLICY%';
  if (!source.includes(placeholder)) throw new Error(`renderer/index.html has no ${placeholder} for the Content-Security-Policy`);
  writeFileSync(join(dist, 'renderer/index.html'), source.replace(placeholder, metaContentSecurityPolicy()));
}

async function main() {
  const started = Date.now();
  // dist/ is overwritten in place, not deleted first: a test or a long run that is using it (worker
  // scripts load lazily) must not find its files gone because someone rebuilt meanwhile.
  mkdirSync(dist, { recursive: true });
  const common = { bundle: true, sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };

  const jobs = [];
  const externals = {};
  for (const [entry, out] of nodeEntries) {
    if (!existsSync(join(root, entry))) continue;
    jobs.push(build({
      ...common,
      entryPoints: [entry],
      outfile: join(dist, out),
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // npm packages (native addons, tfjs, optional engines) load from node_modules at run time.
      packages: 'external',
      plugins: [tfjsWithoutWebgl],
      metafile: true,
    }).then((r) => {
      externals[out] = externalImports(r.metafile);
    }));
  }
  // A sandboxed preload cannot require anything but 'electron': it must be one file.
  jobs.push(build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: join(dist, 'electron/preload.cjs'),
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
  }));
  jobs.push(build({
    ...common,
    entryPoints: ['renderer/src/main.tsx'],
    outfile: join(dist, 'renderer/app.js'),
    platform: 'browser',
    target: 'chrome120',
    format: 'esm',
    jsx: 'automatic',
    loader: { '.css': 'css', '.png': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: !watch,
  }));
  await Promise.all(jobs);
  await writeIndexHtml();
  const sorted = Object.fromEntries(Object.entries(externals).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(join(dist, 'node-externals.json'), JSON.stringify(sorted, null, 2) + '\n');
  if (existsSync(join(root, 'resources/icons'))) {
    cpSync(join(root, 'resources/icons'), join(dist, 'renderer/icons'), { recursive: true });
  }
  console.log(`build: dist/ written in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
});
