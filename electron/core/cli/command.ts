import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  /** One line for --help. */
  description: string;
  /** Placeholder shown in --help, e.g. DIR. */
  valueName?: string;
};

/** What a command writes to: people read `out`, machines read the single JSON value of `json`. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Prints one JSON document (with --json). */
  json(value: unknown): void;
  /** Prints one JSON line (streams such as --json-progress). */
  jsonLine(value: unknown): void;
}

export type ParsedValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** A `bme` sub-command. Names may have two words ('reads export'). */
export interface CliCommand {
  name: string;
  summary: string;
  /** Positional arguments as shown in usage, e.g. 'PATH...'. */
  positionals?: string;
  options: Record<string, OptionSpec>;
  /** Example invocations for --help. */
  examples?: string[];
  run(values: ParsedValues, positionals: string[], io: CliIO): Promise<number | void> | number | void;
}

/** A failure to report in one clear line; exit code 2 for usage errors, 1 otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Reads a required string option or fails with a usage error naming it. */
export function requireString(values: ParsedValues, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`--${name} is required`, 2);
  return v;
}

/** Reads an integer option within bounds, or its default. */
export function intOption(values: ParsedValues, name: string, fallback: number, min: number, max: number): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`, 2);
  }
  return n;
}

/** The --json option every command has. */
export const jsonOption: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print one JSON document for machines instead of text' },
};
