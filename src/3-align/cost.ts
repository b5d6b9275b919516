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
];

/** Parameters of the cost; defaults tuned on bible-nt dev (Matthew–Acts) only. */
export interface CostParams {
  /** Weight of the word-stem cosine in `sim` (the rest is the character 3-gram cosine). */
  wordWeight: number;
  /** τ: similarity at which linking and not linking cost the same. */
  skipSim: number;
  /** μ: scale of the link-shape prior penalty. */
  typeScale: number;
  /** λ: weight of the Gale–Church length cost. */
  lengthWeight: number;
  /** s²: variance of the length difference per character (Gale & Church use 6.8 across languages). */
  lengthVar: number;
}

export const DEFAULT_COST_PARAMS: CostParams = {
  wordWeight: 0.5,
  skipSim: 0.12,
  typeScale: 0.05,
  lengthWeight: 0.02,
  lengthVar: 6.8,
};

/** Gale & Church (1993) link-shape priors. */
const SHAPE_PRIOR: Record<string, number> = {
  '1-1': 0.89,
  '2-1': 0.0445,
  '1-2': 0.0445,
  '2-2': 0.011,
  '3-1': 0.005,
  '1-3': 0.005,
};

/** Standard normal upper tail, Abramowitz & Stegun 26.2.17 (|error| < 7.5e-8). */
function normalTail(z: number): number {
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/** Gale–Church length cost of two group lengths in characters. */
export function lengthCost(lr: number, lc: number, variance: number): number {
  if (lr + lc === 0) return 0;
  const delta = Math.abs(lc - lr) / Math.sqrt((variance * (lr + lc)) / 2);
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

/**
 * Sentence-group similarities for one document pair. Cross dot products are computed for the cells of a
 * band only (plus the few columns a 3-sentence link reaches back), once each.
 */
export class PairScorer {
  readonly ref: SideFeatures;
  readonly cand: SideFeatures;
  private readonly selfRef: SelfDots;
  private readonly selfCand: SelfDots;
  /** Cross dots per reference row r: columns [crossLo[r], crossHi[r]), stored at crossStart[r]. */
  private crossLo = new Int32Array(0);
  private crossHi = new Int32Array(0);
  private crossStart = new Float64Array(0);
  private crossW = new Float32Array(0);
  private crossC = new Float32Array(0);

  constructor(
    pair: PairFeatures,
    readonly params: CostParams = DEFAULT_COST_PARAMS,
  ) {
    this.ref = pair.ref;
    this.cand = pair.cand;
    this.selfRef = selfDots(pair.ref);
    this.selfCand = selfDots(pair.cand);
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

  /** Word and char cross dots of sentences r and c (computed on the fly outside the prepared band). */
  crossDots(r: number, c: number): [number, number] {
    if (r < this.crossLo.length) {
      const a = this.crossLo[r]!;
      if (c >= a && c < this.crossHi[r]!) {
        const k = this.crossStart[r]! + c - a;
        return [this.crossW[k]!, this.crossC[k]!];
      }
    }
    return [sparseDot(this.ref.words, r, this.cand.words, c), sparseDot(this.ref.chars, r, this.cand.chars, c)];
  }

  /**
   * Similarity in [0,1] of reference sentences [r, r+a) and candidate sentences [c, c+b) (a, b in 1…3):
   * the cosine of the summed vectors in each view, mixed by `wordWeight`.
   */
  sim(r: number, a: number, c: number, b: number): number {
    let dw = 0;
    let dc = 0;
    for (let x = r; x < r + a; x++) {
      for (let y = c; y < c + b; y++) {
        const [w, ch] = this.crossDots(x, y);
        dw += w;
        dc += ch;
      }
    }
    const nwR = groupNorm2(this.ref.wordNorm2, this.selfRef.w1, this.selfRef.w2, r, a);
    const nwC = groupNorm2(this.cand.wordNorm2, this.selfCand.w1, this.selfCand.w2, c, b);
    const ncR = groupNorm2(this.ref.charNorm2, this.selfRef.c1, this.selfRef.c2, r, a);
    const ncC = groupNorm2(this.cand.charNorm2, this.selfCand.c1, this.selfCand.c2, c, b);
    const cw = nwR > 0 && nwC > 0 ? dw / Math.sqrt(nwR * nwC) : 0;
    const cc = ncR > 0 && ncC > 0 ? dc / Math.sqrt(ncR * ncC) : 0;
    const s = this.params.wordWeight * cw + (1 - this.params.wordWeight) * cc;
    return s < 0 ? 0 : s > 1 ? 1 : s;
  }

  /** Total length in characters of reference sentences [r, r+a) joined by spaces. */
  private groupLen(side: SideFeatures, s: number, k: number): number {
    let l = k - 1;
    for (let x = s; x < s + k; x++) l += side.len[x]!;
    return l;
  }

  /** Cost of a link of shape a-b covering reference [r, r+a) and candidate [c, c+b); see the module comment. */
  cost(r: number, a: number, c: number, b: number): number {
    const p = this.params;
    if (a === 0 || b === 0) return (a + b) * (1 - p.skipSim);
    const s = this.sim(r, a, c, b);
    const prior = SHAPE_PRIOR[`${a}-${b}`] ?? 1e-3;
    const typePen = p.typeScale * Math.log(SHAPE_PRIOR['1-1']! / prior);
    const len = lengthCost(this.groupLen(this.ref, r, a), this.groupLen(this.cand, c, b), p.lengthVar);
    return (a + b) * (1 - s) + typePen + p.lengthWeight * len;
  }
}
