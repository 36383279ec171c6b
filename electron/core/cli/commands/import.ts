import { resolve } from 'node:path';
import type { ImportReport } from '../../../../shared/model/imaging';
import { startImport } from '../../dicom/import/import-runner';
import { StudyRegistry } from '../../study-registry';
import { CliError, jsonOption, requireString, type CliCommand } from '../command';

/** `bme import PATH... --db FILE`: imports DICOM files and folders into a study and prints the report. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import DICOM files or folders (recursive) into a study and print the import report',
  positionals: 'PATH...',
  options: {
    db: { type: 'string', description: 'the study file (.bmestudy)', valueName: 'FILE' },
    ...jsonOption,
  },
  examples: ['bme import /media/usb/DICOM --db spine.bmestudy', 'bme import a.dcm b.dcm --db spine.bmestudy --json'],
  async run(values, positionals, io) {
    const db = requireString(values, 'db');
    if (positionals.length === 0) throw new CliError('give at least one file or folder to import', 2);
    const registry = new StudyRegistry();
    const study = registry.acquire(resolve(db));
    try {
      let last = Date.now(); // progress lines only for imports that take a while
      const handle = startImport(study, positionals.map((p) => resolve(p)), null, (p) => {
        if (values.json || Date.now() - last < 500) return;
        last = Date.now();
        io.err(`  ${p.filesDone}/${p.filesTotal || '?'} files, ${p.imported} imported, ${p.problems} problem(s)`);
      });
      const report = await handle.done;
      if (values.json) io.json(report);
      else printReport(report, io.out);
      return report.status === 'done' ? 0 : 1;
    } finally {
      registry.closeAll();
    }
  },
};

function printReport(r: ImportReport, out: (line: string) => void): void {
  const mb = (r.bytes / 1024 / 1024).toFixed(1);
  out(`Import ${r.status}: ${r.filesSeen} file(s), ${mb} MB in ${r.seconds.toFixed(1)} s`);
  out(`  imported ${r.imported}, already present ${r.alreadyPresent}, skipped ${r.skipped}, problems ${r.problems.length}`);
  if (r.series.length) {
    out('Series:');
    for (const s of r.series) {
      out(`  ${s.patient}  ${(s.segment ?? 'segment?').padEnd(9)}  ${String(s.slices).padStart(3)} slices (+${s.added})  ${s.description ?? ''}`);
      for (const issue of s.issues) out(`      ! ${issue.message}`);
    }
  }
  if (r.problems.length) {
    out('Problems:');
    for (const p of r.problems) out(`  [${p.code}] ${p.message}`);
  }
}
