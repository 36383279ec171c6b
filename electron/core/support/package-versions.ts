import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The packages whose versions decide how the app reads, trains and stores (shown in a support file). */
export const REPORTED_PACKAGES = [
  'better-sqlite3',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
  'onnxruntime-node',
  'webgpu',
  'dicom-parser',
  '@cornerstonejs/codec-openjpeg',
  '@cornerstonejs/codec-charls',
  '@cornerstonejs/codec-libjpeg-turbo-8bit',
] as const;

/**
 * Installed versions of `names`, found in the node_modules folder above this file: the project's
 * in development, dist/'s bundles, and app.asar's inside the packaged app. Read as files, not
 * required, so a package whose exports map hides package.json, or whose native part does not load
 * on this machine, still reports its version. Missing packages are null.
 */
export function packageVersions(names: readonly string[] = REPORTED_PACKAGES, from = __dirname): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of names) out[name] = versionOf(name, from);
  return out;
}

function versionOf(name: string, from: string): string | null {
  let dir = from;
  for (;;) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? null);
      } catch {
        return null;
      }
    }
    if (dirname(dir) === dir) return null;
    dir = dirname(dir);
  }
}
