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
import { Counts, DIRECT_LIMIT, IdSpace, IntBuffer, NextOrder, SpanTable } from './intern.js';
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

/** 1 for the UTF-16 code units that are Python whitespace (all of them are in the BMP). */
const PY_SPACE = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) PY_SPACE[c] = isPyWhitespace(c) ? 1 : 0;

/**
 * The code points of `s` as ranks (`rank(cp)`: assign for the hypothesis, look up for references),
 * skipping whitespace unless `keepSpace`. Branch-free apart from surrogates and new characters (a text
 * has a few dozen distinct characters): whitespace is skipped by not advancing the write position.
 */
function codePointRanks(s: string, keepSpace: boolean, out: IntBuffer, assign: boolean): void {
  const n = s.length;
  if (out.data.length < n) out.data = new Int32Array(2 * n);
  const o = out.data;
  const keepAll = keepSpace ? 1 : 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if ((c & 0xfc00) === 0xd800 && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if ((d & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    o[k] = assign ? ranks.intern(c) : ranks.get(c);
    k += keepAll | ((c <= 0xffff ? PY_SPACE[c]! : 0) ^ 1);
  }
  out.length = k;
}

// Shared scratch (synchronous use only).
const wordIds = new IdSpace();
const words = new SpanTable(wordIds);
const hypUnits = new IntBuffer();
const refUnits0 = new IntBuffer();
const hypCount = new Counts();
const refCount = new Counts();
const hypCur = new Counts();
const refCur0 = new Counts();

/** Dense ranks of code points for one segment pair: BMP through a stamped array, the rest through a Map. */
class RankTable {
  private rank = new Int32Array(65536);
  private stamp = new Uint32Array(65536);
  private gen = 0;
  private astral = new Map<number, number>();
  size = 0;
  clear(): void {
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    this.astral.clear();
    this.size = 0;
  }
  /** The rank (1-based) of `c`, assigning the next one if new. */
  intern(c: number): number {
    if (c < 65536) {
      if (this.stamp[c] === this.gen) return this.rank[c]!;
      this.stamp[c] = this.gen;
      this.rank[c] = ++this.size;
      return this.size;
    }
    let r = this.astral.get(c);
    if (r === undefined) this.astral.set(c, (r = ++this.size));
    return r;
  }
  /** The rank of `c`, or 0 when the hypothesis does not have it. */
  get(c: number): number {
    if (c < 65536) return this.stamp[c] === this.gen ? this.rank[c]! : 0;
    return this.astral.get(c) ?? 0;
  }
}

const ranks = new RankTable();

const nextOrder = new NextOrder();

/** Largest directly addressed n-gram table of the fast loop (2-byte cells, 16 MB). */
const DIRECT_CELLS = 1 << 23;
let direct = new Uint16Array(1 << 16);
let touched = new Int32Array(4096);

/**
 * Match statistics of one family of n-grams (characters or words), orders 1..maxOrder, written into each
 * reference's statistics at `offset`. Units are 1-based ranks in [1, unitCount] for the hypothesis (code
 * point ranks or word ids) and in [0, unitCount] for the references (0: a unit the hypothesis does not
 * have, so no n-gram containing it can match). Order-1 ids are the units; an order-n id is the id of (the
 * n-gram's prefix id at order n−1, its last unit), assigned one order at a time. Id 0 ("none") is a
 * trash cell in the count arrays: its hypothesis count stays 0, so it never matches, without a branch.
 *
 * Ids come from a directly addressed `Uint16Array` (cell = prefix id × (unitCount + 1) + unit) filled
 * without branches, as in the BLEU fast path (bleu-fast.ts): ~3× faster than `NextOrder` on 300-word
 * paragraphs, whose character n-gram ids stay far below 65536. Inputs with more ids than a cell holds,
 * or a table beyond `DIRECT_CELLS`, go through `NextOrder` (hash table).
 */
function familyStats(
  hu: Int32Array,
  hl: number,
  unitCount: number,
  refs: { units: Int32Array; length: number; cur: Int32Array }[],
  maxOrder: number,
  stats: number[][],
  offset: number,
): void {
  const hcur = hypCur.ensure(hl);
  const width = unitCount + 1;
  // Ids of every order are at most max(unitCount, hl); all fit in a cell when below 65536.
  const rows = Math.max(unitCount, hl) + 1;
  const fast = rows < 0xffff && rows * width <= DIRECT_CELLS && DIRECT_LIMIT > 0;
  if (fast && direct.length < rows * width) direct = new Uint16Array(Math.max(rows * width, 2 * direct.length));
  if (fast && touched.length < hl) touched = new Int32Array(2 * hl);
  let prevCount = unitCount;
  for (let n = 1; n <= maxOrder; n++) {
    let V: number;
    let hc: Int32Array;
    if (n === 1) {
      hc = hypCount.ensure(unitCount + 1);
      for (let i = 0; i < hl; i++) {
        const u = hu[i]!;
        hcur[i] = u;
        hc[u]!++;
      }
      V = unitCount;
    } else if (fast) {
      hc = hypCount.ensure(hl + 1);
      const T = direct;
      const K = touched;
      let next = 0;
      const m = hl - n + 1;
      for (let i = 0; i < m; i++) {
        // Insert-or-get without a branch: `fresh` is 1 when the cell was empty.
        const key = hcur[i]! * width + hu[i + n - 1]!;
        let v = T[key]!;
        const fresh = (v - 1) >>> 31;
        v |= (next + 1) & -fresh;
        next += fresh;
        T[key] = v;
        K[i] = key;
        hcur[i] = v;
        hc[v]!++;
      }
      V = next;
    } else {
      nextOrder.begin(prevCount, unitCount);
      for (let i = 0; i + n <= hl; i++) hcur[i] = nextOrder.intern(hcur[i]!, hu[i + n - 1]!);
      V = nextOrder.next;
      hc = hypCount.ensure(V + 1);
      for (let i = 0; i + n <= hl; i++) hc[hcur[i]!]!++;
    }
    prevCount = V;
    const hypTotal = Math.max(0, hl - n + 1);
    const rc = refCount.ensure(V + 1);
    for (let r = 0; r < refs.length; r++) {
      const { units: ru, length: rl, cur: rcur } = refs[r]!;
      let match = 0;
      // Each occurrence matches while the reference has not used up the hypothesis count, so the sum is
      // Σ min(hyp count, ref count) over n-grams: (hc − rc) >>> 31 is 1 once rc exceeds hc.
      if (n === 1) {
        for (let i = 0; i < rl; i++) {
          const id = ru[i]!;
          rcur[i] = id;
          const c = rc[id]! + 1;
          rc[id] = c;
          match += ((hc[id]! - c) >>> 31) ^ 1;
        }
      } else if (fast) {
        const T = direct;
        for (let i = 0; i + n <= rl; i++) {
          const id = T[rcur[i]! * width + ru[i + n - 1]!]!;
          rcur[i] = id;
          const c = rc[id]! + 1;
          rc[id] = c;
          match += ((hc[id]! - c) >>> 31) ^ 1;
        }
      } else {
        for (let i = 0; i + n <= rl; i++) {
          const id = nextOrder.get(rcur[i]!, ru[i + n - 1]!);
          rcur[i] = id;
          const c = rc[id]! + 1;
          rc[id] = c;
          match += ((hc[id]! - c) >>> 31) ^ 1;
        }
      }
      rc.fill(0, 0, V + 1);
      const nRef = Math.max(0, rl - n + 1);
      const st = stats[r]!;
      const k = offset + n - 1;
      // sacreBLEU counts no hypothesis n-gram for an order the reference does not have.
      st[3 * k] = nRef > 0 ? hypTotal : 0;
      st[3 * k + 1] = nRef;
      st[3 * k + 2] = match;
    }
    if (fast && n > 1) {
      const T = direct;
      const K = touched;
      for (let i = 0, m = hl - n + 1; i < m; i++) T[K[i]!] = 0;
    }
    hc.fill(0, 0, V + 1);
  }
}

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
    const order = C + W;
    const stats = refs.map(() => new Array<number>(3 * order).fill(0));
    const refBuf = (r: number, n: number): { cur: Int32Array; buf: IntBuffer } =>
      r === 0 ? { cur: refCur0.ensure(n), buf: refUnits0 } : { cur: new Int32Array(n), buf: new IntBuffer() };

    if (C > 0) {
      ranks.clear();
      codePointRanks(hyp, this.whitespace, hypUnits, true);
      const rs = refs.map((ref, r) => {
        const n = ref.length;
        const { cur, buf } = refBuf(r, n);
        codePointRanks(ref, this.whitespace, buf, false);
        return { units: buf.data, length: buf.length, cur };
      });
      familyStats(hypUnits.data, hypUnits.length, ranks.size, rs, C, stats, 0);
    }
    if (W > 0) {
      wordIds.reset();
      words.clear();
      hypUnits.clear();
      scanWords(hyp, (s, a, b) => hypUnits.push(words.intern(s, a, b, spanHash(s, a, b)) + 1));
      const rs = refs.map((ref, r) => {
        const { cur, buf } = refBuf(r, ref.length + 1);
        buf.clear();
        scanWords(ref, (s, a, b) => buf.push(words.get(s, a, b, spanHash(s, a, b)) + 1));
        return { units: buf.data, length: buf.length, cur };
      });
      familyStats(hypUnits.data, hypUnits.length, wordIds.next, rs, W, stats, C);
    }

    // With several references, the one with the best F-score gives the statistics (the first on ties).
    let best = stats[0]!;
    let bestF = -1.0;
    for (const st of stats) {
      const f = this.fScore(st);
      if (f > bestF) {
        bestF = f;
        best = st;
      }
    }
    return best;
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
