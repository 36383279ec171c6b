import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contracts/errors';

/**
 * Writing exports into a folder that may already hold things: a name in it that is a symbolic
 * link (planted by another account, or left by an earlier tool) is never written through, since
 * that would overwrite whatever file it points at, possibly outside the folder. The output folder
 * itself may be a link (a USB drive mounted elsewhere); what is inside it is checked.
 */

const NOFOLLOW = constants.O_NOFOLLOW ?? 0; // not on Windows, where lstat is the check

function refuseLink(path: string): never {
  let target = '?';
  try {
    target = readlinkSync(path);
  } catch {
    // Only for the message.
  }
  throw new AppError(
    'conflict',
    `${path} is a symbolic link (to ${target}); bme does not write through links in an output folder, as that could overwrite a file elsewhere. Remove the link or choose an empty folder. Nothing was written to it.`,
  );
}

/** What is at `path` now: nothing, a plain file, a folder; a link or anything else is refused. */
function existing(path: string): 'none' | 'file' | 'dir' {
  let info;
  try {
    info = lstatSync(path);
  } catch {
    return 'none';
  }
  if (info.isSymbolicLink()) refuseLink(path);
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'dir';
  throw new AppError('conflict', `${path} exists and is neither a file nor a folder; choose another output folder. Nothing was written to it.`);
}

/** Creates the output folder (and its parents) when missing. */
export function prepareOutputDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** Writes (or replaces) the file `name` in `dir`, refusing a link there. */
export function writeOutputFile(dir: string, name: string, data: string | Uint8Array): void {
  const path = join(dir, name);
  if (existing(path) === 'dir') throw new AppError('conflict', `${path} is a folder; bme would write a file there. Choose another output folder.`);
  let fd: number;
  try {
    // O_NOFOLLOW closes the gap between the check above and the open: a link put there meanwhile fails.
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW, 0o666);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') refuseLink(path);
    throw err;
  }
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at);
  } finally {
    closeSync(fd);
  }
}

/** Copies the folder `src` to `dir/name`, file by file, with the same checks at every level. */
export function copyFolderInto(src: string, dir: string, name: string): void {
  const dest = join(dir, name);
  if (existing(dest) === 'file') throw new AppError('conflict', `${dest} is a file; bme would write a folder there. Choose another output folder.`);
  mkdirSync(dest, { recursive: true });
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    if (entry.isDirectory()) copyFolderInto(join(src, entry.name), dest, entry.name);
    else if (entry.isFile()) writeOutputFile(dest, entry.name, readFileSync(join(src, entry.name)));
  }
}
