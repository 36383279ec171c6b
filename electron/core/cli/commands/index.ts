import type { CliCommand } from '../command';

/** Every `bme` command, in the order --help lists them. Each command lives in its own file here. */
export const commands: readonly CliCommand[] = [];
