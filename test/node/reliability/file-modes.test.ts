import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/model/imaging';
import type { StudySummary } from '../../../shared/model/study';
import { studyDataDir } from '../../../electron/core/dicom/import/blob-store';
import { backupDir } from '../../../electron/core/reliability/backup-files';
import { testCore } from '../../support/core';
import { tempDir } from '../../support/temp';
import { writeTinySeries } from '../../support/tiny-mr-series';

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * A study holds names and patient IDs: its file, the folder beside it (copies of the images,
 * models, backups) and the app's own folder are created for their owner alone, whatever the
 * umask says (a shared Linux machine's default lets every account read new files).
 */
describe.skipIf(process.platform === 'win32')('files the app creates', () => {
  it('are 0600 (study, WAL, image copies, backups, settings) in 0700 folders', async () => {
    const previous = process.umask(0o022);
    try {
      const { core, api, dir } = testCore();
      const study = (await api('c').study.create({ title: 'Private' })) as StudySummary;
      await api('c').session.createFirstCoordinator({ username: 'chan', displayName: 'Dr Chan', password: 'coordinator-pw' });
      const dicom = writeTinySeries(join(tempDir(), 'dicom'), [{ patientId: 'MODE-1', description: 'STIR SAG L-SPINE', seriesNumber: 7 }]);
      const { runId } = (await api('c').imaging.importStart({ paths: [dicom] })) as { runId: number };
      await new Promise<void>((resolve) => {
        const stop = core.events.connect((_s, event, payload) => {
          if (event === 'import.finished' && (payload as ImportReport).runId === runId) {
            stop();
            resolve();
          }
        });
      });
      await api('c').backups.now();

      expect(mode(join(dir, 'app')), 'the app folder').toBe(0o700);
      expect(mode(join(dir, 'app', 'settings.json')), 'settings.json').toBe(0o600);
      expect(mode(join(dir, 'studies')), 'the studies folder').toBe(0o700);
      expect(mode(study.file), 'the study file').toBe(0o600);
      expect(mode(`${study.file}-wal`), 'its WAL').toBe(0o600);
      const data = studyDataDir(study.file);
      expect(mode(data), 'the data folder').toBe(0o700);
      const blobs = join(data, 'blobs');
      expect(mode(blobs)).toBe(0o700);
      const sub = readdirSync(blobs)[0]!;
      expect(mode(join(blobs, sub))).toBe(0o700);
      expect(mode(join(blobs, sub, readdirSync(join(blobs, sub))[0]!)), 'a copy of an image').toBe(0o600);
      expect(mode(backupDir(study.file)), 'the backup folder').toBe(0o700);
      for (const name of readdirSync(backupDir(study.file))) expect(mode(join(backupDir(study.file), name)), name).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});
