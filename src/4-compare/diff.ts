import { diffWordsWithSpace } from 'diff';
import type { DiffOp } from '../types.js';

/**
 * Edit budget of one link's word diff. jsdiff's Myers core is O(N·D): diffing a whole long document at 30%
 * edits took 31 s when tried, so the tool diffs each aligned link on its own, and a link needing more than
 * this many edits is not worth showing word by word anyway (the reviewer sees both texts). A count, not a
 * clock, so that the same inputs give the same report on any machine.
 */
export const MAX_DIFF_EDITS = 400;

/** Safety net in case a pathological input makes even the bounded diff slow; the edit budget is the real limit. */
const DIFF_TIMEOUT_MS = 2000;

/**
 * Word diff of one aligned link, as compact `[op, text]` pairs that keep every character of both sides:
 * joining the `=` and `-` parts gives the reference text back, `=` and `+` the candidate. Returns null when
 * the budget was hit, so the caller can say so instead of showing a partial diff.
 */
export function wordDiff(reference: string, candidate: string): DiffOp[] | null {
  const changes = diffWordsWithSpace(reference, candidate, { maxEditLength: MAX_DIFF_EDITS, timeout: DIFF_TIMEOUT_MS });
  if (changes === undefined) return null;
  const ops: DiffOp[] = [];
  for (const change of changes) {
    const op = change.added ? '+' : change.removed ? '-' : '=';
    const last = ops[ops.length - 1];
    // Merge neighbours of the same kind: jsdiff may emit a run as several pieces, and the report is smaller.
    if (last && last[0] === op) last[1] += change.value;
    else ops.push([op, change.value]);
  }
  return ops;
}
