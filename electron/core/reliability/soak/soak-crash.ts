import { parseArgs } from 'node:util';
import { runCrashSoak } from './run-crash-soak';

/**
 * `npm run soak:crash [-- --kills N --seed S --keep --json]`: the crash soak from the command
 * line. Prints a line every 25 kills and a summary; exits 1 if anything was lost or damaged.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const kills = Number(values.kills);
  if (!Number.isInteger(kills) || kills < 1) throw new Error(`--kills must be a whole number of at least 1 (got ${values.kills})`);
  let confirmed = 0;
  const summary = await runCrashSoak({
    kills,
    seed: Number(values.seed),
    keep: values.keep,
    onKill: (n, c) => {
      confirmed += c.confirmed;
      if (!values.json && (n % 25 === 0 || c.problems.length)) {
        process.stdout.write(`kill ${n}/${kills}: ${confirmed} saves confirmed so far${c.problems.length ? `; PROBLEMS: ${c.problems.join('; ')}` : ''}\n`);
      }
    },
  });
  const failed = summary.savesLost + summary.integrityFailures + summary.halfWritten + summary.auditChainFailures + summary.badBackups + summary.childErrors;
  if (values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else {
    const s = summary;
    process.stdout.write(
      [
        '',
        `crash soak: ${s.kills} SIGKILLs survived in ${s.seconds} s (${s.killsDuringStartup} during start-up, opening or the backup at open)`,
        `  saves confirmed       ${s.savesConfirmed}`,
        `  saves lost            ${s.savesLost}`,
        `  in-flight committed   ${s.inFlightCommitted} (killed after commit, before the confirmation was printed)`,
        `  integrity failures    ${s.integrityFailures}`,
        `  half-written changes  ${s.halfWritten}`,
        `  audit chain failures  ${s.auditChainFailures} (${s.auditRows} rows at the end)`,
        `  backups checked       ${s.backupsChecked}, damaged ${s.badBackups}`,
        `  child errors          ${s.childErrors}`,
        ...(s.problems.length ? ['problems:', ...s.problems.map((p) => `  ${p}`)] : []),
        values.keep ? `study kept at ${s.studyFile}` : '',
      ].join('\n') + '\n',
    );
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`soak:crash: ${(err as Error).message}\n`);
  process.exitCode = 2;
});
