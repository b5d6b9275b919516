import { InputError } from '../errors.js';
import { formatScoreResult, scoreLines, scoreOptionsFromFlags, splitLines, type ScoreFlags } from '../4-compare/metrics/index.js';
import { readSource } from './files.js';
import type { CliIO } from './io.js';

/**
 * `fidelity score <reference-file…> <hypothesis-file>`: sacreBLEU-compatible corpus (or sentence-level) scores
 * of line-aligned files. The last file is the hypothesis; every earlier one is a reference stream.
 */
export function runScore(files: string[], flags: ScoreFlags, io: CliIO): number {
  if (files.length < 2) {
    throw new InputError('score', `expects at least a reference file and a hypothesis file, got ${files.length}`, 'run `fidelity score <reference> <hypothesis>`');
  }
  let options;
  try {
    options = scoreOptionsFromFlags(flags);
  } catch (e) {
    throw new InputError('score', (e as Error).message.replace(/^score: /, '').replace(/\.$/, ''), 'see `fidelity score --help`');
  }
  const streams = files.map((f) => splitLines(readSource(f, io.cwd).text));
  const hyps = streams.pop()!;
  let result;
  try {
    result = scoreLines(streams, hyps, options.score);
  } catch (e) {
    throw new InputError(files[files.length - 1]!, (e as Error).message.replace(/^score: /, '').replace(/\.$/, ''), 'give line-aligned files');
  }
  io.stdout(formatScoreResult(result, options.format));
  return 0;
}
