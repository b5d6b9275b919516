import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, posix, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { displayPath, isDirectory } from './files.js';

/** One reference/candidate pair to audit, paths relative to the working directory. */
export interface Pair {
  reference: string;
  candidate: string;
}

/**
 * What to audit: two files; two directories, paired by file name (`ref/a.txt` ↔ `cand/a.txt`); or the pairs
 * of a manifest, whose paths are relative to the manifest's own directory.
 */
export function resolvePairs(positional: string[], manifest: string | undefined, cwd: string): Pair[] {
  if (manifest !== undefined) {
    if (positional.length > 0) throw new InputError('audit', 'takes either two paths or --manifest, not both', 'drop one of them');
    return readManifest(manifest, cwd);
  }
  if (positional.length !== 2) {
    throw new InputError(
      'audit',
      `expects a reference and a candidate (two files or two directories), got ${positional.length} argument(s)`,
      'run `fidelity audit <reference> <candidate>` or `fidelity audit --manifest <file>`',
    );
  }
  const [ref, cand] = positional as [string, string];
  const refDir = isDirectory(ref, cwd);
  const candDir = isDirectory(cand, cwd);
  if (refDir !== candDir) {
    throw new InputError(refDir ? ref : cand, 'is a directory but the other argument is a file', 'give two files, or two directories whose files are paired by name');
  }
  return refDir ? pairDirectories(ref, cand, cwd) : [{ reference: ref, candidate: cand }];
}

function pairDirectories(refDir: string, candDir: string, cwd: string): Pair[] {
  const list = (dir: string) =>
    readdirSync(resolve(cwd, dir), { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  const candidates = new Set(list(candDir));
  const pairs = list(refDir)
    .filter((name) => candidates.has(name))
    .map((name) => ({ reference: posix.join(toPosix(refDir), name), candidate: posix.join(toPosix(candDir), name) }));
  if (pairs.length === 0) {
    throw new InputError(displayPath(candDir, cwd), `has no file with the same name as a file in ${displayPath(refDir, cwd)}`, 'name each candidate like its reference');
  }
  return pairs;
}

function readManifest(path: string, cwd: string): Pair[] {
  const shown = displayPath(path, cwd);
  let raw: string;
  try {
    raw = readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    throw new InputError(shown, 'cannot read the manifest', 'check the path');
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(shown, `is not valid JSON (${(e as Error).message})`, 'fix the manifest');
  }
  const pairs = (data as { pairs?: unknown } | null)?.pairs;
  if (!Array.isArray(pairs) || pairs.length === 0) {
    throw new InputError(shown, 'has no "pairs" array', 'write {"pairs": [{"reference": "a.txt", "candidate": "b.txt"}]}');
  }
  const base = toPosix(dirname(path));
  return pairs.map((p, i) => {
    const { reference, candidate } = (p ?? {}) as Record<string, unknown>;
    if (typeof reference !== 'string' || typeof candidate !== 'string') {
      throw new InputError(shown, `pair ${i + 1} needs string "reference" and "candidate" paths`, 'fix the manifest');
    }
    return { reference: posix.join(base, reference), candidate: posix.join(base, candidate) };
  });
}

/** `<ref-stem>--<cand-stem>`: the file name of a pair's reports. */
export function reportStem(pair: Pair): string {
  const stem = (p: string) => basename(p, extname(p));
  return `${stem(pair.reference)}--${stem(pair.candidate)}`;
}

function toPosix(p: string): string {
  return p.split('\\').join('/');
}
