import { resolve } from 'node:path';
import { backupDir, newestGoodBackup } from '../../reliability/backup-files';
import { restoreBackup } from '../../reliability/restore-backup';
import { CliError, jsonOption, requireString, type CliCommand } from '../command';

/** `bme restore --db FILE --from BACKUP`: put a backup in place of a study, keeping the current file aside. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'replace a study file with one of its backups; the current file is moved aside, never deleted',
  options: {
    db: { type: 'string', description: 'the study file to restore (it may be missing or moved aside as damaged)', valueName: 'FILE' },
    from: { type: 'string', description: "the backup file, or 'newest' for the newest good rolling backup", valueName: 'BACKUP' },
    ...jsonOption,
  },
  examples: ['bme restore --db spine.bmestudy --from newest', 'bme restore --db spine.bmestudy --from spine.bme-data/backups/spine.2026-11-28T13-10-02-295Z.open.bmestudy'],
  run(values, _p, io) {
    const file = resolve(requireString(values, 'db'));
    const fromArg = requireString(values, 'from');
    let from: string;
    if (fromArg === 'newest') {
      const newest = newestGoodBackup(file);
      if (!newest) throw new CliError(`there is no good backup of ${file} in ${backupDir(file)}`);
      from = newest.file;
    } else {
      from = resolve(fromArg);
    }
    const result = restoreBackup(file, from);
    if (values.json) return io.json({ ok: true, ...result });
    io.out(`Restored ${result.file} from ${result.from} (schema ${result.schemaVersion}).`);
    io.out(result.keptAside ? `The file that was there is kept at ${result.keptAside}.` : 'There was no file at that path before.');
  },
};
