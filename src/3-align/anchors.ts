/**
 * Anchors: sentence pairs that are almost certainly linked, found without comparing every pair, so that the
 * DP only searches the gaps between them (time and memory linear in the number of sentences).
 *
 * 1. Keys: each sentence offers its normalised-text hash (exact copies) and its rarest content stems.
 * 2. Candidate pairs: for every key, every (reference, candidate) sentence pair sharing it — skipped when the
 *    key is too frequent to be evidence (more than `maxPairsPerKey` pairs). A pair's weight sums the
 *    (range-local) IDF of its shared keys, so a pair sharing two rare names outweighs one sharing one.
 * 3. Chain: the heaviest strictly increasing subsequence of pairs (a weighted longest-increasing-subsequence,
 *    O(m log m) with a Fenwick tree). This keeps the order-consistent majority and drops pairs that share a
 *    rare word by accident. It is the anchoring step of MUMmer-style genome aligners and of Hunalign's and
 *    Bleualign's sentence aligners, on words instead of k-mers.
 * 4. Check: an anchor is kept only when the two sentences are similar on their own (`minSim`).
 */
import type { PairFeatures } from './features.js';
import type { PairScorer } from './cost.js';

export interface AnchorOptions {
  /** Rarest stems each sentence offers as keys. */
  keysPerSentence: number;
  /** A key shared by more pairs than this is too common to anchor on (in the range being searched). */
  maxPairsPerKey: number;
  /** Minimum 1-1 similarity for a chained pair to become an anchor. */
  minSim: number;
  /** Gaps between anchors larger than this many cells are searched again, recursively. */
  refineCells: number;
  /** Recursion depth limit. */
  maxDepth: number;
}

export const DEFAULT_ANCHOR_OPTIONS: AnchorOptions = {
  keysPerSentence: 3,
  maxPairsPerKey: 400,
  minSim: 0.25,
  refineCells: 64,
  maxDepth: 6,
};

/** Weight of an exact normalised-text match, on the IDF scale of a very rare word. */
const HASH_WEIGHT = 20;

/**
 * Finds anchors as 0-based (ref, cand) sentence index pairs, strictly increasing on both sides.
 *
 * Rarity is judged inside the range being searched: a word that occurs in every chapter of a long text
 * is no anchor for the whole text, but it is one between two anchors a few sentences apart. So the
 * search recurses into the gaps the previous level left (the recursive anchoring of Bleualign-style and
 * genome aligners), each level visiting every sentence at most once: linear time overall.
 */
export function findAnchors(
  f: PairFeatures,
  scorer: PairScorer,
  options: AnchorOptions = DEFAULT_ANCHOR_OPTIONS,
): Array<[number, number]> {
  const nR = f.ref.n;
  const nC = f.cand.n;
  const out: Array<[number, number]> = [];
  if (nR === 0 || nC === 0) return out;
  const nDocs = nR + nC;
  const globalDf = (id: number): number => f.stemDfRef[id]! + f.stemDfCand[id]!;
  // Scratch counters indexed by stem id, reset after each range through the lists of touched ids.
  const cntR = new Int32Array(f.stemCount);
  const cntC = new Int32Array(f.stemCount);
  const touched: number[] = [];

  const count = (side: PairFeatures['ref'], from: number, to: number, cnt: Int32Array): void => {
    const S = side.stems;
    for (let x = from; x < to; x++) {
      for (let k = S.ptr[x]!; k < S.ptr[x + 1]!; k++) {
        const id = S.ids[k]!;
        if (cntR[id] === 0 && cntC[id] === 0) touched.push(id);
        cnt[id] = cnt[id]! + 1;
      }
    }
  };

  const search = (i0: number, i1: number, j0: number, j1: number, depth: number): void => {
    const di = i1 - i0;
    const dj = j1 - j0;
    if (di <= 0 || dj <= 0) return;
    count(f.ref, i0, i1, cntR);
    count(f.cand, j0, j1, cntC);
    // Keys of each sentence: its rarest stems present on both sides of the range.
    const keysOf = (side: PairFeatures['ref'], x: number): number[] => {
      const S = side.stems;
      const ks: number[] = [];
      for (let k = S.ptr[x]!; k < S.ptr[x + 1]!; k++) {
        const id = S.ids[k]!;
        if (cntR[id]! > 0 && cntC[id]! > 0 && cntR[id]! * cntC[id]! <= options.maxPairsPerKey) ks.push(id);
      }
      ks.sort((a, b) => cntR[a]! * cntC[a]! - cntR[b]! * cntC[b]! || globalDf(a) - globalDf(b) || a - b);
      return ks.length > options.keysPerSentence ? ks.slice(0, options.keysPerSentence) : ks;
    };
    const candOcc = new Map<number, number[]>();
    for (let j = j0; j < j1; j++) {
      for (const key of keysOf(f.cand, j)) {
        let l = candOcc.get(key);
        if (!l) candOcc.set(key, (l = []));
        l.push(j);
      }
    }
    // Candidate pairs in local coordinates, code = (i − i0)·dj + (j − j0).
    const codes: number[] = [];
    const weights: number[] = [];
    for (let i = i0; i < i1; i++) {
      for (const key of keysOf(f.ref, i)) {
        const js = candOcc.get(key);
        if (!js) continue;
        // IDF inside the range: a word once on each side of a 10-sentence gap is strong evidence.
        const w = Math.log((di + dj + 1) / (cntR[key]! + cntC[key]! - 0.5)) + Math.log((nDocs + 1) / (globalDf(key) + 0.5)) * 0.1;
        for (const j of js) {
          codes.push((i - i0) * dj + (j - j0));
          weights.push(w);
        }
      }
    }
    for (const id of touched) {
      cntR[id] = 0;
      cntC[id] = 0;
    }
    touched.length = 0;
    // Exact copies (same words in the same order), when not repeated too often in the range.
    const hashOcc = new Map<number, number[]>();
    for (let i = i0; i < i1; i++) {
      const h = f.ref.hash[i]!;
      if (h === 0) continue;
      let l = hashOcc.get(h);
      if (!l) hashOcc.set(h, (l = []));
      l.push(i);
    }
    for (let j = j0; j < j1; j++) {
      const rs = hashOcc.get(f.cand.hash[j]!);
      if (!rs || rs.length > 8) continue;
      for (const i of rs) {
        codes.push((i - i0) * dj + (j - j0));
        weights.push(HASH_WEIGHT);
      }
    }
    const found: Array<[number, number]> = [];
    if (codes.length > 0) {
      const order = new Uint32Array(codes.length);
      for (let k = 0; k < order.length; k++) order[k] = k;
      order.sort((a, b) => codes[a]! - codes[b]!);
      const pi: number[] = [];
      const pj: number[] = [];
      const pw: number[] = [];
      let lastCode = -1;
      for (let k = 0; k < order.length; k++) {
        const code = codes[order[k]!]!;
        const w = weights[order[k]!]!;
        if (code === lastCode) {
          pw[pw.length - 1] = pw[pw.length - 1]! + w;
        } else {
          pi.push(Math.floor(code / dj));
          pj.push(code % dj);
          pw.push(w);
          lastCode = code;
        }
      }
      for (const k of heaviestIncreasingChain(pi, pj, pw, dj)) {
        const i = pi[k]! + i0;
        const j = pj[k]! + j0;
        if (scorer.sim(i, 1, j, 1) >= options.minSim) found.push([i, j]);
      }
    }
    // Recurse into the gaps this level left.
    let pi0 = i0;
    let pj0 = j0;
    const gap = (gi1: number, gj1: number): void => {
      const smaller = gi1 - pi0 < di || gj1 - pj0 < dj;
      if (depth < options.maxDepth && smaller && (gi1 - pi0) * (gj1 - pj0) > options.refineCells) {
        search(pi0, gi1, pj0, gj1, depth + 1);
      }
    };
    for (const [i, j] of found) {
      gap(i, j);
      out.push([i, j]);
      pi0 = i + 1;
      pj0 = j + 1;
    }
    gap(i1, j1);
  };

  search(0, nR, 0, nC, 0);
  out.sort((a, b) => a[0] - b[0]);
  return out;
}

/**
 * Heaviest chain of pairs strictly increasing in both coordinates. Pairs must be sorted by i, then j
 * ascending; within one i they are processed by descending j so that two pairs of the same row never chain.
 * Returns pair indices in chain order.
 */
export function heaviestIncreasingChain(pi: readonly number[], pj: readonly number[], pw: readonly number[], nC: number): number[] {
  const m = pi.length;
  // Fenwick tree over j (1-based) holding the best chain weight ending at a column ≤ j, and its pair.
  const treeW = new Float64Array(nC + 1);
  const treeK = new Int32Array(nC + 1).fill(-1);
  const prev = new Int32Array(m).fill(-1);
  const best = new Float64Array(m);
  let bestEnd = -1;
  let bestW = 0;
  let start = 0;
  while (start < m) {
    let end = start;
    while (end < m && pi[end] === pi[start]) end++;
    for (let k = end - 1; k >= start; k--) {
      const j = pj[k]!;
      // Query max over columns < j (Fenwick positions 1..j).
      let qW = 0;
      let qK = -1;
      for (let x = j; x > 0; x -= x & -x) {
        if (treeW[x]! > qW) {
          qW = treeW[x]!;
          qK = treeK[x]!;
        }
      }
      const w = qW + pw[k]!;
      best[k] = w;
      prev[k] = qK;
      if (w > bestW) {
        bestW = w;
        bestEnd = k;
      }
      for (let x = j + 1; x <= nC; x += x & -x) {
        if (w > treeW[x]!) {
          treeW[x] = w;
          treeK[x] = k;
        }
      }
    }
    start = end;
  }
  const chain: number[] = [];
  for (let k = bestEnd; k >= 0; k = prev[k]!) chain.push(k);
  return chain.reverse();
}
