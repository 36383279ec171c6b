import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { logDir } from '../../logging/app-log';
import { desktopDataDir, webHostDataDir } from '../../support/desktop-data-dir';
import { engineReportOnce } from '../../support/engine-report';
import { collectSupportReport, supportFileName, writeSupportFile } from '../../support/support-file';
import { CliError, jsonOption, type CliCommand } from '../command';

/** `bme support --out FILE [--db FILE] [--data-dir DIR]`: the support file, for machines without telemetry. */
export const supportCommand: CliCommand = {
  name: 'support',
  summary: 'write a support file: versions, platform, training engine, study schema version, redacted logs (never patient data or reads)',
  options: {
    out: { type: 'string', description: 'the file to write (must not exist; default ./bme-support-DATE-TIME.json)', valueName: 'FILE' },
    db: { type: 'string', multiple: true, description: 'a study to describe (schema version, health); may repeat', valueName: 'FILE' },
    'data-dir': {
      type: 'string',
      multiple: true,
      description: "an app data folder whose logs/ to include (default: the desktop app's and the Node host's, where they exist); may repeat",
      valueName: 'DIR',
    },
    ...jsonOption,
  },
  examples: ['bme support', 'bme support --out support.json --db spine.bmestudy'],
  async run(values, _p, io) {
    const out = resolve(typeof values.out === 'string' ? values.out : supportFileName());
    if (existsSync(out)) throw new CliError(`${out} already exists; give a new file name with --out`);
    const studies = ((values.db as string[] | undefined) ?? []).map((f) => resolve(f));
    for (const f of studies) if (!existsSync(f)) throw new CliError(`there is no study file at ${f}`);
    const dirs = (values['data-dir'] as string[] | undefined)?.map((d) => ({ label: 'app data folder', dir: resolve(d) })) ?? [
      { label: 'desktop app', dir: desktopDataDir(process.platform, process.env, homedir()) },
      { label: 'Node host (npm run web)', dir: webHostDataDir(process.env, homedir()) },
    ];
    const report = await collectSupportReport({
      host: 'cli',
      logs: dirs.map(({ label, dir }) => ({ label, dir: logDir(dir) })),
      studies,
      engine: engineReportOnce,
    });
    writeSupportFile(out, report);
    const logLines = report.logs.reduce((n, l) => n + l.lines.length, 0);
    if (values.json) return io.json({ ok: true, file: out, studies: report.studies.length, logLines });
    io.out(`Support file written to ${out}`);
    io.out(`  app ${report.app.version}, ${report.platform.os} ${report.platform.arch}, engine ${'name' in report.engine ? report.engine.name : `unavailable (${report.engine.error})`},`);
    io.out(`  ${report.studies.length} ${report.studies.length === 1 ? 'study' : 'studies'}, ${logLines} log lines (paths, UIDs and names removed). It holds no patient data and no reads.`);
  },
};
