/**
 * `myelin inspect FILE.safetensors`: what a safetensors file holds (tensor names, dtypes, shapes,
 * element counts, byte sizes, metadata), read from the header alone, so it is instant whatever
 * the file's size and never loads tensor data.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspectSafetensors } from 'myelin';
import { defineCommand } from '../command.js';
import { CliError } from '../errors.js';
import { bytes, count, shape, table } from '../format.js';

const MAX_META_CHARS = 80;

export const inspectCommand = defineCommand({
  name: 'inspect',
  summary: 'list the tensors of a .safetensors file (from its header only)',
  description: `
Reads the header of a safetensors file (model weights or a Myelin checkpoint) and prints each
tensor's name, dtype, shape, element count and size, then the totals and the metadata. Only the
header is read, and it is validated against the file size first.`,
  args: {
    positionals: [{ name: 'FILE', help: 'a .safetensors file (weights or a checkpoint), or a model directory (its model.safetensors)' }],
    flags: {
      json: { type: 'boolean', help: 'print the header as JSON instead of a table' },
    },
  },
  examples: ['myelin inspect runs/mnist-cnn/model.safetensors', 'myelin inspect runs/mnist-cnn', 'myelin inspect runs/mnist-cnn/checkpoint.safetensors --json'],
  async run({ positionals, flags }, io) {
    const given = positionals[0]!;
    if (!existsSync(given)) throw new CliError(`no such file: '${given}'`);
    // a model directory stands for its weights file
    const path = statSync(given).isDirectory() ? join(given, 'model.safetensors') : given;
    if (!existsSync(path)) throw new CliError(`'${given}' is a directory without a model.safetensors`);
    const header = inspectSafetensors(path);
    if (flags.json) {
      io.out(JSON.stringify({ tensors: header.tensors, metadata: header.metadata, headerSize: header.headerSize, fileSize: header.fileSize }, null, 2));
      return;
    }
    const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
    const rows = header.tensors.map((t) => [t.name, t.dtype, shape(t.shape), count(numel(t.shape)), bytes(t.byteSize)]);
    io.out(`${path}: ${header.tensors.length} tensor(s), ${bytes(header.fileSize)} (header ${bytes(header.headerSize + 8)})`);
    if (rows.length) {
      io.out('');
      for (const l of table(['name', 'dtype', 'shape', 'elements', 'size'], rows, [3, 4])) io.out(l);
    }
    const total = header.tensors.reduce((a, t) => a + numel(t.shape), 0);
    io.out('');
    io.out(`total: ${count(total)} elements, ${bytes(header.tensors.reduce((a, t) => a + t.byteSize, 0))}`);
    const meta = Object.entries(header.metadata);
    if (meta.length) {
      io.out('metadata:');
      for (const [k, v] of meta) io.out(`  ${k}: ${v.length > MAX_META_CHARS ? `${v.slice(0, MAX_META_CHARS)}… (${count(v.length)} chars)` : v}`);
    }
  },
});
