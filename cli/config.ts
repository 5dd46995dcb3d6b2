/**
 * Resolving what `myelin train` runs: a preset name or a config.json (optionally extending a
 * preset), then the command-line overrides. The resolved config is saved in the run directory
 * (config.json), so `--resume` and `eval` know the data and the settings without being told.
 */
import { existsSync, readFileSync } from 'node:fs';
import { PRESETS, type ConfigFile, type TrainConfig } from './presets/index.js';
import { CliError, UsageError } from './errors.js';

const FIELDS: readonly (keyof TrainConfig)[] = ['name', 'description', 'architecture', 'data', 'loss', 'metrics', 'optimizer', 'lr', 'epochs', 'batchSize', 'seed'];
const OPTIONAL: readonly (keyof TrainConfig)[] = ['schedule'];

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read '${path}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`'${path}' is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** A config file's fields on top of its `extends` preset; every field must end up set. */
export function configFromFile(path: string): TrainConfig {
  const raw = readJson(path);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CliError(`'${path}' must hold a JSON object of training settings`);
  const file = raw as ConfigFile & Record<string, unknown>;
  const known: readonly string[] = ['extends', ...FIELDS, ...OPTIONAL];
  const unknown = Object.keys(file).filter((k) => !known.includes(k));
  if (unknown.length) throw new CliError(`'${path}': unknown field(s) ${unknown.join(', ')} (known: ${known.join(', ')})`);
  if (file.schedule !== undefined && file.schedule !== 'constant' && file.schedule !== 'cosine') throw new CliError(`'${path}': "schedule" must be "constant" or "cosine"`);
  let base: Partial<TrainConfig> = {};
  if (file.extends !== undefined) {
    const preset = typeof file.extends === 'string' ? PRESETS.get(file.extends) : undefined;
    if (!preset) throw new CliError(`'${path}': "extends" must name a preset (${[...PRESETS.keys()].join(', ')})`);
    base = structuredClone(preset);
  }
  const { extends: _ignored, ...fields } = file;
  const cfg = { name: path.replace(/^.*[\\/]/, '').replace(/\.json$/, ''), description: `from ${path}`, ...base, ...fields };
  const missing = FIELDS.filter((k) => cfg[k] === undefined);
  if (missing.length) throw new CliError(`'${path}': missing ${missing.join(', ')} (or "extends": a preset to take them from)`);
  return cfg as TrainConfig;
}

/** A preset by name, or a config file by path. */
export function resolveConfig(what: string): TrainConfig {
  const preset = PRESETS.get(what);
  if (preset) return structuredClone(preset);
  if (what.endsWith('.json') || existsSync(what)) return configFromFile(what);
  throw new UsageError(`myelin train: '${what}' is neither a preset (${[...PRESETS.keys()].join(', ')}) nor a config file`);
}

/** The saved config of a run directory (written by `myelin train`). */
export function runConfig(dir: string): TrainConfig {
  const path = `${dir}/config.json`;
  if (!existsSync(path)) throw new CliError(`'${dir}' has no config.json (is it a directory written by myelin train?)`);
  return configFromFile(path);
}
