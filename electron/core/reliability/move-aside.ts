import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileTimestamp, syncFolder } from './backup-files';

/**
 * Renames a study file out of the way, never deleting it: `spine.bmestudy` becomes
 * `spine.bmestudy.<why>-2026-11-28T13-10-02-295Z`, and its -wal and -shm files get the same new
 * name plus their suffix, so that SQLite still finds the WAL that belongs to it.
 *
 * @param why a word for the new name: 'damaged', 'before-restore'
 * @returns the new path of the main file
 */
export function moveAside(file: string, why: string, at: Date = new Date()): string {
  let aside = `${file}.${why}-${fileTimestamp(at)}`;
  for (let n = 2; existsSync(aside); n++) aside = `${file}.${why}-${fileTimestamp(at)}-${n}`;
  // The WAL goes first: a WAL left behind without its own database could be replayed into
  // whatever file is put at this path next (a restored backup).
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  renameSync(file, aside);
  syncFolder(dirname(file));
  return aside;
}
