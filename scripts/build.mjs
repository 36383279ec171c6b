// Builds everything the app runs from into dist/ with esbuild: the Node side (CLI, Node host,
// training worker, benchmarks) and the Electron shell as CommonJS bundles that load their npm
// dependencies from node_modules, the sandboxed preload as one self-contained file, and the
// renderer as one browser bundle beside its index.html. Type checking is separate (npm run
// typecheck): esbuild only strips types.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
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

async function main() {
  const started = Date.now();
  // dist/ is overwritten in place, not deleted first: a test or a long run that is using it (worker
  // scripts load lazily) must not find its files gone because someone rebuilt meanwhile.
  mkdirSync(dist, { recursive: true });
  const common = { bundle: true, sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };

  const jobs = [];
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
  cpSync(join(root, 'renderer/index.html'), join(dist, 'renderer/index.html'));
  if (existsSync(join(root, 'resources/icons'))) {
    cpSync(join(root, 'resources/icons'), join(dist, 'renderer/icons'), { recursive: true });
  }
  console.log(`build: dist/ written in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
});
