import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { InputError } from '../errors.js';
import type { Gate, RuleSetting } from '../settings.js';
import { displayPath } from './files.js';

/** The file `fidelity` looks for in the working directory when no `--config` is given. */
export const CONFIG_FILE = 'fidelity.config.json';

/** JSON Schema of a glossary file, and of the config's inline `glossary`. */
export const GLOSSARY_SCHEMA = {
  type: 'object',
  required: ['terms'],
  additionalProperties: false,
  properties: {
    terms: {
      type: 'array',
      items: {
        type: 'object',
        required: ['term'],
        additionalProperties: false,
        properties: { term: { type: 'string', minLength: 1 }, variants: { type: 'array', items: { type: 'string', minLength: 1 } } },
      },
    },
  },
} as const;

/** JSON Schema of `fidelity.config.json` (draft-07, what Ajv's default build validates). */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'fidelity configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    glossary: {
      description: 'protected terms, inline or as a path to a glossary JSON file (relative to this file)',
      oneOf: [{ type: 'string' }, { $ref: '#/definitions/glossary' }],
    },
    boilerplate: { description: 'regular expressions for candidate lines that are scraper/template noise', type: 'array', items: { type: 'string' } },
    ignore: { description: 'regular expressions; findings whose reference or candidate text matches are dropped', type: 'array', items: { type: 'string' } },
    rules: {
      description: 'per-rule switch or severity override, e.g. {"entity/case-only": "off"}',
      type: 'object',
      additionalProperties: { enum: ['off', 'critical', 'major', 'minor'] },
    },
    gate: {
      type: 'object',
      additionalProperties: false,
      properties: {
        failOn: { enum: ['critical', 'major', 'minor'] },
        maxDrift: { type: 'number', minimum: 0, maximum: 1 },
        maxOmitted: { type: 'integer', minimum: 0 },
      },
    },
    alignMode: { enum: ['monotonic', 'non-monotonic'] },
  },
  definitions: { glossary: GLOSSARY_SCHEMA },
} as const;

export interface GlossaryData {
  terms: Array<{ term: string; variants?: string[] }>;
}

/** A validated config, with paths resolved and patterns compiled. */
export interface Config {
  glossary?: GlossaryData;
  boilerplate: RegExp[];
  ignore: RegExp[];
  rules: Record<string, RuleSetting>;
  gate: Gate;
  alignMode?: 'monotonic' | 'non-monotonic';
}

const ajv = new Ajv({ allErrors: false, strict: true });
const validateConfig = ajv.compile(CONFIG_SCHEMA);
const validateGlossary = ajv.compile(GLOSSARY_SCHEMA);

/**
 * Loads `--config <file>`, or `fidelity.config.json` in the working directory when present, or nothing. Every
 * problem is one line naming the file and the JSON path at fault.
 */
export function loadConfig(explicit: string | undefined, cwd: string): Config {
  const path = explicit ?? (existsSync(resolve(cwd, CONFIG_FILE)) ? CONFIG_FILE : undefined);
  if (path === undefined) return { boilerplate: [], ignore: [], rules: {}, gate: {} };
  const data = readJson(path, cwd, 'config file');
  if (!validateConfig(data)) {
    const err = validateConfig.errors?.[0];
    throw new InputError(displayPath(path, cwd), `invalid config at ${err?.instancePath || '/'}: ${err?.message ?? 'does not match the schema'}`, 'see "Configuration" in the README');
  }
  const raw = data as Record<string, unknown>;
  const config: Config = {
    boilerplate: compileAll((raw.boilerplate as string[] | undefined) ?? [], path, cwd, 'boilerplate'),
    ignore: compileAll((raw.ignore as string[] | undefined) ?? [], path, cwd, 'ignore'),
    rules: (raw.rules as Record<string, RuleSetting> | undefined) ?? {},
    gate: (raw.gate as Gate | undefined) ?? {},
  };
  if (raw.alignMode) config.alignMode = raw.alignMode as Config['alignMode'];
  if (typeof raw.glossary === 'string') config.glossary = loadGlossary(resolve(cwd, dirname(path), raw.glossary), cwd);
  else if (raw.glossary) config.glossary = raw.glossary as GlossaryData;
  return config;
}

/** A glossary file: `{"terms": [{"term": "KASA", "variants": ["Korea AeroSpace Administration"]}]}`. */
export function loadGlossary(path: string, cwd: string): GlossaryData {
  const data = readJson(path, cwd, 'glossary');
  if (!validateGlossary(data)) {
    const err = validateGlossary.errors?.[0];
    throw new InputError(displayPath(path, cwd), `invalid glossary at ${err?.instancePath || '/'}: ${err?.message ?? 'does not match the schema'}`, 'write {"terms": [{"term": "…", "variants": ["…"]}]}');
  }
  return data as GlossaryData;
}

function readJson(path: string, cwd: string, what: string): unknown {
  const shown = displayPath(path, cwd);
  let raw: string;
  try {
    raw = readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    throw new InputError(shown, `cannot read the ${what}`, 'check the path');
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(shown, `is not valid JSON (${(e as Error).message})`, `fix the ${what}`);
  }
}

function compileAll(patterns: string[], path: string, cwd: string, key: string): RegExp[] {
  return patterns.map((p, i) => {
    try {
      return new RegExp(p, 'u');
    } catch (e) {
      throw new InputError(displayPath(path, cwd), `${key}[${i}] is not a valid regular expression (${(e as Error).message})`, 'fix the pattern');
    }
  });
}
