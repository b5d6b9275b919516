/**
 * chrF (Popović 2015, https://aclanthology.org/W15-3049) and chrF++ (Popović 2017,
 * https://aclanthology.org/W17-4770) exactly as sacreBLEU 2.6.0: character n-grams of orders 1..charOrder
 * over code points with whitespace removed (unless `whitespace`), word n-grams of orders 1..wordOrder over
 * words whose leading or trailing ASCII punctuation is split off, F-beta averaged over orders either with
 * sacreBLEU's effective order (default) or with chrF++.py's epsilon smoothing (`epsSmoothing`); with several
 * references the one with the best F-score gives the statistics.
 *
 * Statistics per segment: `[hyp, ref, match]` n-gram counts for each character order, then each word order.
 */
import { formatSignature, StringMetric, type NRefs } from './base.js';
import { Counts, IdSpace, IntBuffer, PairTable, SpanTable } from './intern.js';
import { isPyWhitespace, pyLower } from './pytext.js';
import { spanHash } from './tokenizers.js';

export interface ChrfOptions {
  /** Character n-gram order; default 6. */
  charOrder?: number;
  /** Word n-gram order; default 0 (chrF), 2 for chrF++. */
  wordOrder?: number;
  /** Recall weight; default 2. */
  beta?: number;
  /** Lowercase first (signature `case:lc`). */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (signature `space:yes`). */
  whitespace?: boolean;
  /** chrF++.py / Moses / NLTK epsilon smoothing instead of the effective order (signature `eff:no`). */
  epsSmoothing?: boolean;
}

/** ASCII punctuation (Python `string.punctuation`), split off word ends for chrF++. */
function isPunct(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/**
 * chrF++'s word splitting (sacreBLEU `_remove_punctuation`, after m-popovic/chrF): whitespace-split words; a
 * word longer than one character loses one trailing punctuation character, or else one leading one, which
 * becomes a word of its own (so `(hi)` gives `(hi` and `)`, sacreBLEU issue #124). Calls `sink` with spans.
 */
function scanWords(s: string, sink: (s: string, a: number, b: number) => void): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isPyWhitespace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && !isPyWhitespace(s.charCodeAt(j))) j++;
    // Python's len(w) == 1 counts code points: a lone surrogate pair is one character.
    const c0 = s.charCodeAt(i);
    const single = j - i === 1 || (j - i === 2 && c0 >= 0xd800 && c0 <= 0xdbff);
    if (single) sink(s, i, j);
    else if (isPunct(s.charCodeAt(j - 1))) {
      sink(s, i, j - 1);
      sink(s, j - 1, j);
    } else if (isPunct(c0)) {
      sink(s, i, i + 1);
      sink(s, i + 1, j);
    } else sink(s, i, j);
    i = j;
  }
}

/** The code points of `s`, skipping whitespace unless `keepSpace`. */
function codePoints(s: string, keepSpace: boolean, out: IntBuffer): void {
  out.clear();
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (keepSpace || !isPyWhitespace(c)) out.push(c);
  }
}

// Shared scratch (synchronous use only).
const ids = new IdSpace();
const pairs = new PairTable(ids, 4096);
const words = new SpanTable(ids);
const cps = new IntBuffer();
const flat = new IntBuffer();
const wordBuf = new IntBuffer();
const hypCount = new Counts();
const refCount = new Counts();
let cur = new Int32Array(1024);
/** Key of character unigrams in the pair table (ids are never negative). */
const CHAR_ROOT = -1;

export class CHRF extends StringMetric {
  readonly id = 'CHRF';
  readonly scoreName: string;
  readonly charOrder: number;
  readonly wordOrder: number;
  readonly beta: number;
  readonly lowercase: boolean;
  readonly whitespace: boolean;
  readonly epsSmoothing: boolean;

  constructor(options: ChrfOptions = {}) {
    super();
    this.charOrder = options.charOrder ?? 6;
    this.wordOrder = options.wordOrder ?? 0;
    this.beta = options.beta ?? 2;
    this.lowercase = options.lowercase ?? false;
    this.whitespace = options.whitespace ?? false;
    this.epsSmoothing = options.epsSmoothing ?? false;
    for (const [k, v] of [
      ['charOrder', this.charOrder],
      ['wordOrder', this.wordOrder],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) this.fail(`${k} should be a non-negative integer (got ${v}).`);
    }
    if (this.charOrder + this.wordOrder === 0) this.fail('charOrder + wordOrder should be at least 1.');
    if (!(this.beta > 0)) this.fail(`beta should be positive (got ${this.beta}).`);
    this.scoreName = `chrF${this.beta}${'+'.repeat(this.wordOrder)}`;
  }

  /** sacreBLEU `_compute_f_score`: the 0–100 score from `[hyp, ref, match]` triples. */
  fScore(stats: readonly number[]): number {
    const eps = 1e-16;
    const factor = this.beta ** 2;
    const order = this.charOrder + this.wordOrder;
    let score = 0.0;
    let effectiveOrder = 0;
    let avgPrec = 0.0;
    let avgRec = 0.0;
    for (let i = 0; i < order; i++) {
      const nHyp = stats[3 * i]!;
      const nRef = stats[3 * i + 1]!;
      const nMatch = stats[3 * i + 2]!;
      const prec = nHyp > 0 ? nMatch / nHyp : eps;
      const rec = nRef > 0 ? nMatch / nRef : eps;
      const denom = factor * prec + rec;
      score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
      if (nHyp > 0 && nRef > 0) {
        avgPrec += prec;
        avgRec += rec;
        effectiveOrder++;
      }
    }
    if (this.epsSmoothing) return (100 * score) / order;
    if (effectiveOrder === 0) {
      avgPrec = 0.0;
      avgRec = 0.0;
    } else {
      avgPrec /= effectiveOrder;
      avgRec /= effectiveOrder;
    }
    if (avgPrec + avgRec) {
      score = (1 + factor) * avgPrec * avgRec;
      score /= factor * avgPrec + avgRec;
      return 100 * score;
    }
    return 0.0;
  }

  protected segmentStats(hyp: string, refs: readonly string[]): number[] {
    const C = this.charOrder;
    const W = this.wordOrder;
    if (this.lowercase) {
      hyp = pyLower(hyp);
      refs = refs.map(pyLower);
    }
    ids.reset();
    pairs.clear();
    words.clear();

    // Hypothesis: intern character n-grams order by order, then word n-grams. Counting happens after all
    // interning (the count array is sized by the final number of ids), so the ids are kept in `flat`.
    const hypTotals: number[] = [];
    flat.clear();
    if (C > 0) {
      codePoints(hyp, this.whitespace, cps);
      const L = cps.length;
      const cp = cps.data;
      if (cur.length < L) cur = new Int32Array(2 * L);
      for (let i = 0; i < L; i++) {
        const id = pairs.intern(CHAR_ROOT, cp[i]!);
        cur[i] = id;
        flat.push(id);
      }
      hypTotals.push(L);
      for (let n = 2; n <= C; n++) {
        for (let i = 0; i + n <= L; i++) {
          const id = pairs.intern(cur[i]!, cp[i + n - 1]!);
          cur[i] = id;
          flat.push(id);
        }
        hypTotals.push(Math.max(0, L - n + 1));
      }
    }
    let hypWordIds: Int32Array | null = null;
    if (W > 0) {
      wordBuf.clear();
      scanWords(hyp, (s, a, b) => wordBuf.push(words.intern(s, a, b, spanHash(s, a, b))));
      const Lw = wordBuf.length;
      hypWordIds = wordBuf.data.slice(0, Lw);
      const wcur = new Int32Array(Lw);
      for (let i = 0; i < Lw; i++) {
        wcur[i] = hypWordIds[i]!;
        flat.push(wcur[i]!);
      }
      hypTotals.push(Lw);
      for (let n = 2; n <= W; n++) {
        for (let i = 0; i + n <= Lw; i++) {
          const id = pairs.intern(wcur[i]!, hypWordIds[i + n - 1]!);
          wcur[i] = id;
          flat.push(id);
        }
        hypTotals.push(Math.max(0, Lw - n + 1));
      }
    }
    const V = ids.next;
    const hc = hypCount.ensure(V);
    const fl = flat.data;
    for (let k = 0; k < flat.length; k++) hc[fl[k]!]!++;
    const rc = refCount.ensure(V);
    const order = C + W;

    let best: number[] = [];
    let bestF = -1.0;
    for (const ref of refs) {
      const stats = new Array<number>(3 * order).fill(0);
      // Character n-grams of the reference, looked up; each occurrence matches while the reference has not
      // used up the hypothesis count (so the sum is Σ min(hyp count, ref count)).
      let match = 0;
      if (C > 0) {
        codePoints(ref, this.whitespace, cps);
        const Lr = cps.length;
        const rcp = cps.data;
        if (cur.length < Lr) cur = new Int32Array(2 * Lr);
        for (let i = 0; i < Lr; i++) {
          const id = pairs.get(CHAR_ROOT, rcp[i]!);
          cur[i] = id;
          if (id >= 0 && ++rc[id]! <= hc[id]!) match++;
        }
        this.setOrder(stats, 0, hypTotals[0]!, Lr, match);
        for (let n = 2; n <= C; n++) {
          match = 0;
          for (let i = 0; i + n <= Lr; i++) {
            const p = cur[i]!;
            const id = p >= 0 ? pairs.get(p, rcp[i + n - 1]!) : -1;
            cur[i] = id;
            if (id >= 0 && ++rc[id]! <= hc[id]!) match++;
          }
          this.setOrder(stats, n - 1, hypTotals[n - 1]!, Math.max(0, Lr - n + 1), match);
        }
      }
      if (W > 0) {
        wordBuf.clear();
        scanWords(ref, (s, a, b) => wordBuf.push(words.get(s, a, b, spanHash(s, a, b))));
        const Lw = wordBuf.length;
        const rw = wordBuf.data;
        const wcur = new Int32Array(Lw);
        match = 0;
        for (let i = 0; i < Lw; i++) {
          const id = rw[i]!;
          wcur[i] = id;
          if (id >= 0 && ++rc[id]! <= hc[id]!) match++;
        }
        this.setOrder(stats, C, hypTotals[C]!, Lw, match);
        for (let n = 2; n <= W; n++) {
          match = 0;
          for (let i = 0; i + n <= Lw; i++) {
            const p = wcur[i]!;
            const t = rw[i + n - 1]!;
            const id = p >= 0 && t >= 0 ? pairs.get(p, t) : -1;
            wcur[i] = id;
            if (id >= 0 && ++rc[id]! <= hc[id]!) match++;
          }
          this.setOrder(stats, C + n - 1, hypTotals[C + n - 1]!, Math.max(0, Lw - n + 1), match);
        }
      }
      rc.fill(0, 0, V);
      const f = this.fScore(stats);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    hc.fill(0, 0, V);
    return best;
  }

  /** Writes one order's `[hyp, ref, match]`; the hypothesis count is 0 when the reference has no n-gram. */
  private setOrder(stats: number[], k: number, nHyp: number, nRef: number, match: number): void {
    stats[3 * k] = nRef > 0 ? nHyp : 0;
    stats[3 * k + 1] = nRef;
    stats[3 * k + 2] = match;
  }

  value(stats: readonly number[]): number {
    return this.fScore(stats);
  }

  scoreFromStats(stats: readonly number[]): { score: number; verbose: string } {
    return { score: this.fScore(stats), verbose: '' };
  }

  signature(nrefs: NRefs): string {
    return formatSignature([
      ['nrefs', nrefs],
      ['case', this.lowercase ? 'lc' : 'mixed'],
      ['eff', !this.epsSmoothing],
      ['nc', this.charOrder],
      ['nw', this.wordOrder],
      ['space', this.whitespace],
    ]);
  }
}
