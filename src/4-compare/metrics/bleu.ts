/**
 * BLEU (Papineni et al., 2002) exactly as sacreBLEU 2.6.0 computes it: tokenizers `13a` (mteval-v13a, the
 * default), `intl` (mteval-v14 international), `char`, `none`; smoothing `exp` (NIST, default), `floor`,
 * `add-k`, `none` (Chen & Cherry 2014, https://aclanthology.org/W14-3346); effective order for sentence BLEU;
 * the closest reference length; n-gram counts clipped by the maximum count over references.
 *
 * Statistics per segment: `[hypLen, refLen, correct_1..N, total_1..N]`.
 */
import { formatSignature, StringMetric, type NRefs } from './base.js';
import { Counts, IdSpace, IntBuffer, NextOrder, SpanTable } from './intern.js';
import { pyFixed, pyLower, pyRstrip } from './pytext.js';
import { fastBleuStats } from './bleu-fast.js';
import { BLEU_TOKENIZERS, prepare13a, scanBleu, TokenSpans, type BleuTokenizerName } from './tokenizers.js';

export type SmoothMethod = 'exp' | 'floor' | 'add-k' | 'none';

export const SMOOTH_METHODS: readonly SmoothMethod[] = ['exp', 'floor', 'add-k', 'none'];

/** Default smoothing values (Chen & Cherry 2014): floor 0.1, add-k 1; `exp` and `none` take none. */
export const SMOOTH_DEFAULTS: Record<SmoothMethod, number | null> = { exp: null, floor: 0.1, 'add-k': 1, none: null };

export interface BleuOptions {
  /** Lowercase hypothesis and references first (signature `case:lc`). */
  lowercase?: boolean;
  /** sacreBLEU's `force`: accepted for compatibility; it only silences a warning about tokenized input. */
  force?: boolean;
  /** Tokenizer; default `13a`. */
  tokenize?: BleuTokenizerName;
  /** Smoothing method; default `exp`. */
  smoothMethod?: SmoothMethod;
  /** Value for `floor` / `add-k`; `null`/undefined takes the default. */
  smoothValue?: number | null;
  /** Highest n-gram order; default 4. */
  maxNgramOrder?: number;
  /** Stop at the highest order with matches; use it for sentence BLEU (signature `eff:yes`). */
  effectiveOrder?: boolean;
}

/** BLEU from its sufficient statistics, with every intermediate figure sacreBLEU reports. */
export interface BleuResult {
  score: number;
  precisions: number[];
  bp: number;
  sysLen: number;
  refLen: number;
}

/** sacreBLEU's `my_log`: log, with a huge negative instead of −∞ for a zero precision. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

/**
 * sacreBLEU `BLEU.compute_bleu`: the score (0–100) from match counts, n-gram totals and lengths.
 * `correct` and `total` are not modified.
 */
export function computeBleu(
  correctIn: readonly number[],
  totalIn: readonly number[],
  sysLen: number,
  refLen: number,
  smoothMethod: SmoothMethod = 'none',
  smoothValue: number | null = null,
  effectiveOrder = false,
  maxNgramOrder = 4,
): BleuResult {
  const value = smoothValue ?? SMOOTH_DEFAULTS[smoothMethod] ?? 0;
  const correct = correctIn.slice(0, maxNgramOrder);
  const total = totalIn.slice(0, maxNgramOrder);
  let bp = 1.0;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0.0;
  const precisions = new Array<number>(maxNgramOrder).fill(0);
  // No match at any order: 0 whatever the smoothing (sacreBLEU issue #141).
  if (!correct.some((c) => c !== 0)) return { score: 0, precisions, bp, sysLen, refLen };

  let smoothMteval = 1.0;
  let effOrder = maxNgramOrder;
  for (let n = 1; n <= maxNgramOrder; n++) {
    if (smoothMethod === 'add-k' && n > 1) {
      correct[n - 1] = (correct[n - 1] ?? 0) + value;
      total[n - 1] = (total[n - 1] ?? 0) + value;
    }
    const t = total[n - 1] ?? 0;
    const c = correct[n - 1] ?? 0;
    if (t === 0) break;
    if (effectiveOrder) effOrder = n;
    if (c === 0) {
      if (smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * t);
      } else if (smoothMethod === 'floor') {
        precisions[n - 1] = (100 * value) / t;
      }
    } else {
      precisions[n - 1] = (100 * c) / t;
    }
  }
  let logSum = 0;
  for (let i = 0; i < effOrder; i++) logSum += myLog(precisions[i]!);
  return { score: bp * Math.exp(logSum / effOrder), precisions, bp, sysLen, refLen };
}

/** sacreBLEU `_get_closest_ref_len`: the reference length closest to the hypothesis length, shorter on ties. */
export function closestRefLen(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = len;
    } else if (diff === closestDiff && len < closestLen) {
      closestLen = len;
    }
  }
  return closestLen;
}

let fastPath = true;

/** Test hook: turns the one-reference fast path (bleu-fast.ts) off, so tests can compare both paths. */
export function setBleuFastPath(enabled: boolean): void {
  fastPath = enabled;
}

// Scratch structures shared by every BLEU instance (metrics run synchronously, one segment at a time).
const tokenIds = new IdSpace();
const spans = new SpanTable(tokenIds);
const nextOrder = new NextOrder();
const hypTok = new IntBuffer();
const refTok0 = new IntBuffer();
const hypCount = new Counts();
const refCount = new Counts();
const refMaxCount = new Counts();
const hypCur = new Counts();
const refCur0 = new Counts();
const hypSpans = new TokenSpans();
const refSpans = new TokenSpans();

export class BLEU extends StringMetric {
  readonly id = 'BLEU';
  readonly scoreName = 'BLEU';
  readonly lowercase: boolean;
  readonly force: boolean;
  readonly tokenize: BleuTokenizerName;
  readonly smoothMethod: SmoothMethod;
  readonly smoothValue: number | null;
  readonly maxNgramOrder: number;
  readonly effectiveOrder: boolean;

  constructor(options: BleuOptions = {}) {
    super();
    this.lowercase = options.lowercase ?? false;
    this.force = options.force ?? false;
    this.tokenize = options.tokenize ?? '13a';
    this.smoothMethod = options.smoothMethod ?? 'exp';
    this.smoothValue = options.smoothValue ?? null;
    this.maxNgramOrder = options.maxNgramOrder ?? 4;
    this.effectiveOrder = options.effectiveOrder ?? false;
    if (!BLEU_TOKENIZERS.includes(this.tokenize)) {
      this.fail(`unknown tokenizer '${String(this.tokenize)}'; use one of ${BLEU_TOKENIZERS.join(', ')}.`);
    }
    if (!(this.smoothMethod in SMOOTH_DEFAULTS)) {
      this.fail(`unknown smoothing method '${String(this.smoothMethod)}'; use one of ${SMOOTH_METHODS.join(', ')}.`);
    }
    if (!Number.isInteger(this.maxNgramOrder) || this.maxNgramOrder < 1) {
      this.fail(`maxNgramOrder should be a positive integer (got ${this.maxNgramOrder}).`);
    }
  }

  /** sacreBLEU `_preprocess_segment`: optional lowercasing, then the tokenizer on the right-stripped line. */
  private prepare(s: string): string {
    return pyRstrip(this.lowercase ? pyLower(s) : s);
  }

  protected segmentStats(hyp: string, refs: readonly string[]): number[] {
    const N = this.maxNgramOrder;
    if (fastPath && refs.length === 1 && N === 4 && (this.tokenize === '13a' || this.tokenize === 'none')) {
      // The common case (one reference, sacreBLEU's defaults) has a faster exact path (bleu-fast.ts);
      // it declines rare inputs (non-ASCII whitespace, lone surrogates, huge segments), which go on below.
      const is13a = this.tokenize === '13a';
      const h = this.prepare(hyp);
      const r = this.prepare(refs[0]!);
      const st = fastBleuStats(is13a ? prepare13a(h) : h, is13a ? prepare13a(r) : r, is13a);
      if (st) return st;
    }
    tokenIds.reset();
    spans.clear();

    // Tokens as dense ids: hypothesis tokens are interned, reference tokens looked up (−1: a token the
    // hypothesis does not have, so no n-gram containing it can match).
    scanBleu(this.tokenize, this.prepare(hyp), hypSpans);
    hypTok.clear();
    {
      const { text, starts, ends, hashes, count } = hypSpans;
      for (let i = 0; i < count; i++) hypTok.push(spans.intern(text, starts[i]!, ends[i]!, hashes[i]!) + 1);
    }
    const L = hypTok.length;
    const tok = hypTok.data;
    const units = tokenIds.next;
    const refToks = refs.map((ref, r) => {
      const buf = r === 0 ? refTok0 : new IntBuffer();
      buf.clear();
      scanBleu(this.tokenize, this.prepare(ref), refSpans);
      const { text, starts, ends, hashes, count } = refSpans;
      for (let i = 0; i < count; i++) buf.push(spans.get(text, starts[i]!, ends[i]!, hashes[i]!) + 1);
      return { tok: buf.data, length: buf.length, cur: r === 0 ? refCur0.ensure(buf.length) : new Int32Array(buf.length) };
    });

    const out = new Array<number>(2 + 2 * N).fill(0);
    out[0] = L;
    out[1] = closestRefLen(
      L,
      refToks.map((t) => t.length),
    );
    const multi = refs.length > 1;
    const hcur = hypCur.ensure(L);
    let prevCount = units;
    for (let n = 1; n <= N; n++) {
      // Ids (1-based; 0 = none) of this order's n-grams: (id of the (n−1)-gram at the same position, last
      // token). Reference tokens the hypothesis lacks are 0, and so is every n-gram containing one.
      let V: number;
      if (n === 1) {
        for (let i = 0; i < L; i++) hcur[i] = tok[i]!;
        V = units;
      } else {
        nextOrder.begin(prevCount, units);
        for (let i = 0; i + n <= L; i++) hcur[i] = nextOrder.intern(hcur[i]!, tok[i + n - 1]!);
        V = nextOrder.next;
      }
      prevCount = V;
      const hc = hypCount.ensure(V + 1);
      for (let i = 0; i + n <= L; i++) hc[hcur[i]!]!++;
      const rc = refCount.ensure(V + 1);
      const rm = multi ? refMaxCount.ensure(V + 1) : rc;
      for (const { tok: rt, length: Lr, cur } of refToks) {
        if (n === 1) {
          for (let i = 0; i < Lr; i++) {
            const id = rt[i]!;
            cur[i] = id;
            rc[id]!++;
          }
        } else {
          for (let i = 0; i + n <= Lr; i++) {
            const id = nextOrder.get(cur[i]!, rt[i + n - 1]!);
            cur[i] = id;
            rc[id]!++;
          }
        }
        if (multi) {
          // Clip by the highest count over the references.
          for (let id = 1; id <= V; id++) {
            if (rc[id]! > rm[id]!) rm[id] = rc[id]!;
            rc[id] = 0;
          }
          rc[0] = 0;
        }
      }
      let correct = 0;
      for (let id = 1; id <= V; id++) {
        const h = hc[id]!;
        const r = rm[id]!;
        correct += h < r ? h : r;
      }
      out[1 + n] = correct;
      out[1 + N + n] = Math.max(0, L - n + 1);
      hc.fill(0, 0, V + 1);
      rm.fill(0, 0, V + 1);
      rc.fill(0, 0, V + 1);
    }
    return out;
  }

  /** The full BLEU result (precisions, BP, lengths) from summed statistics. */
  compute(stats: readonly number[]): BleuResult {
    const N = this.maxNgramOrder;
    return computeBleu(
      stats.slice(2, 2 + N),
      stats.slice(2 + N, 2 + 2 * N),
      Math.trunc(stats[0] ?? 0),
      Math.trunc(stats[1] ?? 0),
      this.smoothMethod,
      this.smoothValue,
      this.effectiveOrder,
      N,
    );
  }

  value(stats: readonly number[]): number {
    return this.compute(stats).score;
  }

  scoreFromStats(stats: readonly number[]): { score: number; verbose: string } {
    const r = this.compute(stats);
    const ratio = r.refLen ? r.sysLen / r.refLen : 0;
    const prec = r.precisions.map((p) => pyFixed(p, 1)).join('/');
    const verbose =
      `${prec} (BP = ${pyFixed(r.bp, 3)} ratio = ${pyFixed(ratio, 3)} ` + `hyp_len = ${r.sysLen} ref_len = ${r.refLen})`;
    return { score: r.score, verbose };
  }

  signature(nrefs: NRefs): string {
    let smooth: string = this.smoothMethod;
    const def = SMOOTH_DEFAULTS[this.smoothMethod];
    if (def !== null) smooth += `[${pyFixed(this.smoothValue ?? def, 2)}]`;
    return formatSignature([
      ['nrefs', nrefs],
      ['case', this.lowercase ? 'lc' : 'mixed'],
      ['eff', this.effectiveOrder],
      ['tok', this.tokenize],
      ['smooth', smooth],
    ]);
  }
}
