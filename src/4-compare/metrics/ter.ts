/**
 * TER, translation edit rate (Snover et al., 2006, https://aclanthology.org/2006.amta-papers.25), as
 * sacreBLEU 2.6.0's pure-Python tercom port (`lib_ter.py`): greedy block shifts, each chosen as the one that
 * lowers the edit distance most (ties: longest, then earliest start, then earliest target), shift
 * candidates filtered as tercom does (max shift size 10, max distance 50, the words must be wrong on both
 * sides), a beam-limited edit distance around the length-scaled diagonal (beam 25), and a budget of 1000
 * evaluated candidates per sentence after which the search stops.
 *
 * The speed comes from things that do not change the result: words are integers; the edit-distance rows of
 * the current hypothesis are kept, so a candidate shift is only computed from the first word where it
 * differs (tercom and sacreBLEU cache prefixes for the same reason); a candidate is abandoned as soon as a
 * row minimum shows it cannot beat the best shift so far (edit costs never decrease along a path, so every
 * row's minimum is a lower bound of the final distance).
 *
 * Statistics per segment: `[edits, average reference length]`.
 */
import { formatSignature, StringMetric, type NRefs } from './base.js';
import { pyRstrip, pySplit } from './pytext.js';
import { tercomTokenize, type TercomOptions } from './tokenizers.js';
import { internStrings } from './intern.js';

const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const BEAM_WIDTH = 25;
const MAX_SHIFT_CANDIDATES = 1000;
/** Cells outside the beam. Adding a few edit costs to it stays far below 2^31. */
const INF = 1 << 30;

const OP_NOP = 0;
const OP_SUB = 1;
const OP_INS = 2;
const OP_DEL = 3;
const OP_UNDEF = 4;

/** Beam-limited edit distance of hypotheses of a fixed length against one reference (sacreBLEU `BeamEditDistance`). */
class BeamEditDistance {
  readonly nH: number;
  readonly nR: number;
  readonly width: number;
  readonly minJ: Int32Array;
  readonly maxJ: Int32Array;
  /** Costs of the current hypothesis, row-major (nH+1) × (nR+1). */
  cost: Int32Array;
  ops: Uint8Array;
  /** Two rolling rows for candidates. */
  private rowA: Int32Array;
  private rowB: Int32Array;

  constructor(
    readonly ref: Int32Array,
    nH: number,
  ) {
    this.nH = nH;
    this.nR = ref.length;
    const W = (this.width = this.nR + 1);
    const lengthRatio = nH ? this.nR / nH : 1;
    // In very unequal lengths the band could miss the previous row entirely; sacreBLEU widens it then.
    const beam = BEAM_WIDTH < lengthRatio / 2 ? Math.ceil(lengthRatio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    this.minJ = new Int32Array(nH + 1);
    this.maxJ = new Int32Array(nH + 1);
    for (let i = 1; i <= nH; i++) {
      const diag = Math.floor(i * lengthRatio);
      this.minJ[i] = Math.max(0, diag - beam);
      this.maxJ[i] = i === nH ? W : Math.min(W, diag + beam);
    }
    this.cost = new Int32Array((nH + 1) * W);
    this.ops = new Uint8Array((nH + 1) * W);
    for (let j = 0; j < W; j++) {
      this.cost[j] = j;
      this.ops[j] = OP_INS;
    }
    this.rowA = new Int32Array(W);
    this.rowB = new Int32Array(W);
  }

  /** Fills rows from+1..nH of the full matrix (with operations) for `words`; rows ≤ from must be valid. */
  full(words: Int32Array, from: number): number {
    const { cost, ops, ref, width: W, nH } = this;
    for (let i = from + 1; i <= nH; i++) {
      const row = i * W;
      const prow = row - W;
      cost.fill(INF, row, row + W);
      ops.fill(OP_UNDEF, row, row + W);
      const w = words[i - 1]!;
      const lo = this.minJ[i]!;
      const hi = this.maxJ[i]!;
      for (let j = lo; j < hi; j++) {
        if (j === 0) {
          cost[row] = cost[prow]! + 1;
          ops[row] = OP_DEL;
          continue;
        }
        // tercom prefers match/substitution, then insertion, then deletion; sacreBLEU swaps the last two
        // because it reads the trace in the other direction. Only strictly better options replace.
        const same = w === ref[j - 1];
        let best = INF;
        let op = OP_UNDEF;
        let c = cost[prow + j - 1]! + (same ? 0 : 1);
        if (best > c) {
          best = c;
          op = same ? OP_NOP : OP_SUB;
        }
        c = cost[prow + j]! + 1;
        if (best > c) {
          best = c;
          op = OP_DEL;
        }
        c = cost[row + j - 1]! + 1;
        if (best > c) {
          best = c;
          op = OP_INS;
        }
        cost[row + j] = best;
        ops[row + j] = op;
      }
    }
    return cost[nH * W + this.nR]!;
  }

  /**
   * The distance of `words`, whose first `from` words equal the current hypothesis's, or −1 as soon as it
   * is known to exceed `limit`.
   */
  distance(words: Int32Array, from: number, limit: number): number {
    const { ref, width: W, nH, cost } = this;
    if (from >= nH) return cost[nH * W + this.nR]!;
    let prev = this.rowA;
    let curr = this.rowB;
    prev.set(cost.subarray(from * W, from * W + W));
    for (let i = from + 1; i <= nH; i++) {
      curr.fill(INF);
      const w = words[i - 1]!;
      const lo = this.minJ[i]!;
      const hi = this.maxJ[i]!;
      let rowMin = INF;
      for (let j = lo; j < hi; j++) {
        let best: number;
        if (j === 0) best = prev[0]! + 1;
        else {
          best = INF;
          let c = prev[j - 1]! + (w === ref[j - 1] ? 0 : 1);
          if (best > c) best = c;
          c = prev[j]! + 1;
          if (best > c) best = c;
          c = curr[j - 1]! + 1;
          if (best > c) best = c;
        }
        curr[j] = best;
        if (best < rowMin) rowMin = best;
      }
      if (rowMin > limit) return -1;
      const t = prev;
      prev = curr;
      curr = t;
    }
    return prev[this.nR]!;
  }

  /**
   * The edit operations of the current hypothesis, flipped to rewrite the reference into the hypothesis
   * (sacreBLEU `_flip_trace` + `trace_to_alignment`): for each reference word the hypothesis position it
   * aligns to, and prefix sums of the error flags on both sides.
   */
  alignment(align: Int32Array, refErrSum: Int32Array, hypErrSum: Int32Array): void {
    const { ops, width: W } = this;
    // Backtrace (end to start), then replay forwards.
    const trace: number[] = [];
    let i = this.nH;
    let j = this.nR;
    while (i > 0 || j > 0) {
      const op = ops[i * W + j]!;
      trace.push(op);
      if (op === OP_SUB || op === OP_NOP) {
        i--;
        j--;
      } else if (op === OP_INS) j--;
      else if (op === OP_DEL) i--;
      else throw new Error('TER: undefined edit operation in the trace (beam too narrow for this pair).');
    }
    let posHyp = -1;
    let posRef = -1;
    let hypErrs = 0;
    let refErrs = 0;
    hypErrSum[0] = 0;
    refErrSum[0] = 0;
    for (let k = trace.length - 1; k >= 0; k--) {
      const op = trace[k]!;
      if (op === OP_NOP || op === OP_SUB) {
        posHyp++;
        posRef++;
        align[posRef] = posHyp;
        const e = op === OP_SUB ? 1 : 0;
        hypErrs += e;
        refErrs += e;
        hypErrSum[posHyp + 1] = hypErrs;
        refErrSum[posRef + 1] = refErrs;
      } else if (op === OP_DEL) {
        // a hypothesis word with no reference word: flipped, an insertion into the reference
        posHyp++;
        hypErrs++;
        hypErrSum[posHyp + 1] = hypErrs;
      } else {
        // a reference word with no hypothesis word: flipped, a deletion
        posRef++;
        align[posRef] = posHyp;
        refErrs++;
        refErrSum[posRef + 1] = refErrs;
      }
    }
  }
}

/** sacreBLEU `_perform_shift`: moves `words[start, start+length)` to `target` (its three cases kept). */
function performShift(words: Int32Array, start: number, length: number, target: number, out: Int32Array): void {
  const n = words.length;
  let k = 0;
  const copy = (a: number, b: number): void => {
    for (let i = a; i < b; i++) out[k++] = words[i]!;
  };
  if (target < start) {
    copy(0, target);
    copy(start, start + length);
    copy(target, start);
    copy(start + length, n);
  } else if (target > start + length) {
    copy(0, start);
    copy(start + length, target);
    copy(start, start + length);
    copy(target, n);
  } else {
    copy(0, start);
    copy(start + length, Math.min(n, length + target));
    copy(start, start + length);
    copy(length + target, n);
  }
}

/** What the shift search did, for tests and diagnostics. */
export interface TerTrace {
  /** Shifts + insertions + deletions + substitutions. */
  edits: number;
  /** Number of block shifts applied. */
  shifts: number;
  /** Shift candidates evaluated (the search stops at 1000). */
  candidates: number;
  /** The hypothesis after the shifts (word ids). */
  words: Int32Array;
}

/**
 * Number of edits (shifts + insertions, deletions, substitutions) turning `hyp` into `ref` (word ids),
 * as sacreBLEU `translation_edit_rate`.
 */
export function translationEditRate(hyp: Int32Array, ref: Int32Array): number {
  return terTrace(hyp, ref).edits;
}

/** `translationEditRate` with the details of the shift search. */
export function terTrace(hypIn: Int32Array, ref: Int32Array): TerTrace {
  const nH = hypIn.length;
  const nR = ref.length;
  if (nR === 0) return { edits: nH, shifts: 0, candidates: 0, words: hypIn.slice() };
  // Identical word sequences: the full search would find distance 0 and no shift candidate (a candidate
  // needs errors on both sides), so its answer is known. A quarter of the links of a republished text are
  // identical (batch bench), and each would otherwise fill an nH × nR matrix.
  if (nH === nR && sameWords(hypIn, ref)) return { edits: 0, shifts: 0, candidates: 0, words: hypIn.slice() };
  const ed = new BeamEditDistance(ref, nH);
  let words = hypIn.slice();
  let preScore = ed.full(words, 0);
  const align = new Int32Array(nR);
  const refErr = new Int32Array(nR + 1);
  const hypErr = new Int32Array(nH + 1);
  const cand = new Int32Array(nH);
  let bestWords = new Int32Array(nH);
  let shifts = 0;
  let checked = 0;

  for (;;) {
    // One round of sacreBLEU `_shift` on `words`, whose full matrix is in `ed`.
    ed.alignment(align, refErr, hypErr);
    let haveBest = false;
    let bestScore = 0;
    let bestLen = 0;
    let bestStart = 0;
    let bestIdx = 0;
    outer: for (let sh = 0; sh < nH; sh++) {
      for (let sr = 0; sr < nR; sr++) {
        if (Math.abs(sr - sh) > MAX_SHIFT_DIST) continue;
        let length = 0;
        while (words[sh + length] === ref[sr + length] && length < MAX_SHIFT_SIZE) {
          length++;
          // Candidate (sh, sr, length).
          if (hypErr[sh + length]! - hypErr[sh]! !== 0 && refErr[sr + length]! - refErr[sr]! !== 0) {
            const a = align[sr]!;
            if (!(sh <= a && a < sh + length)) {
              let prevIdx = -1;
              for (let offset = -1; offset < length; offset++) {
                const idx = sr + offset === -1 ? 0 : align[sr + offset]! + 1;
                if (idx === prevIdx) continue;
                prevIdx = idx;
                performShift(words, sh, length, idx, cand);
                checked++;
                // Can this candidate still win? Ties go to (longer, earlier start, earlier target).
                let limit = INF;
                if (haveBest) {
                  const tieWins =
                    length > bestLen || (length === bestLen && (sh < bestStart || (sh === bestStart && idx < bestIdx)));
                  limit = preScore - bestScore - (tieWins ? 0 : 1);
                }
                let from = Math.min(sh, idx);
                while (from < nH && cand[from] === words[from]) from++;
                const d = limit < 0 ? -1 : ed.distance(cand, from, limit);
                if (d < 0 || d > limit) continue;
                // d ≤ limit: it beats the best so far (score, then the tie order).
                haveBest = true;
                bestScore = preScore - d;
                bestLen = length;
                bestStart = sh;
                bestIdx = idx;
                bestWords.set(cand);
              }
              if (checked >= MAX_SHIFT_CANDIDATES) break outer;
            }
          }
          if (nH === sh + length || nR === sr + length) break;
        }
      }
    }
    // The candidate budget ends the search without applying the round's shift (as sacreBLEU does).
    if (checked >= MAX_SHIFT_CANDIDATES) break;
    if (!haveBest || bestScore <= 0) break;
    shifts++;
    let from = 0;
    while (from < nH && bestWords[from] === words[from]) from++;
    const t = words;
    words = bestWords;
    bestWords = t;
    preScore = ed.full(words, from);
  }
  return { edits: shifts + preScore, shifts, candidates: checked, words };
}

function sameWords(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Texts whose words each TER instance remembers per side (see `TER.hypWords`). */
const WORD_CACHE_ENTRIES = 4096;

export interface TerOptions {
  /** tercom normalisation: tokenize punctuation, decode the four XML entities, join line ends. */
  normalized?: boolean;
  /** Remove punctuation. */
  noPunct?: boolean;
  /** CJK character splitting / punctuation (with `normalized` / `noPunct`). */
  asianSupport?: boolean;
  /** Keep case (TER is case-insensitive by default). */
  caseSensitive?: boolean;
}

export class TER extends StringMetric {
  readonly id = 'TER';
  readonly scoreName = 'TER';
  readonly tokenizer: TercomOptions;

  constructor(options: TerOptions = {}) {
    super();
    this.tokenizer = {
      normalized: options.normalized ?? false,
      noPunct: options.noPunct ?? false,
      asianSupport: options.asianSupport ?? false,
      caseSensitive: options.caseSensitive ?? false,
    };
  }

  /** sacreBLEU `_preprocess_segment`: the tercom tokenizer on the right-stripped sentence, as words. */
  words(sent: string): string[] {
    return pySplit(tercomTokenize(pyRstrip(sent), this.tokenizer));
  }

  /**
   * Words of a hypothesis and of a reference, remembered per text (at most `WORD_CACHE_ENTRIES` each, emptied
   * when full; the arrays are only read): a batch audits many candidates against one original, so its
   * sentences are tokenised once, and equal link texts are common.
   */
  private readonly hypCache = new Map<string, string[]>();
  private readonly refCache = new Map<string, string[]>();

  private hypWords(hyp: string): string[] {
    let ws = this.hypCache.get(hyp);
    if (ws === undefined) {
      ws = this.words(hyp);
      if (this.hypCache.size >= WORD_CACHE_ENTRIES) this.hypCache.clear();
      this.hypCache.set(hyp, ws);
    }
    return ws;
  }

  private refWords(ref: string): string[] {
    let ws = this.refCache.get(ref);
    if (ws === undefined) {
      // sacreBLEU 2.6.0 preprocesses references twice (once when caching them, once when extracting their
      // words); the tercom tokenizer is idempotent on everything but pathological input, but we follow it.
      ws = this.words(tercomTokenize(pyRstrip(ref), this.tokenizer));
      if (this.refCache.size >= WORD_CACHE_ENTRIES) this.refCache.clear();
      this.refCache.set(ref, ws);
    }
    return ws;
  }

  protected segmentStats(hyp: string, refs: readonly string[]): number[] {
    const vocab = new Map<string, number>();
    const encode = (ws: readonly string[]): Int32Array => internStrings(vocab, ws);
    const h = encode(this.hypWords(hyp));
    let bestEdits = Number.MAX_SAFE_INTEGER;
    let refLengths = 0;
    for (const ref of refs) {
      const r = encode(this.refWords(ref));
      const edits = translationEditRate(h, r);
      refLengths += r.length;
      if (edits < bestEdits) bestEdits = edits;
    }
    return [bestEdits, refLengths / refs.length];
  }

  value(stats: readonly number[]): number {
    const edits = stats[0] ?? 0;
    const refLen = stats[1] ?? 0;
    let score: number;
    if (refLen > 0) score = edits / refLen;
    else if (edits > 0) score = 1.0; // empty reference(s), non-empty hypothesis
    else score = 0.0; // both empty
    return 100 * score;
  }

  scoreFromStats(stats: readonly number[]): { score: number; verbose: string } {
    return { score: this.value(stats), verbose: '' };
  }

  signature(nrefs: NRefs): string {
    const t = this.tokenizer;
    return formatSignature([
      ['nrefs', nrefs],
      ['case', t.caseSensitive ? 'mixed' : 'lc'],
      ['tok', 'tercom'],
      ['norm', t.normalized],
      ['punct', !t.noPunct],
      ['asian', t.asianSupport],
    ]);
  }
}
