import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The folder beside a study file that holds its own copies of imported files and its models. */
export function studyDataDir(studyFile: string): string {
  return studyFile.replace(/\.bmestudy$/i, '') + '.bme-data';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Content-addressed copies of imported files: blobs/ab/cdef... named by the SHA-256 of their bytes.
 * Writing the same bytes twice is a no-op; a copy is written to a temporary name, synced, then
 * renamed, so a crash never leaves a half-written blob under a real name.
 */
export class BlobStore {
  /**
   * `tmpTag` goes into the names of temporary files (default: this process's id), so that an import
   * that ends early can remove exactly the ones its own worker left (see removeTemporaries).
   */
  constructor(
    readonly dir: string,
    private readonly tmpTag = `${process.pid}`,
  ) {}

  static forStudy(studyFile: string): BlobStore {
    return new BlobStore(join(studyDataDir(studyFile), 'blobs'));
  }

  pathOf(sha: string): string {
    return join(this.dir, sha.slice(0, 2), sha.slice(2));
  }

  has(sha: string): boolean {
    return existsSync(this.pathOf(sha));
  }

  put(bytes: Uint8Array, sha = sha256Hex(bytes)): string {
    const target = this.pathOf(sha);
    if (existsSync(target)) return sha;
    mkdirSync(join(this.dir, sha.slice(0, 2)), { recursive: true, mode: 0o700 });
    const tmp = `${target}.${this.tmpTag}-${randomBytes(6).toString('hex')}.tmp`;
    try {
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
    } catch (err) {
      // A full disk or an I/O error leaves no half-written copy behind.
      removeQuietly(tmp);
      throw err;
    }
    return sha;
  }

  read(sha: string): Uint8Array {
    return readFileSync(this.pathOf(sha));
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Never created, or already gone.
  }
}

/**
 * Removes the temporary files under `blobDir` whose name carries `tag` (a worker that was stopped
 * in the middle of a copy), or, without a tag, those of processes that are gone (killed mid-import)
 * and untagged ones of older versions after a day. A temporary file is never referred to by the
 * study: only the rename makes a copy real. Returns how many were removed.
 */
export function removeTemporaries(blobDir: string, tag?: string): number {
  if (!existsSync(blobDir)) return 0;
  let removed = 0;
  for (const sub of readdirSync(blobDir)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    const dir = join(blobDir, sub);
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.tmp')) continue;
      const m = /\.(\d+)(-r\d+)?-[0-9a-f]{12}\.tmp$/.exec(name);
      const owned = m ? (tag === undefined ? !processIsAlive(Number(m[1])) : name.includes(`.${tag}-`)) : tag === undefined && olderThanADay(join(dir, name));
      if (!owned) continue;
      removeQuietly(join(dir, name));
      removed++;
    }
  }
  return removed;
}

function olderThanADay(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > 24 * 3600_000;
  } catch {
    return false;
  }
}

/** Whether a process with this id runs on this machine (EPERM: it does, as another user). */
export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
