/**
 * Fetching a data file once, checked by SHA-256. Nothing is written unless the checksum matches,
 * and a file already present with the right checksum is not fetched again. `file:` URLs are read
 * from disk, so mirrors on a local or shared drive work offline.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArgumentError } from '../errors.js';
import { DataFormatError, DataNotFoundError } from './errors.js';

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function fetchBytes(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    const path = fileURLToPath(url);
    if (!existsSync(path)) throw new DataNotFoundError(`downloadMnist: ${path} does not exist`);
    return readFileSync(path);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ArgumentError(`downloadMnist: unsupported URL scheme ${url.protocol}`);
  const res = await fetch(url);
  if (!res.ok) throw new DataNotFoundError(`downloadMnist: ${url.href} answered ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Downloads `url` into `dir` (under the URL's file name) unless a file with the expected SHA-256
 * is already there, and verifies the checksum before writing; resolves to the file's path. Call
 * it once per MNIST file (e.g. `train-images-idx3-ubyte.gz`), then `loadMnist({ dir })`. A
 * checksum mismatch rejects with DataFormatError and leaves `dir` untouched.
 * @example
 * // await downloadMnist('https://mirror/train-images-idx3-ubyte.gz', 'data/mnist', '<sha256 hex>')
 * downloadMnist('file:///nonexistent/x.gz', 'unused', '0'.repeat(64)).catch((e) => e.name) instanceof Promise // true
 */
export async function downloadMnist(url: string, dir: string, sha256: string): Promise<string> {
  if (!/^[0-9a-f]{64}$/i.test(sha256)) throw new ArgumentError(`downloadMnist: sha256 must be 64 hex digits, got '${sha256}'`);
  const expected = sha256.toLowerCase();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ArgumentError(`downloadMnist: not a URL: '${url}'`);
  }
  const name = basename(decodeURIComponent(parsed.pathname));
  if (!name) throw new ArgumentError(`downloadMnist: ${url} has no file name`);
  const dest = join(dir, name);
  if (existsSync(dest) && sha256Of(readFileSync(dest)) === expected) return dest;
  const bytes = await fetchBytes(parsed);
  const actual = sha256Of(bytes);
  if (actual !== expected) throw new DataFormatError(`downloadMnist: ${url} has sha256 ${actual}, expected ${expected}; nothing was written`);
  mkdirSync(dir, { recursive: true });
  // write beside the target, then rename: an interrupted run never leaves a half file under the real name
  const part = `${dest}.part`;
  writeFileSync(part, bytes);
  renameSync(part, dest);
  return dest;
}
