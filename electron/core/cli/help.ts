import { appVersion } from '../app-version';
import type { CliCommand } from './command';

export function overallHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `bme ${appVersion}: BME Workstation from the command line`,
    '',
    'Usage: bme COMMAND [options]     (bme COMMAND --help for its options)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Every command takes --json for machine-readable output and exits non-zero on failure.',
  ].join('\n');
}

export function commandHelp(c: CliCommand): string {
  const opts = Object.entries(c.options).map(([name, o]) => {
    const left = `--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    return `  ${left.padEnd(26)}${o.description}`;
  });
  return [
    `Usage: bme ${c.name}${c.positionals ? ` ${c.positionals}` : ''} [options]`,
    '',
    c.summary,
    '',
    'Options:',
    ...opts,
    ...(c.examples?.length ? ['', 'Examples:', ...c.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}
