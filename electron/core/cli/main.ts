import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/contracts/errors';
import { appVersion } from '../app-version';
import { CliError, type CliCommand, type CliIO } from './command';
import { commands } from './commands';
import { commandHelp, overallHelp } from './help';

const io: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  json: (value) => process.stdout.write(JSON.stringify(value, null, 2) + '\n'),
  jsonLine: (value) => process.stdout.write(JSON.stringify(value) + '\n'),
};

/** Finds the command whose (one-, two- or three-word) name starts argv. */
function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | null {
  const three = commands.find((c) => c.name === argv.slice(0, 3).join(' '));
  if (three) return { command: three, rest: argv.slice(3) };
  const two = argv.slice(0, 2).join(' ');
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = commands.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : null;
}

export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    const topic = argv[0] === 'help' ? findCommand(argv.slice(1)) : null;
    io.out(topic ? commandHelp(topic.command) : overallHelp(commands));
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out(appVersion);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`bme: unknown command '${argv[0]}'. Run 'bme --help' for the list of commands.`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }
  const wantsJson = rest.includes('--json');
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([k, o]) => [
        k,
        { type: o.type, ...(o.multiple !== undefined && { multiple: o.multiple }), ...(o.short !== undefined && { short: o.short }) },
      ]),
    );
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    } catch (err) {
      throw new CliError(`${(err as Error).message.replace(/\. To specify.*$/s, '')}`, 2);
    }
    if (!command.positionals && parsed.positionals.length > 0) {
      throw new CliError(`unexpected argument '${parsed.positionals[0]}'`, 2);
    }
    const code = await command.run(parsed.values as never, parsed.positionals, io);
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    const code = err instanceof CliError ? err.exitCode : err instanceof AppError ? 1 : 1;
    const message = err instanceof Error ? err.message : String(err);
    const known = err instanceof CliError || err instanceof AppError;
    if (wantsJson) {
      io.json({ ok: false, error: { code: err instanceof AppError ? err.code : code === 2 ? 'usage' : 'failed', message } });
    }
    io.err(`bme ${command.name}: ${message}${code === 2 ? `\nRun 'bme ${command.name} --help' for usage.` : ''}`);
    if (!known && err instanceof Error && process.env.BME_DEBUG) io.err(err.stack ?? '');
    return code;
  }
}

/** The process entry: runs the CLI on argv and sets the exit code. */
export function main(argv: string[] = process.argv.slice(2)): void {
  // `bme ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  runCli(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`bme: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
