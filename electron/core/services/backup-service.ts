import { existsSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import type { BackupEntry, backupsSpec } from '../../../shared/contracts/backups';
import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { AppSettings } from '../app-settings';
import type { CoreConfig } from '../core-config';
import { backupDir, checkStudyFile, listBackups, listBackupsIn, stemOf, type BackupInfo } from '../reliability/backup-files';
import { DEFAULT_RETENTION } from '../reliability/backup-retention';
import { copyToSecondLocation, onSameDisk, SECOND_LOCATION_KEY, secondLocationOf } from '../reliability/backup-second-location';
import { restoreBackup } from '../reliability/restore-backup';
import type { CallContext } from '../router';
import type { StudyRegistry } from '../study-registry';
import { studyOf, userOf } from './study-of';

function entry(b: BackupInfo, location: BackupEntry['location']): BackupEntry {
  const check = checkStudyFile(b.file);
  return { ...b, good: check.ok, problem: check.ok ? null : check.reason, location };
}

/**
 * Backups as the app offers them: list a study's backups in both locations (also when the study
 * is damaged or gone), back up the open study now, choose the second location, and restore a
 * damaged or missing study from one of its own good backups. Restoring over a study that opens
 * normally is left to `bme restore` with the study closed, so nobody can roll back others' work
 * from a window.
 */
export function createBackupService(config: CoreConfig, registry: StudyRegistry, settings: AppSettings): ImplOf<typeof backupsSpec, CallContext> {
  const resolvePath = (file: string) => (isAbsolute(file) ? resolve(file) : resolve(config.studiesDir, file));

  /** The study's own word when it is open, else what this machine remembers of it. */
  const secondFolderOf = (path: string): string | null => {
    const open = registry.get(path);
    return (open && secondLocationOf(open.db)) ?? settings.secondLocationFor(path);
  };

  const allBackups = (path: string) => {
    const second = secondFolderOf(path);
    const primary = listBackups(path).map((b) => ({ b, location: 'primary' as const }));
    const copies = second ? listBackupsIn(second, stemOf(path)).map((b) => ({ b, location: 'second' as const })) : [];
    return { second, all: [...primary, ...copies].sort((x, y) => (x.b.takenAt < y.b.takenAt ? 1 : x.b.takenAt > y.b.takenAt ? -1 : 0)) };
  };

  return {
    list({ file }) {
      const path = resolvePath(file);
      const { second, all } = allBackups(path);
      return { file: path, folder: backupDir(path), secondFolder: second, backups: all.map(({ b, location }) => entry(b, location)) };
    },

    async now(_p, { session }) {
      const study = studyOf(registry, session);
      const info = await study.backups?.backupNow('manual');
      if (!info) {
        throw new AppError('io', study.backups?.lastError?.message ?? `Backups are not taken for ${study.file} in this app.`);
      }
      return { ...entry(info, 'primary'), secondCopy: info.secondCopy };
    },

    setSecondLocation({ folder }, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      if (folder !== null && !isAbsolute(folder)) throw new AppError('bad_request', `The second location must be an absolute folder path, not ${JSON.stringify(folder.slice(0, 200))}.`);
      const target = folder === null ? null : resolve(folder);
      if (target && (target === backupDir(study.file) || target.startsWith(backupDir(study.file) + sep))) {
        throw new AppError('bad_request', `${target} is the study's own backup folder; choose another drive or a network share.`);
      }
      const before = secondLocationOf(study.db);
      study.tx(() => {
        const now = new Date().toISOString();
        study.settings.set(SECOND_LOCATION_KEY, target, me.id, now);
        study.audit.append({ actorId: me.id, action: 'backups.set_second_location', entity: 'study_setting', entityId: SECOND_LOCATION_KEY, details: { from: before, to: target } }, now);
      });
      settings.rememberSecondLocation(study.file, target);
      // Copy the newest good backup at once: the folder is proved writable now, not at the next backup.
      const newest = listBackups(study.file).find((b) => checkStudyFile(b.file).ok);
      const copied = target && newest ? copyToSecondLocation(newest, study.file, target, DEFAULT_RETENTION) : null;
      return { folder: target, sameDiskAsStudy: target ? onSameDisk(study.file, target) : false, copied };
    },

    restore({ file, from }) {
      const path = resolvePath(file);
      const backup = allBackups(path).all.find(({ b }) => b.file === resolve(from))?.b;
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
