/**
 * HistoryFiles: a fit callback that keeps every epoch's logs and rewrites history.json and
 * history.csv after each epoch. Its rows are callback state, so they travel inside the training
 * checkpoint and a resumed run's files hold the whole history, not only the resumed epochs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Callback, prettyJson, type Logs } from 'myelin';

/** One epoch's logs: 'epoch' (0-based) plus loss, metrics, val_* and any other log keys. */
export type HistoryRow = Record<string, number>;

export class HistoryFiles extends Callback {
  rows: HistoryRow[] = [];

  constructor(readonly dir: string) {
    super();
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.rows = this.rows.filter((r) => r['epoch']! < epoch);
    this.rows.push({ epoch, ...logs });
    this.write();
  }

  /** Keras's History layout: `{ epoch: [0, 1], history: { loss: [..], accuracy: [..] } }`, and a CSV. */
  write(): void {
    const keys = [...new Set(this.rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'epoch').sort();
    const history = Object.fromEntries(keys.map((k) => [k, this.rows.map((r) => r[k] ?? null)]));
    writeFileSync(join(this.dir, 'history.json'), prettyJson({ epoch: this.rows.map((r) => r['epoch']), history }));
    const csv = [['epoch', ...keys].join(','), ...this.rows.map((r) => [r['epoch'], ...keys.map((k) => r[k] ?? '')].join(','))];
    writeFileSync(join(this.dir, 'history.csv'), csv.join('\n') + '\n');
  }

  override stateDict(): { rows: HistoryRow[] } {
    return { rows: this.rows };
  }

  override loadStateDict(state: unknown): void {
    const rows = (state as { rows?: unknown }).rows;
    this.rows = Array.isArray(rows) ? (rows as HistoryRow[]) : [];
  }
}
