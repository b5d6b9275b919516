import { closeSync, fstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, mkdirSync, realpathSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { dirname, relative, resolve, sep } from 'node:path';
import { decode, DEFAULT_MAX_BYTES } from '../1-ingest/decode.js';
import { InputError } from '../errors.js';
import type { SourceText } from '../types.js';

/**
 * Reads an input file for the pipeline. Checks the size from the file's metadata *before* reading, so that a
 * 200 MB dump is refused at once instead of being loaded, and turns every fs failure into one clear line.
 */
export function readSource(path: string, cwd: string, maxBytes = DEFAULT_MAX_BYTES): SourceText {
  return decodeSource(readInput(path, cwd, maxBytes), path, cwd, maxBytes);
}

/** The bytes of an input file, with the checks and error lines of `readSource` (a batch reads on the pool's thread). */
export function readInput(path: string, cwd: string, maxBytes = DEFAULT_MAX_BYTES): Uint8Array {
  const shown = displayPath(path, cwd);
  let fd: number;
  try {
    fd = openSync(resolve(cwd, path), 'r');
  } catch (e) {
    throw fsError(shown, e, 'read');
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError(shown, 'is a directory, not a file', 'give a text file, or use --manifest for a batch');
    if (st.size > maxBytes) {
      throw new InputError(shown, `${st.size} bytes is over the ${maxBytes}-byte input limit`, 'split the file, or raise the limit with --max-bytes');
    }
    const bytes = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, bytes, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** `readSource` of bytes from `readInput`. */
export function decodeSource(bytes: Uint8Array, path: string, cwd: string, maxBytes = DEFAULT_MAX_BYTES): SourceText {
  return decode(bytes, displayPath(path, cwd), { maxBytes });
}

/**
 * Writes a report atomically: a temporary file in the same directory, then a rename, so a killed run leaves
 * the previous report or none — never half a file that a later CI step trusts.
 */
export function writeAtomic(path: string, content: string, cwd: string): void {
  const target = resolve(cwd, path);
  const shown = displayPath(path, cwd);
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (e) {
    throw fsError(shown, e, 'create the directory of');
  }
  const tmp = tmpPath(target);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw fsError(shown, e, 'write');
  }
}

let tmpCount = 0;

/**
 * A temporary name no other write uses, even from another thread of this process (threads share the pid).
 */
function tmpPath(target: string): string {
  return `${target}.${process.pid}-${threadId}-${tmpCount++}.tmp`;
}

/**
 * Refuses any output path that names one of the inputs: a report must never overwrite what it audits. Paths
 * are compared after resolving links, and the inputs are resolved once, so a 10k-pair batch checks its 20k
 * outputs in linear time.
 */
export function assertNoInputOverwritten(outputs: readonly string[], inputs: readonly string[], cwd: string): void {
  const inputSet = new Set(inputs.map((input) => canonical(resolve(cwd, input))));
  for (const output of outputs) {
    if (inputSet.has(canonical(resolve(cwd, output)))) {
      throw new InputError(displayPath(output, cwd), 'is also an input file', 'choose another output path');
    }
  }
}

/** Paths in reports are relative to the working directory with `/` separators, so reports are portable. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

export function isDirectory(path: string, cwd: string): boolean {
  try {
    return statSync(resolve(cwd, path)).isDirectory();
  } catch {
    return false;
  }
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function fsError(shown: string, e: unknown, verb: string): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new InputError(shown, 'no such file or directory', 'check the path');
    case 'EACCES':
    case 'EPERM':
      return new InputError(shown, `permission denied (cannot ${verb} it)`, 'check the permissions or choose another path');
    case 'EISDIR':
      return new InputError(shown, 'is a directory, not a file', 'give a file path');
    case 'ENOTDIR':
      return new InputError(shown, 'a part of the path is not a directory', 'check the path');
    case 'EROFS':
      return new InputError(shown, 'is on a read-only file system', 'choose another output directory');
    case 'ENOSPC':
      return new InputError(shown, 'no space left on the device', 'free some space or choose another output directory');
    default:
      return new InputError(shown, `cannot ${verb} it (${code ?? String(e)})`, 'check the path and permissions');
  }
}
