import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/contracts/errors';
import { anchorMac, keyIdOf } from './audit-row-hash';
import { studyKeyDir } from './study-key-dir';

/** One key of a study: it signs the audit rows of one epoch. */
export interface StudyKey {
  keyId: string;
  key: Buffer;
  createdAt: string;
}

/** The newest audit row this machine saw committed, signed with the study's key. */
export interface AuditAnchor {
  studyId: string;
  keyId: string;
  headId: number;
  headHash: string;
  at: string;
  mac: string;
}

interface KeyFile {
  format: 'bme-study-keys-v1';
  studyId: string;
  keys: { keyId: string; key: string; createdAt: string }[];
}

/** What `bme audit key export` writes: the keys and the anchor, to carry to another machine. */
export interface KeyExport extends KeyFile {
  anchor: AuditAnchor | null;
}

const STUDY_ID = /^[A-Za-z0-9-]{1,80}$/;

/**
 * The audit keys of this account's studies (see studyKeyDir): per study, a key file
 * `<studyId>.keys.json` (0600, in a 0700 folder) with every key it has had, and an anchor file
 * `<studyId>.anchor.json`, the newest committed audit row signed with the key. Neither lives in
 * the study's folder, which anyone who tampers with the study can write as well.
 */
export class StudyKeyStore {
  constructor(readonly dir: string = studyKeyDir()) {}

  private keyFile(studyId: string): string {
    return join(this.dir, `${checkedId(studyId)}.keys.json`);
  }

  /**
   * Per study file: copies of a study (a backup put back by hand, a copy on a share) share its id
   * and key, but each has its own newest row. A study moved to a new path starts a new anchor.
   */
  private anchorFile(studyId: string, file: string): string {
    const where = createHash('sha256').update(resolve(file)).digest('hex').slice(0, 16);
    return join(this.dir, `${checkedId(studyId)}.${where}.anchor.json`);
  }

  /** The study's keys on this machine, oldest first (empty when it has none here). */
  keys(studyId: string): StudyKey[] {
    const file = this.keyFile(studyId);
    if (!existsSync(file)) return [];
    let parsed: KeyFile;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
    } catch (err) {
      throw new AppError('invalid_file', `The audit key file ${file} cannot be read (${(err as Error).message}). Import the study's key again (bme audit key import).`);
    }
    return (parsed.keys ?? []).map((k) => ({ keyId: k.keyId, key: Buffer.from(k.key, 'base64'), createdAt: k.createdAt }));
  }

  key(studyId: string, keyId: string): StudyKey | null {
    return this.keys(studyId).find((k) => k.keyId === keyId) ?? null;
  }

  /** Makes a new random 256-bit key for the study and keeps it with its others. */
  createKey(studyId: string): StudyKey {
    const key = randomBytes(32);
    const k: StudyKey = { keyId: keyIdOf(key), key, createdAt: new Date().toISOString() };
    this.writeKeys(studyId, [...this.keys(studyId), k]);
    return k;
  }

  private writeKeys(studyId: string, keys: StudyKey[]): void {
    const body: KeyFile = {
      format: 'bme-study-keys-v1',
      studyId,
      keys: keys.map((k) => ({ keyId: k.keyId, key: k.key.toString('base64'), createdAt: k.createdAt })),
    };
    this.writePrivate(this.keyFile(studyId), JSON.stringify(body, null, 2));
  }

  anchor(studyId: string, studyFile: string): AuditAnchor | null {
    const file = this.anchorFile(studyId, studyFile);
    if (!existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as AuditAnchor;
    } catch {
      // A torn or damaged anchor is no anchor: verify says truncation could not be checked.
      return null;
    }
  }

  /** Whether `a` was written by the holder of the study's key `keyId`. */
  anchorIsGenuine(a: AuditAnchor, studyId: string): boolean {
    const k = this.key(studyId, a.keyId);
    return !!k && a.studyId === studyId && anchorMac(k.key, a) === a.mac;
  }

  /**
   * Records `head` as the newest committed row. Only forward (another process of this machine may
   * have anchored a newer row meanwhile), unless `rebase` (a restore of an older backup, itself
   * audited, moves the anchor back on purpose).
   */
  writeAnchor(studyId: string, studyFile: string, key: StudyKey, head: { id: number; rowHash: string }, rebase = false): void {
    const current = this.anchor(studyId, studyFile);
    if (!rebase && current && current.headId >= head.id) return;
    const body = { studyId, keyId: key.keyId, headId: head.id, headHash: head.rowHash, at: new Date().toISOString() };
    this.writePrivate(this.anchorFile(studyId, studyFile), JSON.stringify({ ...body, mac: anchorMac(key.key, body) }, null, 2));
  }

  /** Everything another machine needs to verify and continue the study. */
  exportKeys(studyId: string, studyFile: string): KeyExport {
    const keys = this.keys(studyId);
    if (keys.length === 0) throw new AppError('not_found', `This machine holds no audit key for study ${studyId} (looked in ${this.dir}).`);
    return {
      format: 'bme-study-keys-v1',
      studyId,
      keys: keys.map((k) => ({ keyId: k.keyId, key: k.key.toString('base64'), createdAt: k.createdAt })),
      anchor: this.anchor(studyId, studyFile),
    };
  }

  /**
   * Adds an exported key file's keys to this machine's (keys already here are kept) and takes its
   * anchor when it is genuine and newer than the one here. Returns how many keys were new.
   */
  importKeys(studyId: string, studyFile: string, exported: KeyExport, source: string): number {
    if (exported?.format !== 'bme-study-keys-v1' || !Array.isArray(exported.keys)) {
      throw new AppError('invalid_file', `${source} is not an exported BME Workstation audit key (bme audit key export writes one).`);
    }
    if (exported.studyId !== studyId) {
      throw new AppError('invalid_file', `${source} holds the key of study ${exported.studyId}, not of this study (${studyId}). Nothing was imported.`);
    }
    const have = this.keys(studyId);
    const incoming: StudyKey[] = exported.keys.map((k) => ({ keyId: k.keyId, key: Buffer.from(k.key, 'base64'), createdAt: k.createdAt }));
    for (const k of incoming) {
      if (keyIdOf(k.key) !== k.keyId) throw new AppError('invalid_file', `${source}: key ${k.keyId} is damaged (its bytes do not give its id). Nothing was imported.`);
    }
    const added = incoming.filter((k) => !have.some((h) => h.keyId === k.keyId));
    if (added.length) this.writeKeys(studyId, [...have, ...added]);
    const a = exported.anchor;
    if (a && this.anchorIsGenuine(a, studyId)) {
      const here = this.anchor(studyId, studyFile);
      if (!here || here.headId < a.headId) this.writePrivate(this.anchorFile(studyId, studyFile), JSON.stringify(a, null, 2));
    }
    return added.length;
  }

  private writePrivate(file: string, text: string): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, text, { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, file);
    } catch (err) {
      throw new AppError('io', `Could not write the audit key file ${file} (${(err as Error).message}). Check that ${this.dir} is writable.`);
    }
  }
}

function checkedId(studyId: string): string {
  if (!STUDY_ID.test(studyId)) throw new AppError('invalid_file', `The study's id ${JSON.stringify(studyId.slice(0, 100))} is not a valid study id.`);
  return studyId;
}
