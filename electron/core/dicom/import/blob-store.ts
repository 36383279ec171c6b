import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
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
  constructor(readonly dir: string) {}

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
    mkdirSync(join(this.dir, sha.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    return sha;
  }

  read(sha: string): Uint8Array {
    return readFileSync(this.pathOf(sha));
  }
}
