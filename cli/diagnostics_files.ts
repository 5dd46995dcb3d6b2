/**
 * `myelin train`'s diagnostics: Myelin's Diagnostics callback with each finding printed once,
 * when it appears (on stderr, on its own lines, after clearing a live progress bar's line), and
 * diagnostics.json (the DiagnosticsReport) rewritten in the run directory after every epoch.
 * The watching and the rules are Myelin's; this file only prints and writes.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Callback, Diagnostics, type Finding } from 'myelin';
import type { CliIo } from './command.js';

/** A finding as the CLI prints it: the sentence, then what to try. */
export function formatFinding(f: Finding): string[] {
  return [`diagnostics: ${f.code} (${f.severity}, step ${f.step}): ${f.message}`, `  ${f.advice}`];
}

/** Rewrites `<dir>/diagnostics.json` after each epoch and at the end (temp file, then rename). */
export class DiagnosticsFiles extends Callback {
  constructor(readonly dir: string, readonly diagnostics: Diagnostics) {
    super();
  }

  override onEpochEnd(): void {
    this.write();
  }

  override onTrainEnd(): void {
    this.write();
  }

  write(): void {
    const path = join(this.dir, 'diagnostics.json');
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.diagnostics.report()) + '\n');
    renameSync(tmp, path);
  }
}

/**
 * The two callbacks `train` adds: Diagnostics (default sampling) printing through `io`, and the
 * file writer. `isBarLive`: a progress bar is being redrawn on this terminal, so clear its line first.
 */
export function diagnosticsCallbacks(dir: string, io: CliIo, isBarLive: boolean): [Diagnostics, DiagnosticsFiles] {
  const clear = isBarLive && process.stderr.isTTY ? '\r\x1b[K' : '';
  const diagnostics = new Diagnostics({
    onFinding: (f) => formatFinding(f).forEach((line, i) => io.err(i === 0 ? clear + line : line)),
  });
  return [diagnostics, new DiagnosticsFiles(dir, diagnostics)];
}
