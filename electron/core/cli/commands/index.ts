import type { CliCommand } from '../command';
import { importCommand } from './import';
import { inspectCommand } from './inspect';
import { phantomCommand } from './phantom';
import { studyCreateCommand } from './study-create';

/** Every `bme` command, in the order --help lists them. Each command lives in its own file here. */
export const commands: readonly CliCommand[] = [
  studyCreateCommand,
  importCommand,
  inspectCommand,
  phantomCommand,
];
