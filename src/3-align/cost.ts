/**
 * The cost of a link, from features only (no trained model).
 *
 *   cost(a-b) = (a+b)·(1 − sim) + typePenalty(a-b) + λ·lengthCost          for a, b ≥ 1
 *   cost(1-0) = cost(0-1) = 1 − τ
 *
 * - `(a+b)·(1 − sim)`: every sentence in a link pays for what the link fails to explain. Linking a-b
 *   sentences is preferred to leaving them all unlinked exactly when sim > τ (+ the type penalty), so τ is
 *   the similarity below which two sentences are better called an omission plus an addition. Merging one
 *   more sentence into a link is preferred when it raises the group similarity enough to pay for itself:
 *   the group vector is the sum of its members, so an unrelated extra sentence dilutes the cosine.
 * - `sim` mixes a cosine on content-word stems (meaning that survives paraphrase) and a cosine on character
 *   3-grams (forms that survive garbling); see features.ts.
 * - `typePenalty`: −log of the prior of the link shape relative to 1-1, from Gale & Church (1993), Table 5
 *   (1-1 0.89, 1-2/2-1 0.089 together, 2-2 0.011); 1-3/3-1 are rarer still. Scaled by μ.
 * - `lengthCost`: Gale & Church's length model. Renderings of the same content have proportional lengths;
 *   δ = (l_c − l_r)/√(s²·(l_r+l_c)/2), cost = −log 2(1 − Φ(|δ|)). It breaks ties the lexical evidence
 *   leaves open (a short sentence that could join either neighbour).
 */
import type { SideFeatures, PairFeatures } from './features.js';
import { sparseDot } from './features.js';
import type { Band } from './band.js';

/** Link shapes searched by the DP, as [ref sentences, cand sentences]. */
export const LINK_SHAPES: ReadonlyArray<readonly [number, number]> = [
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
];

/** Parameters of the cost; defaults tuned on bible-nt dev (Matthew–Acts) only. */
export interface CostParams {
  /** Weight of the word-stem cosine in `sim` (the rest is the character 3-gram cosine). */
  wordWeight: number;
  /** Cost of leaving one sentence unlinked (1-0 / 0-1), on the scale of a normalised 1-1 cost. */
  skipCost: number;
  /** γ: a link of a×b sentences pays (a·b)^γ times its normalised dissimilarity (Vecalign uses γ = 1). */
  sizeExponent: number;
  /** μ: scale of the link-shape prior penalty. */
  typeScale: number;
  /** λ: weight of the Gale–Church length cost. */
  lengthWeight: number;
  /** Extra penalty per link shape, added to the prior's. */
  shapeOffset: Record<string, number>;
  /** s²: variance of the length difference per character (Gale & Church use 6.8 across languages). */
  lengthVar: number;
}

export const DEFAULT_COST_PARAMS: CostParams = {
  wordWeight: 0.35,
  skipCost: 1,
  sizeExponent: 0.7,
  typeScale: 0.1,
  lengthWeight: 0.045,
  lengthVar: 2,
  shapeOffset: { '3-2': 0.15, '3-3': 0.15 },
};

/** Gale & Church (1993) link-shape priors. */
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
};

/** Standard normal upper tail, Abramowitz & Stegun 26.2.17 (|error| < 7.5e-8). */
function normalTail(z: number): number {
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/** Gale–Church length cost of two group lengths in characters. */
export function lengthCost(lr: number, lc: number, variance: number, ratio = 1): number {
  if (lr + lc === 0) return 0;
  const delta = Math.abs(lc - lr * ratio) / Math.sqrt((variance * (lr * ratio + lc)) / 2);
  const p = 2 * normalTail(delta);
  return -Math.log(Math.max(p, 1e-12));
}

/** Self dot products of a side: each row with the next one and the one after (for group norms). */
interface SelfDots {
  w1: Float64Array;
  w2: Float64Array;
  c1: Float64Array;
  c2: Float64Array;
}

function selfDots(f: SideFeatures): SelfDots {
  const n = f.n;
  const w1 = new Float64Array(n);
  const w2 = new Float64Array(n);
  const c1 = new Float64Array(n);
  const c2 = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) {
    w1[i] = sparseDot(f.words, i, f.words, i + 1);
    c1[i] = sparseDot(f.chars, i, f.chars, i + 1);
    if (i + 2 < n) {
      w2[i] = sparseDot(f.words, i, f.words, i + 2);
      c2[i] = sparseDot(f.chars, i, f.chars, i + 2);
    }
  }
  return { w1, w2, c1, c2 };
}

/** Squared norm of the sum of rows [s, s+k) (k ≤ 3) from row norms and neighbour dots. */
function groupNorm2(norm: Float64Array, d1: Float64Array, d2: Float64Array, s: number, k: number): number {
  if (k === 1) return norm[s]!;
  if (k === 2) return norm[s]! + norm[s + 1]! + 2 * d1[s]!;
  return norm[s]! + norm[s + 1]! + norm[s + 2]! + 2 * (d1[s]! + d1[s + 1]! + d2[s]!);
}

/** Number of other-side sentences each group is compared with to estimate its background similarity. */
const BACKGROUND_SAMPLES = 24;

/** Evenly spaced sample of row indices (deterministic: the same inputs give the same alignment). */
function sampleRows(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * n) / k));
}

/**
 * Sentence-group similarities for one document pair. Cross dot products are computed for the cells of a
 * band only (plus the few columns a 3-sentence link reaches back), once each.
 */
export class PairScorer {
  readonly ref: SideFeatures;
  readonly cand: SideFeatures;
  private readonly selfRef: SelfDots;
  private readonly lengthRatio: number;
  private readonly selfCand: SelfDots;
  /** Cross dots per reference row r: columns [crossLo[r], crossHi[r]), stored at crossStart[r]. */
  private crossLo = new Int32Array(0);
  private crossHi = new Int32Array(0);
  private crossStart = new Float64Array(0);
  private crossW = new Float32Array(0);
  private crossC = new Float32Array(0);
  /** Dots of every reference row with the candidate sample (row-major, S per row), and the reverse. */
  private readonly refSample: { w: Float32Array; c: Float32Array; normW: Float64Array; normC: Float64Array; S: number };
  private readonly candSample: { w: Float32Array; c: Float32Array; normW: Float64Array; normC: Float64Array; S: number };

  constructor(
    pair: PairFeatures,
    readonly params: CostParams = DEFAULT_COST_PARAMS,
  ) {
    this.ref = pair.ref;
    this.cand = pair.cand;
    this.selfRef = selfDots(pair.ref);
    this.selfCand = selfDots(pair.cand);
    this.refSample = sampleDots(pair.ref, pair.cand);
    let totR = 0;
    let totC = 0;
    for (const l of pair.ref.len) totR += l;
    for (const l of pair.cand.len) totC += l;
    // Gale & Church's c: expected candidate characters per reference character, here from the two texts.
    this.lengthRatio = totR > 0 && totC > 0 ? totC / totR : 1;
    this.candSample = sampleDots(pair.cand, pair.ref);
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
      const a = Math.max(0, band.lo[r + 1]! - 3);
      const b = Math.min(nC, band.hi[Math.min(nR, r + 3)]!);
      this.crossLo[r] = a;
      this.crossHi[r] = Math.max(a, b);
      this.crossStart[r] = total;
      total += Math.max(0, b - a);
    }
    this.crossStart[nR] = total;
    this.crossW = new Float32Array(total);
    this.crossC = new Float32Array(total);
    for (let r = 0; r < nR; r++) {
      const base = this.crossStart[r]!;
      const a = this.crossLo[r]!;
      for (let c = a; c < this.crossHi[r]!; c++) {
        this.crossW[base + c - a] = sparseDot(this.ref.words, r, this.cand.words, c);
        this.crossC[base + c - a] = sparseDot(this.ref.chars, r, this.cand.chars, c);
      }
    }
    return total;
  }

  /** Sums the word and char cross dots of ref [r, r+a) × cand [c, c+b) into `acc` (band cache, else computed). */
  private crossSum(r: number, a: number, c: number, b: number, acc: Float64Array): void {
    let dw = 0;
    let dc = 0;
    for (let x = r; x < r + a; x++) {
      const lo = x < this.crossLo.length ? this.crossLo[x]! : 0;
      const hi = x < this.crossHi.length ? this.crossHi[x]! : 0;
      const base = x < this.crossStart.length ? this.crossStart[x]! : 0;
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
    acc[0] = dw;
    acc[1] = dc;
  }

  private readonly acc = new Float64Array(2);

  private mix(cw: number, cc: number): number {
    const s = this.params.wordWeight * cw + (1 - this.params.wordWeight) * cc;
    return s < 0 ? 0 : s > 1 ? 1 : s;
  }

  /**
   * Similarity in [0,1] of reference sentences [r, r+a) and candidate sentences [c, c+b) (a, b in 1…3):
   * the cosine of the summed vectors in each view, mixed by `wordWeight`.
   */
  sim(r: number, a: number, c: number, b: number): number {
    this.crossSum(r, a, c, b, this.acc);
    const nwR = groupNorm2(this.ref.wordNorm2, this.selfRef.w1, this.selfRef.w2, r, a);
    const nwC = groupNorm2(this.cand.wordNorm2, this.selfCand.w1, this.selfCand.w2, c, b);
    const ncR = groupNorm2(this.ref.charNorm2, this.selfRef.c1, this.selfRef.c2, r, a);
    const ncC = groupNorm2(this.cand.charNorm2, this.selfCand.c1, this.selfCand.c2, c, b);
    const cw = nwR > 0 && nwC > 0 ? this.acc[0]! / Math.sqrt(nwR * nwC) : 0;
    const cc = ncR > 0 && ncC > 0 ? this.acc[1]! / Math.sqrt(ncR * ncC) : 0;
    return this.mix(cw, cc);
  }

  /**
   * Background dissimilarity of a group: the mean of 1 − sim between the group and a fixed sample of the
   * other side's sentences. Groups of many or of generic words are similar to everything; dividing by
   * this (Vecalign's normalisation, Thompson & Koehn 2019 §3) stops such "hubs" from winning links.
   */
  private background(side: 'ref' | 'cand', s: number, k: number): number {
    const f = side === 'ref' ? this.ref : this.cand;
    const self = side === 'ref' ? this.selfRef : this.selfCand;
    const smp = side === 'ref' ? this.refSample : this.candSample;
    const S = smp.S;
    if (S === 0) return 1;
    const nw = groupNorm2(f.wordNorm2, self.w1, self.w2, s, k);
    const nc = groupNorm2(f.charNorm2, self.c1, self.c2, s, k);
    let total = 0;
    for (let q = 0; q < S; q++) {
      let dw = 0;
      let dc = 0;
      for (let x = s; x < s + k; x++) {
        dw += smp.w[x * S + q]!;
        dc += smp.c[x * S + q]!;
      }
      const cw = nw > 0 && smp.normW[q]! > 0 ? dw / Math.sqrt(nw * smp.normW[q]!) : 0;
      const cc = nc > 0 && smp.normC[q]! > 0 ? dc / Math.sqrt(nc * smp.normC[q]!) : 0;
      total += 1 - this.mix(cw, cc);
    }
    return Math.max(0.05, total / S);
  }

  /** Total length in characters of sentences [s, s+k) joined by spaces. */
  private groupLen(side: SideFeatures, s: number, k: number): number {
    let l = k - 1;
    for (let x = s; x < s + k; x++) l += side.len[x]!;
    return l;
  }

  /** Cost of a link of shape a-b covering reference [r, r+a) and candidate [c, c+b); see the module comment. */
  cost(r: number, a: number, c: number, b: number): number {
    const p = this.params;
    if (a === 0 || b === 0) return (a + b) * p.skipCost;
    const s = this.sim(r, a, c, b);
    const bg = (this.background('ref', r, a) + this.background('cand', c, b)) / 2;
    const key = `${a}-${b}`;
    const prior = SHAPE_PRIOR[key] ?? 1e-3;
    const typePen = p.typeScale * Math.log(SHAPE_PRIOR['1-1']! / prior) + (p.shapeOffset[key] ?? 0);
    const lr = this.groupLen(this.ref, r, a);
    const lc = this.groupLen(this.cand, c, b);
    const len = lengthCost(lr, lc, p.lengthVar, this.lengthRatio);
    return ((1 - s) / bg) * Math.pow(a * b, p.sizeExponent) + typePen + p.lengthWeight * len;
  }
}

/** Dots of every row of `f` with an evenly spaced sample of rows of `other`. */
function sampleDots(
  f: SideFeatures,
  other: SideFeatures,
): { w: Float32Array; c: Float32Array; normW: Float64Array; normC: Float64Array; S: number } {
  const rows = sampleRows(other.n, BACKGROUND_SAMPLES);
  const S = rows.length;
  const w = new Float32Array(f.n * S);
  const c = new Float32Array(f.n * S);
  for (let x = 0; x < f.n; x++) {
    for (let q = 0; q < S; q++) {
      w[x * S + q] = sparseDot(f.words, x, other.words, rows[q]!);
      c[x * S + q] = sparseDot(f.chars, x, other.chars, rows[q]!);
    }
  }
  return {
    w,
    c,
    normW: Float64Array.from(rows, (q) => other.wordNorm2[q]!),
    normC: Float64Array.from(rows, (q) => other.charNorm2[q]!),
    S,
  };
}
