import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every regular file under the given paths (files as they are, folders recursively), in a stable
 * order, whatever the names. Unreadable folders and broken links are reported, not fatal.
 */
export function walkFiles(paths: string[], onProblem: (path: string, message: string) => void): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (p: string, depth: number) => {
    let info;
    try {
      info = statSync(p);
    } catch (err) {
      onProblem(p, `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return;
    }
    if (info.isFile()) {
      if (!seen.has(p)) out.push(p);
      seen.add(p);
    } else if (info.isDirectory()) {
      if (depth > 64) return onProblem(p, 'folder nested more than 64 levels deep: skipped');
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch (err) {
        onProblem(p, `folder cannot be listed: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        return;
      }
      for (const name of names) visit(join(p, name), depth + 1);
    }
  };
  for (const p of paths) visit(p, 0);
  return out;
}
