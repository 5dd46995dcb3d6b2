/**
 * The `myelin` command line: picks the command, parses its arguments, runs it, and turns what
 * happened into an exit code (0 success, 1 runtime error, 2 bad usage). Errors print as one line
 * `myelin <command>: <message>` unless --verbose asks for the stack. The executable is
 * cli/bin/myelin.js, which loads the compiled form of this file from dist/cli/.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from './args.js';
import { type CliIo, type Command, commandHelp, fullSpec, mainHelp } from './command.js';
import { COMMANDS } from './commands/index.js';
import { UsageError, firstLine } from './errors.js';

/** stdout/stderr of this process. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTTY: Boolean(process.stdout.isTTY),
};

function findCommand(name: string): Command {
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) throw new UsageError(`myelin: unknown command '${name}' (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see myelin --help)`);
  return cmd;
}

/** Runs one command line (the words after `myelin`) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const isVerbose = argv.includes('--verbose');
  let where = 'myelin';
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      io.out(topic ? commandHelp(findCommand(topic)) : mainHelp(COMMANDS));
      return 0;
    }
    if (first === '--version') {
      io.out(version());
      return 0;
    }
    if (first.startsWith('-') && first !== '--verbose') throw new UsageError(`myelin: unknown option '${first}' (see myelin --help)`);
    const cmd = findCommand(first === '--verbose' ? rest.shift() ?? '' : first);
    where = `myelin ${cmd.name}`;
    // --help wins over everything else on the line, even over mistakes
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(cmd));
      return 0;
    }
    const parsed = parseArgs(where, rest, fullSpec(cmd));
    await cmd.run(parsed, io);
    return 0;
  } catch (e) {
    if (isVerbose && e instanceof Error && e.stack) io.err(e.stack);
    else {
      const msg = firstLine(e);
      io.err(msg.startsWith('myelin') ? msg : `${where}: ${msg}`);
    }
    return e instanceof UsageError ? 2 : 1;
  }
}

/**
 * The process entry (cli/bin/myelin.js): runs `process.argv` and sets the exit code. A closed
 * stdout (`myelin train … | head`) ends the process quietly instead of with an EPIPE stack.
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = await run(argv);
}

/** The package version, for --version (read from package.json beside dist/ when run from the build). */
function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
