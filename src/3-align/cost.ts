/**
 * The cost of a link, from features only (no trained model).
 *
 *   cost(a-b) = (1 − sim)/bg · (a·b)^γ + shapePenalty(a-b) + λ·lengthCost        for a, b ≥ 1
 *   cost(1-0) = cost(0-1) = skipCost
 *   plus, at every boundary between two links, κ·leak (see `cutCost`)
 *
 * - `sim` (in [0,1]) mixes the cosine of the summed content-word stem vectors (meaning that survives
 *   paraphrase) and of the summed character 3-gram vectors (forms that survive garbling); see features.ts.
 * - `bg` is the group's background dissimilarity: the mean of 1 − sim between the group and a fixed sample
 *   of the other text's sentences. Dividing by it is Vecalign's normalisation (Thompson & Koehn 2019,
 *   §3.2): a group made of many or of generic words is similar to everything, and must not win links for
 *   that. So (1 − sim)/bg ≈ 1 for an unrelated pair and → 0 for a perfect one, on every document pair.
 * - `(a·b)^γ`: Vecalign multiplies by a·b so that merging is paid for; γ = 0.75 (tuned on bible-nt dev)
 *   lets natural merges (one long sentence rendered as two) through more easily than γ = 1.
 * - `shapePenalty`: −log of the Gale & Church (1993, Table 5) prior of the shape relative to 1-1 (1-1 0.89,
 *   1-2/2-1 0.089 together, 2-2 0.011; rarer shapes extrapolated), scaled by μ, plus a per-shape offset.
 * - `lengthCost`: Gale & Church's length model: a rendering's length is proportional to the original's
 *   with ratio c (here the ratio of the two texts' total lengths) and variance s² per character,
 *   δ = (l_c − c·l_r)/√(s²·(c·l_r + l_c)/2), cost = −log 2(1 − Φ(|δ|)). On bible-nt dev it is the single
 *   most useful tie-breaker: it decides which neighbour a short sentence joins.
 * - `skipCost`: leaving a sentence unlinked costs about what linking it to an unrelated sentence does,
 *   so a 1-0 / 0-1 link wins only when no neighbour explains the sentence. align.ts lowers it for pairs
 *   whose links are near-perfect (an edited copy), where an unexplained sentence is the anomaly.
 * - `leak`: rare words of a sentence found across the boundary on the other side mean the boundary cuts
 *   through a clause; bible-nt dev F1 0.945 → 0.948.
 * - Position prior: the DP is monotonic and searches a band around anchors (band.ts), which is the prior;
 *   an extra |i/n − j/m| penalty was measured to change nothing on bible-nt dev (0.9429 → 0.9431).
 */
import type { SideFeatures, PairFeatures, SparseRows } from './features.js';
import { sparseDot } from './features.js';
import type { Band } from './band.js';

/** Link shapes searched by the DP, as [ref sentences, cand sentences], for groups of up to 4 sentences a side. */
const ALL_SHAPES: ReadonlyArray<readonly [number, number]> = [
  [1, 1],
  [1, 0],
  [0, 1],
  [2, 1],
  [1, 2],
  [2, 2],
  [3, 1],
  [1, 3],
  [3, 2],
  [2, 3],
  [3, 3],
  [4, 1],
  [1, 4],
  [4, 2],
  [2, 4],
  [4, 3],
  [3, 4],
  [4, 4],
];

/** The shapes with at most `maxGroup` sentences a side (1-0 and 0-1 always). */
export function linkShapes(maxGroup: number): ReadonlyArray<readonly [number, number]> {
  return ALL_SHAPES.filter(([a, b]) => a <= maxGroup && b <= maxGroup);
}

/** Parameters of the cost; defaults tuned on bible-nt dev (Matthew–Acts) only. */
export interface CostParams {
  /** Weight of the word-stem cosine in `sim` (the rest is the character 3-gram cosine). */
  wordWeight: number;
  /** Cost of leaving one sentence unlinked (1-0 / 0-1), on the scale of a normalised 1-1 cost (a cap, see below). */
  skipCost: number;
  /** The skip cost used is min(skipCost, skipBase + skipSlope · typical z of the pair); skipSlope 0 disables. */
  skipBase: number;
  skipSlope: number;
  /** γ: a link of a×b sentences pays (a·b)^γ times its normalised dissimilarity (Vecalign uses γ = 1). */
  sizeExponent: number;
  /** μ: scale of the link-shape prior penalty. */
  typeScale: number;
  /** Extra penalty per link shape (`"3-2"`), added to the prior's. */
  shapeOffset: Record<string, number>;
  /** λ: weight of the Gale–Church length cost. */
  lengthWeight: number;
  /** Weight of the leak across a link boundary (see `cutCost`). */
  cutWeight: number;
  /** Largest number of sentences on one side of a link (1…4). */
  maxGroup: number;
  /** s²: variance of the length difference per character (Gale & Church use 6.8 across languages). */
  lengthVar: number;
  /** z from which a link starts to cost like leaving its sentences unlinked, and z where it costs as much. */
  chanceLow: number;
  chanceHigh: number;
}

export const DEFAULT_COST_PARAMS: CostParams = {
  wordWeight: 0.25,
  skipCost: 1,
  skipBase: 0.6,
  skipSlope: 0.9,
  sizeExponent: 0.75,
  typeScale: 0.1,
  shapeOffset: { '3-1': 0.15, '1-3': -0.15, '3-2': 0.3, '3-3': 0.15, '4-1': 0.15, '1-4': 0.15, '4-2': 0.15, '2-4': 0.15, '4-3': 0.15, '3-4': 0.15, '4-4': 0.15 },
  lengthWeight: 0.045,
  lengthVar: 1.5,
  cutWeight: 0.03,
  maxGroup: 4,
  chanceLow: 0.95,
  chanceHigh: 1.2,
};

/** Gale & Church (1993) link-shape priors; shapes they did not count are extrapolated. */
const SHAPE_PRIOR: Record<string, number> = {
  '1-1': 0.89,
  '2-1': 0.0445,
  '1-2': 0.0445,
  '2-2': 0.011,
  '3-1': 0.005,
  '1-3': 0.005,
  '3-2': 0.003,
  '2-3': 0.003,
  '3-3': 0.001,
  '4-1': 0.001,
  '1-4': 0.001,
  '4-2': 0.0007,
  '2-4': 0.0007,
  '4-3': 0.0005,
  '3-4': 0.0005,
  '4-4': 0.0003,
};

/** Standard normal upper tail, Abramowitz & Stegun 26.2.17 (|error| < 7.5e-8). */
function normalTail(z: number): number {
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/** Gale–Church length cost of two group lengths in characters, `ratio` = expected l_c / l_r. */
export function lengthCost(lr: number, lc: number, variance: number, ratio = 1): number {
  return lr + lc === 0 ? 0 : deltaCost(lengthDelta(lr, lc, variance, ratio));
}

/** Gale & Church's δ: the length difference in standard deviations (lr + lc > 0). */
function lengthDelta(lr: number, lc: number, variance: number, ratio: number): number {
  return Math.abs(lc - lr * ratio) / Math.sqrt((variance * (lr * ratio + lc)) / 2);
}

/** −log P(|N(0,1)| ≥ δ), capped at −log 1e-12. */
export function deltaCost(delta: number): number {
  const p = 2 * normalTail(delta);
  return -Math.log(Math.max(p, 1e-12));
}

/**
 * A lower bound of deltaCost without exp/log, for pruning: P(|N| ≥ δ) ≤ 2φ(δ) for δ ≥ 1 (Mills' ratio), so
 * −log P ≥ δ²/2 + log(√(2π)/2) > δ²/2; checked against deltaCost itself on a fine grid (test/align).
 */
export function deltaCostLowerBound(delta: number): number {
  return delta < 1 ? 0 : Math.min(27.6, (delta * delta) / 2);
}

/** Number of other-side sentences each group is compared with to estimate its background. */
const BACKGROUND_SAMPLES = 24;

/** Prior mean background dissimilarity and its weight in samples (see sideCache). */
const BACKGROUND_PRIOR = 0.94;
const BACKGROUND_PRIOR_WEIGHT = 4;

/** Evenly spaced sample of row indices (deterministic: the same inputs give the same alignment). */
function sampleRows(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * n) / k));
}

/**
 * Per-side precomputations for the groups of 1…maxGroup sentences; the group [s, s+k) is at (k−1)·n + s
 * (one flat array each: the DP reads them for every shape it tries).
 */
interface SideCache {
  n: number;
  /** Squared norms of the sum of rows [s, s+k), word and character views. */
  normW: Float64Array;
  normC: Float64Array;
  /** Background dissimilarity of the group (filled by ensureBackgrounds). */
  bg: Float64Array;
  /** Characters of the group joined by spaces. */
  len: Float64Array;
}

/**
 * Dots of every row of `f` with a sample of rows of `other`, through a dense feature-major copy of the
 * sample (a row's features are looked up once, not merged with 24 rows).
 */
function sampleDots(
  f: SideFeatures,
  other: SideFeatures,
  rows: readonly number[],
  view: 'words' | 'chars',
  dim: number,
): Float32Array {
  const S = rows.length;
  const dense = new Float32Array(dim * S);
  const present = new Uint8Array(dim);
  const O = other[view];
  rows.forEach((row, q) => {
    for (let k = O.ptr[row]!; k < O.ptr[row + 1]!; k++) {
      dense[O.ids[k]! * S + q] = O.vals[k]!;
      present[O.ids[k]!] = 1;
    }
  });
  const out = new Float32Array(f.n * S);
  const M = f[view];
  for (let x = 0; x < f.n; x++) {
    for (let k = M.ptr[x]!; k < M.ptr[x + 1]!; k++) {
      const id = M.ids[k]!;
      if (present[id] === 0) continue;
      const v = M.vals[k]!;
      const base = id * S;
      const o = x * S;
      for (let q = 0; q < S; q++) out[o + q] = out[o + q]! + v * dense[base + q]!;
    }
  }
  return out;
}

/**
 * Cross dots of reference rows with candidate columns [lo[r], hi[r]), stored from start[r] in `out`. A row
 * whose range is wide (small documents search the whole table) is done through an inverted copy of the
 * candidate rows — each of its features meets only the candidate rows that have it, instead of a merge
 * with every row — and a narrow one by sparse merges. Both sum each dot in increasing feature id order from
 * 0, so the values are the same bits either way.
 */
function fillCross(
  R: SparseRows,
  C: SparseRows,
  nC: number,
  dim: number,
  lo: Int32Array,
  hi: Int32Array,
  start: Float64Array,
  out: Float32Array,
): void {
  const nR = lo.length;
  // Postings per feature id: candidate columns (increasing) and values.
  const colPtr = new Int32Array(dim + 1);
  const cEnd = C.ptr[nC]!;
  for (let k = C.ptr[0]!; k < cEnd; k++) colPtr[C.ids[k]! + 1] = colPtr[C.ids[k]! + 1]! + 1;
  for (let id = 0; id < dim; id++) colPtr[id + 1] = colPtr[id + 1]! + colPtr[id]!;
  let colRow: Int32Array | undefined;
  let colVal: Float32Array | undefined;
  let acc: Float64Array | undefined;
  for (let r = 0; r < nR; r++) {
    const a = lo[r]!;
    const b = hi[r]!;
    if (b <= a) continue;
    const p0 = R.ptr[r]!;
    const p1 = R.ptr[r + 1]!;
    let viaPostings = 0;
    for (let p = p0; p < p1; p++) viaPostings += colPtr[R.ids[p]! + 1]! - colPtr[R.ids[p]!]!;
    const viaMerge = (b - a) * (p1 - p0) + (C.ptr[b]! - C.ptr[a]!);
    const base = start[r]!;
    if (viaPostings + nC < 2 * viaMerge) {
      if (colRow === undefined || colVal === undefined || acc === undefined) {
        colRow = new Int32Array(cEnd);
        colVal = new Float32Array(cEnd);
        const fill = colPtr.slice(0, dim);
        for (let c = 0; c < nC; c++) {
          for (let k = C.ptr[c]!; k < C.ptr[c + 1]!; k++) {
            const at = fill[C.ids[k]!]!;
            fill[C.ids[k]!] = at + 1;
            colRow[at] = c;
            colVal[at] = C.vals[k]!;
          }
        }
        acc = new Float64Array(nC);
      }
      for (let p = p0; p < p1; p++) {
        const id = R.ids[p]!;
        const v = R.vals[p]!;
        for (let k = colPtr[id]!; k < colPtr[id + 1]!; k++) {
          const c = colRow[k]!;
          acc[c] = acc[c]! + v * colVal[k]!;
        }
      }
      for (let c = a; c < b; c++) out[base + c - a] = acc[c]!;
      acc.fill(0);
    } else {
      for (let c = a; c < b; c++) out[base + c - a] = sparseDot(R, r, C, c);
    }
  }
}

/**
 * out[d−1][i] = row i · row i+d for d = 1…out.length: row i is spread into a dense scratch vector and the
 * next rows read it (a merge per pair costs a branch per entry). Products are added in increasing id order
 * from 0, like sparseDot, so the values are the same bits.
 */
function neighbourDots(M: SparseRows, n: number, dim: number, out: Float64Array[]): void {
  const dense = new Float64Array(Math.max(1, dim));
  for (let i = 0; i + 1 < n; i++) {
    for (let k = M.ptr[i]!; k < M.ptr[i + 1]!; k++) dense[M.ids[k]!] = M.vals[k]!;
    for (let d = 1; d <= out.length && i + d < n; d++) {
      let sum = 0;
      for (let k = M.ptr[i + d]!; k < M.ptr[i + d + 1]!; k++) {
        const v = dense[M.ids[k]!]!;
        if (v !== 0) sum += v * M.vals[k]!;
      }
      out[d - 1]![i] = sum;
    }
    for (let k = M.ptr[i]!; k < M.ptr[i + 1]!; k++) dense[M.ids[k]!] = 0;
  }
}

/** Per row, its ids missing from the previous row (sorted), using `mark` as scratch (left zeroed). */
function freshStems(S: SparseRows, n: number, mark: Int32Array): { ptr: Int32Array; ids: Int32Array } {
  const ptr = new Int32Array(n + 1);
  const ids = new Int32Array(S.ptr[n]!);
  let size = 0;
  for (let y = 0; y < n; y++) {
    if (y > 0) for (let k = S.ptr[y - 1]!; k < S.ptr[y]!; k++) mark[S.ids[k]!] = y;
    for (let k = S.ptr[y]!; k < S.ptr[y + 1]!; k++) if (y === 0 || mark[S.ids[k]!] !== y) ids[size++] = S.ids[k]!;
    ptr[y + 1] = size;
  }
  mark.fill(0);
  return { ptr, ids: ids.slice(0, size) };
}

function maxId(rows: SideFeatures['words']): number {
  let m = 0;
  for (let k = 0; k < rows.ids.length; k++) if (rows.ids[k]! > m) m = rows.ids[k]!;
  return m + 1;
}

/**
 * Sentence-group similarities and link costs for one document pair. Cross dot products are computed for
 * the cells of a band only (plus the few columns a 3-sentence link reaches back), once each.
 */
export class PairScorer {
  readonly ref: SideFeatures;
  readonly cand: SideFeatures;
  /** Expected candidate characters per reference character (Gale & Church's c). */
  readonly lengthRatio: number;
  private readonly refCache: SideCache;
  private readonly candCache: SideCache;
  /** Sizes of the word and character id spaces (shared by both sides). */
  private readonly dimW: number;
  private readonly dimC: number;
  /** Cross dots per reference row r: columns [crossLo[r], crossHi[r]), stored from crossStart[r]. */
  private crossLo = new Int32Array(0);
  private crossHi = new Int32Array(0);
  private crossStart = new Float64Array(0);
  private crossW = new Float32Array(0);
  private crossC = new Float32Array(0);
  /** Whether the cross dots cover the whole table (every row, every column). */
  private crossFull = false;
  private bgReady = false;
  /** Shape penalty by a*4+b. */
  private readonly shapePen: Float64Array;
  /** (a·b)^γ by a*(maxGroup+1)+b. */
  private readonly sizeFactor: Float64Array;
  /** Largest group on one side (params.maxGroup, clamped to 1…4) and the shapes the DP searches. */
  readonly maxGroup: number;
  readonly shapes: ReadonlyArray<readonly [number, number]>;
  /**
   * Per shape of `shapes`, the penalty under which `cost` does not go (−∞ for 1-0 / 0-1, whose cost may be
   * 0 when masked): `cost` returns Infinity when it is ≥ the budget, so the DP skips such shapes itself.
   */
  readonly shapeFloors: Float64Array;
  private readonly acc = new Float64Array(2);
  /**
   * candBreaks[y] = 1 when boilerplate sat between candidate sentences y and y+1: a link may not span it
   * (the boilerplate keeps its own 0-1 link in text order, so no link can hold sentences on both sides).
   */
  candBreaks: Uint8Array | undefined;
  /** The same for reference boilerplate. */
  refBreaks: Uint8Array | undefined;
  /**
   * Sentences set aside (a moved block and its source, aligned separately): each can only be left
   * unlinked, at no cost, so that the DP aligns the rest as if they were not there.
   */
  refMask: Uint8Array | undefined;
  candMask: Uint8Array | undefined;
  /** Cost of one unlinked sentence in use: params.skipCost unless the aligner adapts it (align.ts). */
  skipCost: number;
  /** IDF of each stem over both texts' sentences (for the boundary leak). */
  private readonly idf: Float64Array;
  /** Per candidate sentence c, the stems it has and sentence c−1 lacks (all of them for c = 0). */
  private readonly candFresh: { ptr: Int32Array; ids: Int32Array };
  /** Reference row whose stems are marked in markPrev / markNew (stamped with cutStamp). */
  private cutRow = -1;
  private cutStamp = 0;
  private readonly markPrev: Int32Array;
  private readonly markNew: Int32Array;

  constructor(
    pair: PairFeatures,
    readonly params: CostParams = DEFAULT_COST_PARAMS,
  ) {
    this.ref = pair.ref;
    this.cand = pair.cand;
    this.skipCost = params.skipCost;
    let totR = 0;
    let totC = 0;
    for (const l of pair.ref.len) totR += l;
    for (const l of pair.cand.len) totC += l;
    this.lengthRatio = totR > 0 && totC > 0 ? totC / totR : 1;
    this.maxGroup = Math.max(1, Math.min(4, Math.floor(params.maxGroup)));
    this.shapes = linkShapes(this.maxGroup);
    this.shapePen = new Float64Array((this.maxGroup + 1) * (this.maxGroup + 1));
    this.sizeFactor = new Float64Array((this.maxGroup + 1) * (this.maxGroup + 1));
    for (const [a, b] of this.shapes) {
      if (a === 0 || b === 0) continue;
      const key = `${a}-${b}`;
      const prior = SHAPE_PRIOR[key] ?? 1e-3;
      this.sizeFactor[a * (this.maxGroup + 1) + b] = Math.pow(a * b, params.sizeExponent);
      this.shapePen[a * (this.maxGroup + 1) + b] = params.typeScale * Math.log(SHAPE_PRIOR['1-1']! / prior) + (params.shapeOffset[key] ?? 0);
    }
    this.shapeFloors = Float64Array.from(this.shapes, ([a, b]) => (a === 0 || b === 0 ? -Infinity : this.shapePen[a * (this.maxGroup + 1) + b]!));
    const dimW = Math.max(maxId(pair.ref.words), maxId(pair.cand.words));
    const dimC = Math.max(maxId(pair.ref.chars), maxId(pair.cand.chars));
    this.dimW = dimW;
    this.dimC = dimC;
    const nStems = pair.stemCount;
    this.idf = new Float64Array(nStems);
    for (let id = 0; id < nStems; id++) this.idf[id] = Math.log((pair.ref.n + pair.cand.n + 1) / (pair.stemDfRef[id]! + pair.stemDfCand[id]! + 0.5));
    this.markPrev = new Int32Array(nStems);
    this.markNew = new Int32Array(nStems);
    this.candFresh = freshStems(pair.cand.stems, pair.cand.n, this.markPrev);
    this.refCache = this.sideCache(pair.ref);
    this.candCache = this.sideCache(pair.cand);
  }

  private mix(cw: number, cc: number): number {
    const s = this.params.wordWeight * cw + (1 - this.params.wordWeight) * cc;
    return s < 0 ? 0 : s > 1 ? 1 : s;
  }

  /** Group norms and lengths of one side (backgrounds come later: ensureBackgrounds). */
  private sideCache(f: SideFeatures): SideCache {
    const n = f.n;
    // Dots of each row with the rows 1…maxGroup−1 after it: dW[d-1][i] = row i · row i+d.
    const dW: Float64Array[] = [];
    const dC: Float64Array[] = [];
    for (let d = 1; d < this.maxGroup; d++) {
      dW.push(new Float64Array(n));
      dC.push(new Float64Array(n));
    }
    neighbourDots(f.words, n, this.dimW, dW);
    neighbourDots(f.chars, n, this.dimC, dC);
    // |Σ rows[s, s+k)|² = |Σ rows[s, s+k−1)|² + |row s+k−1|² + 2 Σ_t row s+t · row s+k−1.
    const G = this.maxGroup;
    const normW = new Float64Array(G * n);
    const normC = new Float64Array(G * n);
    const len = new Float64Array(G * n);
    for (let k = 1; k <= G; k++) {
      const at = (k - 1) * n;
      for (let s = 0; s + k <= n; s++) {
        const last = s + k - 1;
        if (k === 1) {
          normW[s] = f.wordNorm2[s]!;
          normC[s] = f.charNorm2[s]!;
          len[s] = f.len[s]!;
          continue;
        }
        let xw = 0;
        let xc = 0;
        for (let t = s; t < last; t++) {
          xw += dW[last - t - 1]![t]!;
          xc += dC[last - t - 1]![t]!;
        }
        normW[at + s] = normW[at - n + s]! + f.wordNorm2[last]! + 2 * xw;
        normC[at + s] = normC[at - n + s]! + f.charNorm2[last]! + 2 * xc;
        len[at + s] = len[at - n + s]! + f.len[last]! + 1;
      }
    }
    return { n, normW, normC, bg: new Float64Array(G * n).fill(1), len };
  }

  /**
   * Backgrounds of both sides, on first use: after `prepare`, so that a band covering the whole table (small
   * documents) provides the dots with the background sample without computing them again.
   */
  private ensureBackgrounds(): void {
    if (this.bgReady) return;
    this.bgReady = true;
    this.backgrounds('ref');
    this.backgrounds('cand');
  }

  /** Background: mean dissimilarity of each group with a fixed sample of the other side. */
  private backgrounds(side: 'ref' | 'cand'): void {
    const f = side === 'ref' ? this.ref : this.cand;
    const other = side === 'ref' ? this.cand : this.ref;
    const cache = side === 'ref' ? this.refCache : this.candCache;
    const { normW, normC } = cache;
    const n = f.n;
    const rows = sampleRows(other.n, BACKGROUND_SAMPLES);
    const S = rows.length;
    let dw: Float32Array;
    let dc: Float32Array;
    if (this.crossFull) {
      dw = new Float32Array(n * S);
      dc = new Float32Array(n * S);
      for (let x = 0; x < n; x++) {
        for (let q = 0; q < S; q++) {
          const at = side === 'ref' ? this.crossStart[x]! + rows[q]! : this.crossStart[rows[q]!]! + x;
          dw[x * S + q] = this.crossW[at]!;
          dc[x * S + q] = this.crossC[at]!;
        }
      }
    } else {
      dw = sampleDots(f, other, rows, 'words', this.dimW);
      dc = sampleDots(f, other, rows, 'chars', this.dimC);
    }
    const bg = cache.bg;
    for (let k = 1; k <= this.maxGroup; k++) {
      const at = (k - 1) * n;
      for (let s = 0; s + k <= n && S > 0; s++) {
        const nw = normW[at + s]!;
        const nc = normC[at + s]!;
        let total = 0;
        for (let q = 0; q < S; q++) {
          let sw = 0;
          let sc = 0;
          for (let x = s; x < s + k; x++) {
            sw += dw[x * S + q]!;
            sc += dc[x * S + q]!;
          }
          const ow = other.wordNorm2[rows[q]!]!;
          const oc = other.charNorm2[rows[q]!]!;
          const cw = nw > 0 && ow > 0 ? sw / Math.sqrt(nw * ow) : 0;
          const cc = nc > 0 && oc > 0 ? sc / Math.sqrt(nc * oc) : 0;
          total += 1 - this.mix(cw, cc);
        }
        // Shrink towards the usual background (bible-nt dev: mean 0.94 for single sentences) with the
        // weight of BACKGROUND_PRIOR_WEIGHT samples: a short text's sample is mostly the sentence's own
        // counterpart (in a one-sentence text, all of it), which would make every pair look like chance.
        bg[at + s] = Math.max(0.05, (total + BACKGROUND_PRIOR * BACKGROUND_PRIOR_WEIGHT) / (S + BACKGROUND_PRIOR_WEIGHT));
      }
    }
  }

  /**
   * Precomputes the cross dots a DP over `band` needs: reference sentence r (0-based) appears in links
   * ending in DP rows r+1…r+3, whose candidate sentences are columns lo[r+1]−3 … hi[r+3]−1.
   * Returns the number of dot products computed.
   */
  prepare(band: Band): number {
    const nR = this.ref.n;
    const nC = this.cand.n;
    this.crossLo = new Int32Array(nR);
    this.crossHi = new Int32Array(nR);
    this.crossStart = new Float64Array(nR + 1);
    let total = 0;
    for (let r = 0; r < nR; r++) {
      const a = Math.max(0, band.lo[r + 1]! - this.maxGroup);
      const b = Math.min(nC, band.hi[Math.min(nR, r + this.maxGroup)]!);
      this.crossLo[r] = a;
      this.crossHi[r] = Math.max(a, b);
      this.crossStart[r] = total;
      total += Math.max(0, b - a);
    }
    this.crossStart[nR] = total;
    this.crossW = new Float32Array(total);
    this.crossC = new Float32Array(total);
    fillCross(this.ref.words, this.cand.words, nC, this.dimW, this.crossLo, this.crossHi, this.crossStart, this.crossW);
    fillCross(this.ref.chars, this.cand.chars, nC, this.dimC, this.crossLo, this.crossHi, this.crossStart, this.crossC);
    this.crossFull = total === nR * nC;
    return total;
  }

  /** Sums the word and char cross dots of ref [r, r+a) × cand [c, c+b) into `acc` (band cache, else computed). */
  private crossSum(r: number, a: number, c: number, b: number): void {
    let dw = 0;
    let dc = 0;
    if (this.crossFull) {
      // The whole table is cached: row x starts at x·nC.
      const nC = this.cand.n;
      for (let x = r; x < r + a; x++) {
        const base = x * nC;
        for (let y = c; y < c + b; y++) {
          dw += this.crossW[base + y]!;
          dc += this.crossC[base + y]!;
        }
      }
      this.acc[0] = dw;
      this.acc[1] = dc;
      return;
    }
    for (let x = r; x < r + a; x++) {
      const inCache = x < this.crossLo.length;
      const lo = inCache ? this.crossLo[x]! : 0;
      const hi = inCache ? this.crossHi[x]! : 0;
      const base = inCache ? this.crossStart[x]! : 0;
      for (let y = c; y < c + b; y++) {
        if (y >= lo && y < hi) {
          dw += this.crossW[base + y - lo]!;
          dc += this.crossC[base + y - lo]!;
        } else {
          dw += sparseDot(this.ref.words, x, this.cand.words, y);
          dc += sparseDot(this.ref.chars, x, this.cand.chars, y);
        }
      }
    }
    this.acc[0] = dw;
    this.acc[1] = dc;
  }

  /**
   * Similarity in [0,1] of reference sentences [r, r+a) and candidate sentences [c, c+b) (a, b in 1…3):
   * the cosine of the summed vectors in each view, mixed by `wordWeight`.
   */
  sim(r: number, a: number, c: number, b: number): number {
    this.crossSum(r, a, c, b);
    const R = this.refCache;
    const C = this.candCache;
    const nwR = R.normW[(a - 1) * R.n + r]!;
    const nwC = C.normW[(b - 1) * C.n + c]!;
    const ncR = R.normC[(a - 1) * R.n + r]!;
    const ncC = C.normC[(b - 1) * C.n + c]!;
    if (nwR + ncR === 0 || nwC + ncC === 0) {
      // A side without any word ("—", "* * *", an emoji): only an identical text is evidence.
      return a === 1 && b === 1 && this.ref.textHash[r] === this.cand.textHash[c] ? 1 : 0;
    }
    const cw = nwR > 0 && nwC > 0 ? this.acc[0]! / Math.sqrt(nwR * nwC) : 0;
    const cc = ncR > 0 && ncC > 0 ? this.acc[1]! / Math.sqrt(ncR * ncC) : 0;
    return this.mix(cw, cc);
  }

  /**
   * The document pair's typical match quality: the median, over a sample of reference sentences, of the
   * best 1-1 z within a window around the diagonal. ≈ 0 for a copy, ≈ 0.45 for an independent
   * translation (bible-nt), ≈ 1 for unrelated texts.
   */
  typicalZ(): number {
    const nR = this.ref.n;
    const nC = this.cand.n;
    if (nR === 0 || nC === 0) return 1;
    this.ensureBackgrounds();
    const refBg = this.refCache.bg;
    const candBg = this.candCache.bg;
    const rows = sampleRows(nR, 400);
    const w = Math.min(50, Math.max(10, Math.ceil(nC * 0.1)));
    const best: number[] = [];
    for (const i of rows) {
      const center = Math.round(((i + 0.5) * nC) / nR);
      let b = Infinity;
      for (let j = Math.max(0, center - w); j < Math.min(nC, center + w + 1); j++) {
        const z = (1 - this.sim(i, 1, j, 1)) / ((refBg[i]! + candBg[j]!) / 2);
        if (z < b) b = z;
      }
      best.push(b);
    }
    best.sort((x, y) => x - y);
    return best[best.length >> 1]!;
  }

  /**
   * Cost of a link boundary between reference sentences r−1 | r and candidate sentences c−1 | c: the
   * content that leaks across it. Leak = IDF mass of the stems of reference sentence r−1 (left of the cut)
   * that occur in candidate sentence c (right of it) but not in c−1, plus the same from candidate c−1 to
   * reference r. A rendering that carries a clause of the next sentence ("… and his fame spread all through
   * Syria", bible-nt) makes the boundary leaky, so the DP moves it or merges instead of cutting through the
   * clause. Rare words leak much more than common ones, so topic words shared by neighbours cost little.
   */
  cutCost(r: number, c: number): number {
    const w = this.params.cutWeight;
    if (w === 0 || r <= 0 || c <= 0 || r >= this.ref.n || c >= this.cand.n) return 0;
    if (this.cutRow !== r) this.markCutRow(r);
    // Stems of reference r−1 among the stems candidate c has and c−1 lacks, then stems of candidate c−1
    // among those reference r has and r−1 lacks; both summed in increasing stem id order.
    const idf = this.idf;
    const prevRef = this.markPrev;
    const newRef = this.markNew;
    const stamp = this.cutStamp;
    let m1 = 0;
    for (let k = this.candFresh.ptr[c]!; k < this.candFresh.ptr[c + 1]!; k++) {
      const id = this.candFresh.ids[k]!;
      if (prevRef[id] === stamp) m1 += idf[id]!;
    }
    let m2 = 0;
    const B = this.cand.stems;
    for (let k = B.ptr[c - 1]!; k < B.ptr[c]!; k++) {
      const id = B.ids[k]!;
      if (newRef[id] === stamp) m2 += idf[id]!;
    }
    return w * (m1 + m2);
  }

  /** Marks the stems of reference r−1 and those reference r has and r−1 lacks (for cutCost at row r). */
  private markCutRow(r: number): void {
    this.cutRow = r;
    const stamp = ++this.cutStamp;
    const S = this.ref.stems;
    for (let k = S.ptr[r - 1]!; k < S.ptr[r]!; k++) this.markPrev[S.ids[k]!] = stamp;
    for (let k = S.ptr[r]!; k < S.ptr[r + 1]!; k++) if (this.markPrev[S.ids[k]!] !== stamp) this.markNew[S.ids[k]!] = stamp;
  }

  /** Background dissimilarity (see the module comment) of a reference or candidate group. */
  background(side: 'ref' | 'cand', s: number, k: number): number {
    this.ensureBackgrounds();
    const cache = side === 'ref' ? this.refCache : this.candCache;
    return cache.bg[(k - 1) * cache.n + s]!;
  }

  /** Cost of a link of shape a-b covering reference [r, r+a) and candidate [c, c+b); see the module comment. */
  cost(r: number, a: number, c: number, b: number, budget = Infinity): number {
    const p = this.params;
    if (this.refMask !== undefined || this.candMask !== undefined) {
      let masked = 0;
      if (this.refMask) for (let x = r; x < r + a; x++) masked += this.refMask[x]!;
      if (this.candMask) for (let y = c; y < c + b; y++) masked += this.candMask[y]!;
      if (masked > 0) return masked === 1 && a + b === 1 ? 0 : Infinity;
    }
    if (a === 0 || b === 0) return (a + b) * this.skipCost;
    if (b > 1 && this.candBreaks !== undefined) for (let y = c; y < c + b - 1; y++) if (this.candBreaks[y]) return Infinity;
    if (a > 1 && this.refBreaks !== undefined) for (let x = r; x < r + a - 1; x++) if (this.refBreaks[x]) return Infinity;
    // Lower bounds first, so that most shapes of the cells far from the path are dropped cheaply: the shape
    // penalty, then with a bound of the length cost, then with the similarity part; the exact length cost
    // (exp/log) only for the shapes left. When a bound reaches `budget` (the DP's best so far for the cell)
    // the shape cannot win there. (CPU profile of corpus 000→001: the length cost was a fifth of the DP.)
    const shapePen = this.shapePen[a * (this.maxGroup + 1) + b]!;
    if (shapePen >= budget) return Infinity;
    const R = this.refCache;
    const C = this.candCache;
    const lr = R.len[(a - 1) * R.n + r]!;
    const lc = C.len[(b - 1) * C.n + c]!;
    const delta = lr + lc > 0 ? lengthDelta(lr, lc, p.lengthVar, this.lengthRatio) : 0;
    const lengthFloor = shapePen + p.lengthWeight * deltaCostLowerBound(delta);
    if (lengthFloor >= budget) return Infinity;
    const s = this.sim(r, a, c, b);
    if (!this.bgReady) this.ensureBackgrounds();
    const bg = (R.bg[(a - 1) * R.n + r]! + C.bg[(b - 1) * C.n + c]!) / 2;
    const z = (1 - s) / bg;
    const size = this.sizeFactor[a * (this.maxGroup + 1) + b]!;
    if (z * size + lengthFloor >= budget) return Infinity;
    const fixed = shapePen + p.lengthWeight * (lr + lc > 0 ? deltaCost(delta) : 0);
    if (fixed >= budget) return Infinity;
    let cost = z * size + fixed;
    // A link no better than chance must not be cheaper than leaving its sentences unlinked: with
    // (a·b)^γ < a+b, a 3-1 link of four unrelated sentences would otherwise undercut four 1-0/0-1 links.
    if (z > p.chanceLow) {
      const floor = (a + b) * this.skipCost * Math.min(1, (z - p.chanceLow) / (p.chanceHigh - p.chanceLow));
      if (floor > cost) cost = floor;
    }
    return cost;
  }

}
