/**
 * What a CLI command is (name, help, argument spec, run function) and the help text printed for
 * it. Commands are thin: they parse, call Myelin, and print. The list of commands is
 * cli/commands/index.ts.
 */
import type { ArgSpec, FlagSpec, Parsed } from './args.js';

/** Where a command prints: results to `out` (stdout), notes and progress to `err` (stderr). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Whether stdout is a terminal (progress bars) or a pipe/file (plain lines). */
  isTTY: boolean;
}

export interface Command<F extends Record<string, FlagSpec> = Record<string, FlagSpec>> {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Paragraphs printed under the usage line by `--help`. */
  description: string;
  args: ArgSpec<F>;
  examples: readonly string[];
  run(parsed: Parsed<F & typeof GLOBAL_FLAGS>, io: CliIo): Promise<void>;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS = {
  help: { type: 'boolean', short: 'h', help: 'show this help and exit' },
  verbose: { type: 'boolean', help: 'print the full stack trace of an error' },
} as const satisfies Record<string, FlagSpec>;

/** Keeps a command's flag types for its `run` (the identity, typed). */
export function defineCommand<F extends Record<string, FlagSpec>>(cmd: Command<F>): Command {
  return cmd as unknown as Command;
}

/** The spec a command is parsed with: its own flags plus the global ones. */
export function fullSpec(cmd: Command): ArgSpec {
  return { positionals: cmd.args.positionals, flags: { ...cmd.args.flags, ...GLOBAL_FLAGS } };
}

function flagLabel(name: string, f: FlagSpec): string {
  const value = f.type === 'boolean' ? '' : ` ${f.metavar ?? (f.choices ? f.choices.join('|') : f.type === 'string' ? 'TEXT' : 'N')}`;
  return `${f.short ? `-${f.short}, ` : ''}--${name}${value}`;
}

/** `myelin train --help`: usage, description, arguments, options, examples. */
export function commandHelp(cmd: Command): string {
  const spec = fullSpec(cmd);
  const pos = spec.positionals.map((p) => (p.isOptional ? `[${p.name}]` : p.name)).join(' ');
  const lines = [`Usage: myelin ${cmd.name}${pos ? ' ' + pos : ''} [options]`, '', cmd.description.trim(), ''];
  if (spec.positionals.length) {
    lines.push('Arguments:');
    const w = Math.max(...spec.positionals.map((p) => p.name.length));
    for (const p of spec.positionals) lines.push(`  ${p.name.padEnd(w)}  ${p.help}`);
    lines.push('');
  }
  lines.push('Options:');
  const labels = Object.entries(spec.flags).map(([k, f]) => [flagLabel(k, f), f.help] as const);
  const w = Math.max(...labels.map(([l]) => l.length));
  for (const [l, h] of labels) lines.push(`  ${l.padEnd(w)}  ${h}`);
  if (cmd.examples.length) lines.push('', 'Examples:', ...cmd.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/** `myelin --help`: the command list. */
export function mainHelp(commands: readonly Command[]): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: myelin <command> [arguments] [options]',
    '',
    'Train, evaluate and inspect Myelin models from the command line.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Run `myelin <command> --help` for a command\'s arguments and options.',
    'Exit status: 0 success, 1 runtime error (bad file, failed run), 2 bad usage.',
    'Errors print one line; add --verbose for the stack trace.',
  ].join('\n');
}
