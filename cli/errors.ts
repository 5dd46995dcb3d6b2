/**
 * The CLI's error kinds, by exit code: a UsageError (bad command line) exits 2; any other error
 * (missing file, bad data, a Myelin error while training) exits 1.
 */

/** The command line is wrong: unknown command or option, missing or malformed argument. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user can fix without reading a stack trace (a missing file, a bad config). Exit 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The first line of an error's message, for one-line reports. */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0] ?? '';
}
