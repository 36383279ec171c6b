import { resolve } from 'node:path';
import { backupDir, checkStudyFile, listBackups } from '../../reliability/backup-files';
import { retentionFromEnv } from '../../reliability/backup-retention';
import { secondLocationOf } from '../../reliability/backup-second-location';
import { backupTo, takeBackup } from '../../reliability/backup-study';
import { CliError, intOption, jsonOption, requireString, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

/** `bme backup --db FILE [--out PATH] [--list]`: a consistent copy of a study, even while the app writes to it. */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: "back up a study with SQLite's online backup (safe while the app has it open), or list its backups",
  options: {
    db: { type: 'string', description: 'the study file', valueName: 'FILE' },
    out: { type: 'string', description: 'write the backup here (must not exist) instead of the rolling backups folder', valueName: 'PATH' },
    keep: { type: 'string', description: 'keep only the newest N backups in the rolling folder (default: by age: the newest 3, then one per hour for 24 hours, per day for 7 days, per week for 4 weeks, within 4 GiB or BME_BACKUP_BUDGET_MB)', valueName: 'N' },
    list: { type: 'boolean', description: 'list the rolling backups, newest first, each checked, instead of taking one' },
    'step-pages': { type: 'string', description: 'database pages copied per step (default 100; fewer is gentler on a busy disk)', valueName: 'N' },
    progress: { type: 'boolean', description: "print 'copied X of Y pages' on stderr after every step" },
    ...jsonOption,
  },
  examples: ['bme backup --db spine.bmestudy', 'bme backup --db spine.bmestudy --out /mnt/usb/spine-2026-11-28.bmestudy', 'bme backup --db spine.bmestudy --list'],
  async run(values, _p, io) {
    const file = resolve(requireString(values, 'db'));
    if (values.list) {
      if (values.out !== undefined) throw new CliError('--list and --out do not go together', 2);
      const backups = listBackups(file).map((b) => ({ ...b, check: checkStudyFile(b.file) }));
      if (values.json) return io.json({ ok: true, file, folder: backupDir(file), backups: backups.map((b) => ({ ...b, good: b.check.ok, problem: b.check.ok ? null : b.check.reason, check: undefined })) });
      if (backups.length === 0) return io.out(`No backups of ${file} in ${backupDir(file)}.`);
      io.out(`Backups of ${file} (newest first) in ${backupDir(file)}:`);
      for (const b of backups) io.out(`  ${b.takenAt}  ${b.reason.padEnd(13)} ${String(b.bytes).padStart(10)} bytes  ${b.check.ok ? 'good' : `DAMAGED: ${b.check.reason}`}  ${b.file}`);
      return;
    }
    const keep = values.keep === undefined ? retentionFromEnv() : intOption(values, 'keep', 10, 1, 10_000);
    const pagesPerStep = intOption(values, 'step-pages', 100, 1, 1_000_000);
    const onProgress = values.progress ? (copied: number, total: number) => io.err(`copied ${copied} of ${total} pages`) : undefined;
    const out = typeof values.out === 'string' ? resolve(values.out) : null;
    const result = await withStudy(values, async (study) =>
      out
        ? { ...(await backupTo(study.db, file, out, { pagesPerStep, onProgress })), rolling: false }
        : { ...(await takeBackup(study.db, file, 'manual', { keep, pagesPerStep, onProgress, secondLocation: secondLocationOf(study.db) })), rolling: true },
    );
    const second = 'secondCopy' in result ? result.secondCopy : null;
    if (values.json) return io.json({ ok: true, study: file, backup: result.file, bytes: result.bytes, rolling: result.rolling, secondCopy: second });
    const kept = typeof keep === 'number' ? `the newest ${keep} backups are kept` : 'older backups are kept by age';
    io.out(`Backed up ${file} to ${result.file} (${result.bytes} bytes)${result.rolling ? `; ${kept}` : ''}.`);
    if (second) io.out(second.ok ? `Copied to the second location and checked: ${second.file}` : `Warning: ${second.problem}`);
  },
};
