/**
 * Numeric tables from CSV: features x float32 (N, F) and a label column y (int32 class ids or
 * float32 targets). RFC 4180 quoting, CRLF, `.gz` files; every cell must be a finite number
 * (except a text class label, which is mapped to sorted class ids). Not a general CSV library:
 * no type inference beyond numbers, no missing-value handling (an empty cell is an error).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ArgumentError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { DataFormatError, DataNotFoundError } from './errors.js';

export interface CsvOptions {
  /** The label column: a header name, or a 0-based index; default the last column; null for none. */
  labelColumn?: string | number | null;
  /** Feature columns (names or indices), in this order; default every column except the label. */
  featureColumns?: readonly (string | number)[];
  /** Whether the first (non-skipped) line holds the column names (default true). Without, columns are named '0', '1', … */
  header?: boolean;
  /** One character (default ','). NOTE: ' ' means any run of spaces and tabs, as in numpy.loadtxt. */
  delimiter?: string;
  /** Lines to skip before the header, e.g. sklearn's "150,4,setosa,…" line (default 0). */
  skipRows?: number;
  /** 'class': int32 ids (numeric labels must be integers; text labels become sorted ids); 'regression': float32; 'auto' (default): int32 when every label is an integer or text. */
  labelType?: 'auto' | 'class' | 'regression';
}

/** Features only (`labelColumn: null`): x float32 (N, F) and the feature column names. */
export interface CsvFeatures {
  x: Tensor;
  columns: string[];
}

/** Features plus labels: y int32 (N) class ids or float32 (N) targets; `classes` for text labels. */
export interface CsvData extends CsvFeatures {
  y: Tensor;
  label: string;
  classes?: string[];
}

interface CsvRecord {
  fields: string[];
  line: number;
}

/** Splits text into records, honouring quotes ("" inside quotes is one "). Blank lines are dropped. */
function splitRecords(text: string, delimiter: string, source: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  if (delimiter === ' ') {
    text.split(/\r\n|\r|\n/).forEach((l, i) => {
      const t = l.trim();
      if (t) out.push({ fields: t.split(/[ \t]+/), line: i + 1 });
    });
    return out;
  }
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') out.push({ fields, line: start });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field.trim() === '') {
      const open = line;
      field = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new DataFormatError(`${source}: line ${open}: quoted field is never closed`);
        const q = text[i]!;
        if (q === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (q === '"') {
          i++;
          break;
        } else {
          if (q === '\n') line++;
          field += q;
          i++;
        }
      }
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
    }
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return out;
}

/** Resolves a column reference (name or index) to an index, or throws naming the known columns. */
function columnIndex(ref: string | number, names: readonly string[], source: string): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= names.length) throw new ArgumentError(`${source}: column index ${ref} out of range for ${names.length} columns`);
    return ref;
  }
  const at = names.indexOf(ref);
  if (at < 0) throw new ArgumentError(`${source}: no column '${ref}' (columns: ${names.join(', ')})`);
  if (names.indexOf(ref, at + 1) >= 0) throw new ArgumentError(`${source}: column name '${ref}' appears twice; use its index`);
  return at;
}

function toNumber(cell: string): number {
  const t = cell.trim();
  return t === '' ? NaN : Number(t);
}

/**
 * Parses CSV text into numeric features and a label column (see `loadCsv` for the options).
 * @example
 * const { x, y, columns } = parseCsv('a,b,label\n1,2,0\n3,4,1\n');
 * [x.toArray(), y.toArray(), columns] // [[[1, 2], [3, 4]], [0, 1], ['a', 'b']]
 */
export function parseCsv(text: string, opts: CsvOptions & { labelColumn: null }): CsvFeatures;
export function parseCsv(text: string, opts?: CsvOptions): CsvData;
export function parseCsv(text: string, opts: CsvOptions = {}): CsvFeatures | CsvData {
  return parseTable(text, opts, 'parseCsv');
}

/** parseCsv's work; `source` starts every error message (the op, and the file when there is one). */
function parseTable(text: string, opts: CsvOptions, source: string): CsvFeatures | CsvData {
  const delimiter = opts.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new ArgumentError(`${source}: delimiter must be one character other than a quote or newline, got '${delimiter}'`);
  }
  const skip = opts.skipRows ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw new ArgumentError(`${source}: skipRows must be a non-negative integer, got ${skip}`);
  const records = splitRecords(text, delimiter, source).slice(skip);
  const hasHeader = opts.header ?? true;
  const head = hasHeader ? records.shift() : undefined;
  if (hasHeader && !head) throw new DataFormatError(`${source}: no header line`);
  const width = head ? head.fields.length : (records[0]?.fields.length ?? 0);
  const names = head ? head.fields.map((s) => s.trim()) : Array.from({ length: width }, (_, j) => String(j));
  for (const r of records) {
    if (r.fields.length !== width) throw new DataFormatError(`${source}: line ${r.line} has ${r.fields.length} fields, ${head ? 'the header has' : 'the first line has'} ${width}`);
  }
  const labelRef = opts.labelColumn === undefined ? width - 1 : opts.labelColumn;
  const labelAt = labelRef === null ? -1 : columnIndex(labelRef, names, source);
  const featureAt = opts.featureColumns ? opts.featureColumns.map((c) => columnIndex(c, names, source)) : names.map((_, j) => j).filter((j) => j !== labelAt);
  if (featureAt.includes(labelAt)) throw new ArgumentError(`${source}: the label column '${names[labelAt]}' is also a feature column`);

  const n = records.length;
  const f = featureAt.length;
  const x = new Float32Array(n * f);
  records.forEach((r, i) => {
    featureAt.forEach((col, j) => {
      const v = toNumber(r.fields[col]!);
      if (!Number.isFinite(v)) throw new DataFormatError(`${source}: line ${r.line}, column '${names[col]}' (${col}): '${r.fields[col]!.trim()}' is not a finite number`);
      x[i * f + j] = v;
    });
  });
  const features: CsvFeatures = { x: new Tensor(x, [n, f], 'float32'), columns: featureAt.map((j) => names[j]!) };
  if (labelAt < 0) return features;
  return { ...features, label: names[labelAt]!, ...labels(records, labelAt, names[labelAt]!, opts.labelType ?? 'auto', source) };
}

function labels(records: CsvRecord[], col: number, name: string, kind: 'auto' | 'class' | 'regression', source: string): { y: Tensor; classes?: string[] } {
  if (!['auto', 'class', 'regression'].includes(kind)) throw new ArgumentError(`${source}: labelType must be 'auto', 'class' or 'regression', got '${String(kind)}'`);
  const cells = records.map((r) => r.fields[col]!.trim());
  const values = cells.map(toNumber);
  const firstText = values.findIndex((v) => !Number.isFinite(v));
  const where = (i: number): string => `${source}: line ${records[i]!.line}, label column '${name}' (${col}): '${cells[i]}'`;
  if (firstText >= 0) {
    // text class names ('setosa'): sorted, so the ids do not depend on row order
    if (kind === 'regression') throw new DataFormatError(`${where(firstText)} is not a finite number`);
    const empty = cells.findIndex((c) => c === '');
    if (empty >= 0) throw new DataFormatError(`${where(empty)} is empty`);
    const classes = [...new Set(cells)].sort();
    const id = new Map(classes.map((c, k) => [c, k]));
    return { y: new Tensor(Int32Array.from(cells, (c) => id.get(c)!), [cells.length], 'int32'), classes };
  }
  const fractional = values.findIndex((v) => !Number.isInteger(v) || Math.abs(v) >= 2 ** 31);
  if (kind === 'class' && fractional >= 0) throw new DataFormatError(`${where(fractional)} is not an integer class id`);
  if (kind === 'regression' || fractional >= 0) return { y: new Tensor(Float32Array.from(values), [values.length], 'float32') };
  return { y: new Tensor(Int32Array.from(values), [values.length], 'int32') };
}

/**
 * Loads a numeric CSV file (`.gz` too), or CSV text when the string contains a newline. The label
 * column defaults to the last one; the others are the features. Errors name the line and column.
 * @example
 * const { x, y } = loadCsv('x1;x2;price\n1;2;9.5\n3;4;7.25\n', { delimiter: ';', labelColumn: 'price' });
 * [x.shape, y.dtype, y.toArray()] // [[2, 2], 'float32', [9.5, 7.25]]
 */
export function loadCsv(pathOrText: string, opts: CsvOptions & { labelColumn: null }): CsvFeatures;
export function loadCsv(pathOrText: string, opts?: CsvOptions): CsvData;
export function loadCsv(pathOrText: string, opts: CsvOptions = {}): CsvFeatures | CsvData {
  if (/[\r\n]/.test(pathOrText)) return parseTable(pathOrText, opts, 'loadCsv');
  let bytes: Buffer;
  try {
    bytes = readFileSync(pathOrText);
  } catch (e) {
    throw new DataNotFoundError(`loadCsv: cannot read ${pathOrText} (${(e as { code?: string }).code ?? String(e)})`);
  }
  if (pathOrText.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DataFormatError(`loadCsv: ${pathOrText}: corrupt or truncated gzip data (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    }
  }
  return parseTable(bytes.toString('utf8'), opts, `loadCsv: ${pathOrText}`);
}
