/**
 * The CLI's argument parser: positionals and `--long[=value]` flags checked against a command's
 * declared options, with typed values. Every mistake is a UsageError (exit code 2) whose one-line
 * message names the flag and the command. Not a general parser: no short-flag bundling, no
 * repeated flags (the last one wins).
 */
import { UsageError } from './errors.js';

/** How a flag's value is read: text, an integer, any finite number, or a switch with no value. */
export type FlagType = 'string' | 'int' | 'number' | 'boolean';

export interface FlagSpec {
  type: FlagType;
  help: string;
  /** The value's name in help text, e.g. 'N' or 'DIR'. */
  metavar?: string;
  /** Allowed values (string flags). */
  choices?: readonly string[];
  /** A one-letter alias, e.g. 'h' for --help. */
  short?: string;
}

export interface PositionalSpec {
  name: string;
  help: string;
  isOptional?: boolean;
}

/** What a command accepts; `flags` keys are the long names without dashes ('batch-size'). */
export interface ArgSpec<F extends Record<string, FlagSpec> = Record<string, FlagSpec>> {
  positionals: readonly PositionalSpec[];
  flags: F;
}

/** The parsed value type of each flag: absent flags are undefined. */
export type FlagValues<F extends Record<string, FlagSpec>> = {
  [K in keyof F]?: F[K]['type'] extends 'int' | 'number' ? number : F[K]['type'] extends 'boolean' ? boolean : string;
};

export interface Parsed<F extends Record<string, FlagSpec>> {
  positionals: string[];
  flags: FlagValues<F>;
}

function convert(command: string, name: string, spec: FlagSpec, raw: string): string | number {
  if (spec.type === 'int') {
    if (!/^[+-]?\d+$/.test(raw.trim())) throw new UsageError(`${command}: --${name} expects an integer, got '${raw}'`);
    return Number(raw);
  }
  if (spec.type === 'number') {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${command}: --${name} expects a number, got '${raw}'`);
    return v;
  }
  if (spec.choices && !spec.choices.includes(raw)) {
    throw new UsageError(`${command}: --${name} must be one of ${spec.choices.join(', ')}; got '${raw}'`);
  }
  return raw;
}

/**
 * Parses `argv` (the words after the command name) against `spec`. `--` ends the flags.
 * Throws UsageError for an unknown flag, a missing or malformed value, or a wrong number of
 * positionals.
 */
export function parseArgs<F extends Record<string, FlagSpec>>(command: string, argv: readonly string[], spec: ArgSpec<F>): Parsed<F> {
  const positionals: string[] = [];
  const flags: Record<string, string | number | boolean> = {};
  const byShort = new Map(Object.entries(spec.flags).flatMap(([k, f]) => (f.short ? [[f.short, k] as const] : [])));
  let isFlagsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (isFlagsDone || word === '-' || !word.startsWith('-')) {
      positionals.push(word);
      continue;
    }
    if (word === '--') {
      isFlagsDone = true;
      continue;
    }
    const eq = word.indexOf('=');
    const given = eq >= 0 ? word.slice(0, eq) : word;
    const name = given.startsWith('--') ? given.slice(2) : byShort.get(given.slice(1));
    const fspec = name === undefined ? undefined : spec.flags[name];
    if (name === undefined || fspec === undefined) {
      throw new UsageError(`${command}: unknown option '${given}' (see ${command} --help)`);
    }
    if (fspec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`${command}: --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq >= 0) raw = word.slice(eq + 1);
    else if (i + 1 < argv.length && !/^--?[A-Za-z]/.test(argv[i + 1]!)) raw = argv[++i];
    if (raw === undefined) throw new UsageError(`${command}: --${name} needs a value`);
    flags[name] = convert(command, name, fspec, raw);
  }
  const required = spec.positionals.filter((p) => !p.isOptional).length;
  if (positionals.length < required) {
    const missing = spec.positionals[positionals.length]!;
    throw new UsageError(`${command}: missing ${missing.name} (see ${command} --help)`);
  }
  if (positionals.length > spec.positionals.length) {
    throw new UsageError(`${command}: unexpected argument '${positionals[spec.positionals.length]}' (see ${command} --help)`);
  }
  return { positionals, flags: flags as FlagValues<F> };
}
