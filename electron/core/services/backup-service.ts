import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { BackupEntry, backupsSpec } from '../../../shared/contracts/backups';
import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { CoreConfig } from '../core-config';
import { backupDir, checkStudyFile, listBackups, type BackupInfo } from '../reliability/backup-files';
import { restoreBackup } from '../reliability/restore-backup';
import type { CallContext } from '../router';
import type { StudyRegistry } from '../study-registry';
import { studyOf } from './study-of';

function entry(b: BackupInfo): BackupEntry {
  const check = checkStudyFile(b.file);
  return { ...b, good: check.ok, problem: check.ok ? null : check.reason };
}

/**
 * Backups as the app offers them: list a study's backups (also when the study is damaged and
 * cannot be opened), back up the open study now, and restore a damaged or missing study from one
 * of its own good backups. Restoring over a study that opens normally is left to `bme restore`
 * with the study closed, so nobody can roll back others' work from a window.
 */
export function createBackupService(config: CoreConfig, registry: StudyRegistry): ImplOf<typeof backupsSpec, CallContext> {
  const resolvePath = (file: string) => (isAbsolute(file) ? resolve(file) : resolve(config.studiesDir, file));

  return {
    list({ file }) {
      const path = resolvePath(file);
      return { file: path, folder: backupDir(path), backups: listBackups(path).map(entry) };
    },

    async now(_p, { session }) {
      const study = studyOf(registry, session);
      const info = await study.backups?.backupNow('manual');
      if (!info) {
        throw new AppError('io', study.backups?.lastError?.message ?? `Backups are not taken for ${study.file} in this app.`);
      }
      return entry(info);
    },

    restore({ file, from }) {
      const path = resolvePath(file);
      const backup = listBackups(path).find((b) => b.file === resolve(from));
      if (!backup) throw new AppError('not_found', `${from} is not one of the backups of ${path}. Choose one from the list of its backups.`);
      if (registry.get(path)) throw new AppError('conflict', `${path} is open in this app. Close it in every window first; nothing was changed.`);
      if (existsSync(path) && checkStudyFile(path).ok) {
        throw new AppError(
          'conflict',
          `${path} opens normally, so it is not replaced from here. To go back to a backup, close the study everywhere and run: bme restore --db "${path}" --from "${backup.file}" (the current file is kept aside).`,
        );
      }
      return restoreBackup(path, backup.file);
    },
  };
}
