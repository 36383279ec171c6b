import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The path of a built file under dist/ (worker scripts), from the bundle that runs (dist/<dir>/x.cjs)
 * or, in tests that run the TypeScript sources, from the project root found upwards.
 */
export function distPath(rel: string): string {
  const bundled = join(__dirname, '..', rel);
  if (existsSync(bundled)) return bundled;
  let dir = __dirname;
  while (dirname(dir) !== dir) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dist'))) return join(dir, 'dist', rel);
    dir = dirname(dir);
  }
  throw new Error(`${rel} is not built: run 'npm run build' first.`);
}
