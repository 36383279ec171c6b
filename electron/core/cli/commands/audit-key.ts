import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { beginNewEpoch, studyIdOf } from '../../audit-key/bind-audit-key';
import { StudyKeyStore, type KeyExport } from '../../audit-key/study-key-store';
import { openSqlite } from '../../db/sqlite';
import { CliError, requireString, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

function studyIdOfFile(file: string): string {
  if (!existsSync(file)) throw new CliError(`there is no study file at ${file}`);
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    const id = studyIdOf(db);
    if (!id) throw new CliError(`${file} has no study record: it is not a BME Workstation study`);
    return id;
  } finally {
    db.close();
  }
}

/** `bme audit key export --db FILE --out KEYFILE`: the study's audit keys and anchor, to move the study to another machine. */
export const auditKeyExportCommand: CliCommand = {
  name: 'audit key export',
  summary: "write the study's audit keys (and this machine's anchor of it) to a file, to carry with the study to another machine",
  options: {
    db: { type: 'string', description: 'the study file', valueName: 'FILE' },
    out: { type: 'string', description: 'the key file to write (must not exist; created 0600). Carry it like a password.', valueName: 'KEYFILE' },
  },
  examples: ['bme audit key export --db spine.bmestudy --out spine.bmekey'],
  run(values, _p, io) {
    const file = resolve(requireString(values, 'db'));
    const out = resolve(requireString(values, 'out'));
    const studyId = studyIdOfFile(file);
    const body = new StudyKeyStore().exportKeys(studyId, file);
    let fd: number;
    try {
      fd = openSync(out, 'wx', 0o600);
    } catch (err) {
      throw new CliError(`cannot create ${out} (${(err as Error).message}); give a new file name with --out`);
    }
    try {
      writeSync(fd, JSON.stringify(body, null, 2));
    } finally {
      closeSync(fd);
    }
    io.out(`Wrote ${body.keys.length} audit key(s) of study ${studyId} to ${out}. Whoever holds this file and the study can sign its audit trail: move it like a password, then delete it.`);
  },
};

/** `bme audit key import --db FILE --from KEYFILE`: adds the keys exported on another machine. */
export const auditKeyImportCommand: CliCommand = {
  name: 'audit key import',
  summary: "add a study's audit keys exported on another machine, so it verifies here and opens for work",
  options: {
    db: { type: 'string', description: 'the study file (as moved to this machine)', valueName: 'FILE' },
    from: { type: 'string', description: "the key file 'bme audit key export' wrote", valueName: 'KEYFILE' },
  },
  examples: ['bme audit key import --db spine.bmestudy --from spine.bmekey'],
  run(values, _p, io) {
    const file = resolve(requireString(values, 'db'));
    const from = resolve(requireString(values, 'from'));
    const studyId = studyIdOfFile(file);
    let body: KeyExport;
    try {
      body = JSON.parse(readFileSync(from, 'utf8')) as KeyExport;
    } catch (err) {
      throw new CliError(`${from} cannot be read as an exported audit key (${(err as Error).message})`);
    }
    const store = new StudyKeyStore();
    const added = store.importKeys(studyId, file, body, from);
    io.out(`Imported ${added} new audit key(s) of study ${studyId} into ${store.dir}. Run 'bme audit verify --db "${file}"' to check the trail here.`);
  },
};

/** `bme audit key new --db FILE`: a new key and an audited new epoch, for a study whose key is lost. */
export const auditKeyNewCommand: CliCommand = {
  name: 'audit key new',
  summary: "begin a new audit key epoch for a study whose key is lost (rows signed before it stay checkable for consistency only)",
  options: { db: { type: 'string', description: 'the study file', valueName: 'FILE' } },
  examples: ['bme audit key new --db spine.bmestudy'],
  async run(values, _p, io) {
    const file = resolve(requireString(values, 'db'));
    await withStudy(values, (study) => {
      const store = new StudyKeyStore();
      const began = study.tx(() => beginNewEpoch(study.db, store, 'a new key: the previous one is not on this machine'));
      const head = study.audit.head()!;
      store.writeAnchor(began.studyId, study.file, began.key, head, true);
      study.audit.rebind();
      io.out(`Began key epoch ${began.epoch} of ${file} with a new key (${began.key.keyId}), recorded in its audit trail.`);
    });
  },
};
