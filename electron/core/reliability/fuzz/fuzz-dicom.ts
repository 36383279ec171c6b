import { parseArgs } from 'node:util';
import { runFuzz } from './run-fuzz';

/**
 * `npm run fuzz:dicom [-- --files N --seed S --findings DIR --json]`: the DICOM fuzzer from the
 * command line. Prints progress every 1000 files and a summary; exits 1 if any file crashed the
 * worker, hung, ran over the memory limit or was refused without a typed error naming it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      findings: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const files = Number(values.files);
  if (!Number.isInteger(files) || files < 1) throw new Error(`--files must be a whole number of at least 1 (got ${values.files})`);
  const s = await runFuzz({
    files,
    seed: Number(values.seed),
    findingsDir: values.findings,
    onProgress: (done, total, sum) => {
      if (!values.json && (done % 1000 === 0 || done === total)) {
        process.stdout.write(`${done}/${total} files: ${sum.accepted} accepted, ${sum.rejected} rejected, ${sum.skipped} skipped; ${sum.findings.length} finding(s)\n`);
      }
    },
  });
  if (values.json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
  else {
    const codes = Object.entries(s.byCode)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    process.stdout.write(
      [
        '',
        `fuzz:dicom: ${s.files} files (${s.crafted} crafted, the rest mutated seeds) through scanFile in ${s.seconds} s`,
        `  seeds                  ${s.seeds.join(', ')}`,
        `  accepted as images     ${s.accepted}`,
        `  rejected               ${s.rejected} (${codes})`,
        `  skipped (no pixels)    ${s.skipped}`,
        `  crashes                ${s.crashes}`,
        `  over the time limit    ${s.timeouts}`,
        `  over the memory limit  ${s.overMemory}`,
        `  untyped errors         ${s.untyped}`,
        `  messages without file  ${s.messagesWithoutFile}`,
        `  slowest file           ${s.slowest ? `${s.slowest.ms} ms (${s.slowest.file})` : '-'}`,
        `  peak worker memory     ${s.peakMemory ? `${s.peakMemory.mb} MiB (${s.peakMemory.file}); idle worker ${Math.round(s.baselineMb)} MiB` : '-'}`,
        ...(s.findings.length ? ['findings:', ...s.findings.slice(0, 40).map((f) => `  ${f.what}: ${f.file}: ${f.detail}`), `inputs kept in ${s.findingsDir}`] : []),
      ].join('\n') + '\n',
    );
  }
  process.exitCode = s.findings.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`fuzz:dicom: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 2;
});
