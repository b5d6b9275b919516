import type { DiffOp } from '../types.js';
import { internStrings } from './metrics/intern.js';

/**
 * Edit budget of one link's word diff. Myers' algorithm is O((N+M)·D): diffing a whole long document at 30%
 * edits took 31 s when tried with jsdiff, so the tool diffs each aligned link on its own, and a link needing
 * more than this many token edits is not worth showing word by word anyway (the reviewer sees both texts).
 * A count, not a clock, so that the same inputs give the same report on any machine.
 */
export const MAX_DIFF_EDITS = 400;

/**
 * Words (letters, digits, combining marks), runs of white space, and single other characters: the units a
 * reviewer reads as changed. White space is a token so that joining the tokens gives each text back exactly.
 */
const TOKEN = /[\p{L}\p{N}\p{M}_]+|\s+|[^\p{L}\p{N}\p{M}_\s]/gu;

/**
 * Word diff of one aligned link, as compact `[op, text]` pairs that keep every character of both sides:
 * joining the `=` and `-` parts gives the reference text back, `=` and `+` the candidate. Returns null when
 * the edit budget was hit, so the caller can say so instead of showing a partial diff.
 *
 * Our own Myers diff (Myers 1986, "An O(ND) difference algorithm") over interned token ids rather than
 * jsdiff's `diffWordsWithSpace`: the result is the same kind of minimal word diff, but jsdiff allocates an
 * object per path step and was the largest single cost of a whole audit in a CPU profile (11 % of the time of
 * 000→001, more than all of alignment's DP), which matters for 10k-pair batch audits.
 */
export function wordDiff(reference: string, candidate: string): DiffOp[] | null {
  // The tokens cover every character, so equal texts give one `=` op holding the whole text (a quarter of
  // a republished text's links are identical).
  if (reference === candidate) return reference === '' ? [] : [['=', reference]];
  const a = tokensOf(reference);
  const b = tokensOf(candidate);
  const ids = new Map<string, number>();
  const script = editScript(internStrings(ids, a), internStrings(ids, b), MAX_DIFF_EDITS);
  if (script === null) return null;
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  for (const step of script) {
    const op = step === EQUAL ? '=' : step === DELETE ? '-' : '+';
    const text = step === INSERT ? b[j++]! : a[i++]!;
    if (step === EQUAL) j++;
    const last = ops[ops.length - 1];
    if (last && last[0] === op) last[1] += text;
    else ops.push([op, text]);
  }
  return ops;
}

/**
 * The tokens of a text, remembered per text (at most 4096 texts, emptied when full; the arrays are only read):
 * a batch audits many candidates against one original, so its sentences are tokenised once.
 */
const tokenCache = new Map<string, readonly string[]>();

function tokensOf(text: string): readonly string[] {
  let tokens = tokenCache.get(text);
  if (tokens === undefined) {
    tokens = text.match(TOKEN) ?? [];
    if (tokenCache.size >= 4096) tokenCache.clear();
    tokenCache.set(text, tokens);
  }
  return tokens;
}

const EQUAL = 0;
const DELETE = 1;
const INSERT = 2;

/**
 * The shortest edit script from `a` to `b` as a list of steps (EQUAL, DELETE, INSERT) in text order, or null
 * when it needs more than `maxEdits` edits. Forward greedy search keeping, for each edit count d, the furthest
 * x reached on every diagonal k (only the window −d−1…d+1 is kept, so memory is O(D²)), then a walk back.
 * Where a deletion and an insertion tie, the deletion comes first, as diff tools show "- old + new".
 */
function editScript(a: Int32Array, b: Int32Array, maxEdits: number): number[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return null;

  const steps: number[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const w = trace[d]!; // furthest x per diagonal before step d, diagonal k at index k + d + 1
    const k = x - y;
    const down = k === -d || (k !== d && w[k - 1 + d + 1]! < w[k + 1 + d + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : w[prevK + d + 1]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push(EQUAL);
      x--;
      y--;
    }
    if (d > 0) {
      if (down) {
        steps.push(INSERT);
        y--;
      } else {
        steps.push(DELETE);
        x--;
      }
    }
  }
  return steps.reverse();
}
