import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OpenStudy } from '../study-registry';
import { StudyRegistry } from '../study-registry';
import { CliError, requireString, type ParsedValues } from './command';

/** Opens the --db study for a command, runs `fn`, and closes it whatever happens. */
export async function withStudy<T>(values: ParsedValues, fn: (study: OpenStudy) => T | Promise<T>): Promise<T> {
  const file = resolve(requireString(values, 'db'));
  if (!existsSync(file)) throw new CliError(`there is no study file at ${file}`);
  const registry = new StudyRegistry();
  try {
    return await fn(registry.acquire(file));
  } finally {
    registry.closeAll();
  }
}
