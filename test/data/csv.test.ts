/**
 * CSV loading: inline text (quoting, CRLF, delimiters, label types, errors naming line and column)
 * and the scikit-learn CSVs in ../shared/data/sklearn when that folder exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ArgumentError, DataFormatError, DataNotFoundError, loadCsv, parseCsv } from '../../src/index.js';

const SKLEARN = fileURLToPath(new URL('../../../shared/data/sklearn/data/', import.meta.url));

test('header, default last-column label, int32 class ids, float32 features', () => {
  const { x, y, columns, label } = parseCsv('f1,f2,cls\n1.5,2,0\n-3,4e2,2\n');
  assert.deepEqual(x.shape, [2, 2]);
  assert.equal(x.dtype, 'float32');
  assert.deepEqual(x.toArray(), [[1.5, 2], [-3, 400]]);
  assert.deepEqual([y.dtype, y.toArray()], ['int32', [0, 2]]);
  assert.deepEqual([columns, label], [['f1', 'f2'], 'cls']);
});

test('quotes, CRLF, blank lines, whitespace delimiter, feature selection, no label', () => {
  const q = parseCsv('"a","b, with comma","say ""hi"""\r\n1,2,3\r\n\r\n 4 , 5 , 6 \r\n', { labelColumn: 'say "hi"' });
  assert.deepEqual(q.columns, ['a', 'b, with comma']);
  assert.deepEqual(q.x.toArray(), [[1, 2], [4, 5]]);
  assert.deepEqual(q.y.toArray(), [3, 6]);
  const ws = parseCsv('1  2\t3\n  4 5 6\n', { header: false, delimiter: ' ', labelColumn: 0, featureColumns: [2, 1] });
  assert.deepEqual([ws.x.toArray(), ws.y.toArray(), ws.columns, ws.label], [[[3, 2], [6, 5]], [1, 4], ['2', '1'], '0']);
  const none = parseCsv('a;b\n1;2\n', { delimiter: ';', labelColumn: null });
  assert.deepEqual([none.x.toArray(), 'y' in none], [[[1, 2]], false]);
  const multi = parseCsv('name,v\n"two\nlines",1\n', { labelColumn: 'v', featureColumns: [] });
  assert.deepEqual(multi.x.shape, [1, 0]);
});

test('label types: regression floats, text classes as sorted ids, explicit class/regression', () => {
  const reg = parseCsv('x,t\n1,0.5\n2,1\n');
  assert.deepEqual([reg.y.dtype, reg.y.toArray()], ['float32', [0.5, 1]]);
  const asReg = parseCsv('x,t\n1,3\n2,1\n', { labelType: 'regression' });
  assert.equal(asReg.y.dtype, 'float32');
  const text = parseCsv('x,species\n1,virginica\n2,setosa\n3,virginica\n');
  assert.deepEqual([text.y.toArray(), text.classes], [[1, 0, 1], ['setosa', 'virginica']]);
  assert.throws(() => parseCsv('x,c\n1,0\n2,0.5\n', { labelType: 'class' }), /line 3, label column 'c' \(1\): '0.5' is not an integer class id/);
  assert.throws(() => parseCsv('x,t\n1,abc\n', { labelType: 'regression' }), /line 2, label column 't' \(1\): 'abc' is not a finite number/);
});

test('bad values and shapes: DataFormatError naming line and column; bad options: ArgumentError', () => {
  const bad = (text: string, re: RegExp, cls: typeof DataFormatError = DataFormatError, opts = {}): void => {
    assert.throws(() => parseCsv(text, opts), (e: unknown) => e instanceof cls && re.test((e as Error).message) && !(e as Error).message.includes('\n'));
  };
  bad('a,b,y\n1,2,0\n1,oops,1\n', /parseCsv: line 3, column 'b' \(1\): 'oops' is not a finite number/);
  bad('a,b,y\n1,,0\n', /line 2, column 'b' \(1\): '' is not a finite number/);
  bad('a,b,y\n1,Infinity,0\n', /'Infinity' is not a finite number/);
  bad('a,b,y\n1,2,0\n1,2\n', /line 3 has 2 fields, the header has 3/);
  bad('a,b,y\n"1,2,0\n', /line 2: quoted field is never closed/);
  bad('', /no header line/);
  bad('a,b\n1,2\n', /no column 'z' \(columns: a, b\)/, ArgumentError, { labelColumn: 'z' });
  bad('a,a,y\n1,2,3\n', /'a' appears twice/, ArgumentError, { featureColumns: ['a'] });
  bad('a,b\n1,2\n', /label column 'b' is also a feature column/, ArgumentError, { featureColumns: ['a', 'b'] });
  bad('a,b\n1,2\n', /column index 5 out of range for 2 columns/, ArgumentError, { labelColumn: 5 });
  bad('a,b\n1,2\n', /delimiter must be one character/, ArgumentError, { delimiter: '::' });
});

test('files: plain and .gz paths, missing file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-csv-'));
  try {
    writeFileSync(join(dir, 't.csv'), 'a,y\n1,0\n2,1\n');
    writeFileSync(join(dir, 't.csv.gz'), gzipSync('a,y\n1,0\n2,1\n'));
    assert.deepEqual(loadCsv(join(dir, 't.csv')).x.toArray(), [[1], [2]]);
    assert.deepEqual(loadCsv(join(dir, 't.csv.gz')).y.toArray(), [0, 1]);
    writeFileSync(join(dir, 'bad.csv'), 'a,y\n1,0\nx,1\n');
    assert.throws(() => loadCsv(join(dir, 'bad.csv')), /loadCsv: .*bad\.csv: line 3, column 'a' \(0\): 'x'/);
    assert.throws(() => loadCsv(join(dir, 'missing.csv')), DataNotFoundError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scikit-learn CSVs from ../shared/data/sklearn', (t) => {
  if (!existsSync(SKLEARN)) {
    console.log(`# sklearn CSV checks skipped: ${SKLEARN} does not exist`);
    t.skip(`${SKLEARN} does not exist`);
    return;
  }
  // iris: a "150,4,setosa,versicolor,virginica" line, then 4 features + class id
  const iris = loadCsv(join(SKLEARN, 'iris.csv'), { header: false, skipRows: 1 });
  assert.deepEqual([iris.x.shape, iris.y.dtype], [[150, 4], 'int32']);
  assert.deepEqual(Array.from(iris.x.data.subarray(0, 4)), [5.1, 3.5, 1.4, 0.2].map(Math.fround));
  assert.deepEqual([0, 1, 2].map((c) => iris.y.toFlatArray().filter((v) => v === c).length), [50, 50, 50]);
  const cancer = loadCsv(join(SKLEARN, 'breast_cancer.csv'), { header: false, skipRows: 1 });
  assert.deepEqual(cancer.x.shape, [569, 30]);
  const wine = loadCsv(join(SKLEARN, 'wine_data.csv'), { header: false, skipRows: 1 });
  assert.deepEqual([wine.x.shape, wine.y.max().item()], [[178, 13], 2]);
  // boston: a count line, then quoted names; MEDV is a float target
  const boston = loadCsv(join(SKLEARN, 'boston_house_prices.csv'), { skipRows: 1, labelColumn: 'MEDV' });
  assert.deepEqual([boston.x.shape, boston.y.dtype, boston.columns[0], boston.y.toFlatArray()[0]], [[506, 13], 'float32', 'CRIM', 24]);
  const digits = loadCsv(join(SKLEARN, 'digits.csv.gz'), { header: false });
  assert.deepEqual([digits.x.shape, digits.y.max().item()], [[1797, 64], 9]);
  const diabetes = loadCsv(join(SKLEARN, 'diabetes_data_raw.csv.gz'), { header: false, delimiter: ' ', labelColumn: null });
  assert.deepEqual(diabetes.x.shape, [442, 10]);
  const target = loadCsv(join(SKLEARN, 'diabetes_target.csv.gz'), { header: false, labelType: 'regression', featureColumns: [] });
  assert.deepEqual([target.y.shape, target.y.dtype], [[442], 'float32']);
  const linnerud = loadCsv(join(SKLEARN, 'linnerud_exercise.csv'), { delimiter: ' ', labelColumn: 'Jumps' });
  assert.deepEqual([linnerud.columns, linnerud.x.shape], [['Chins', 'Situps'], [20, 2]]);
});
