/**
 * Non-monotonic alignment for rewrites: blocks of the candidate that moved away from their place in the
 * reference. A monotonic alignment sees a moved block as an omission at its old place (1-0 links) plus an
 * addition at its new place (0-1 links); this pass links the two.
 *
 * For every run of unlinked candidate sentences, the unlinked reference sentences sharing its rarest
 * words are retrieved through an inverted index (so the pass stays linear), the best-matching run of free
 * reference sentences is chosen, and the two runs are aligned with the same DP and cost as the main pass.
 * A recovered link whose reference position is out of order with its candidate neighbours is `moved`.
 */
import type { PairFeatures } from './features.js';
import type { PairScorer } from './cost.js';
import { fullBand } from './band.js';
import { monotonicDp } from './dp.js';
import type { IndexLink } from './dp.js';

/** A link in index space with a flag for links recovered out of order. */
export interface MovedIndexLink extends IndexLink {
  moved: boolean;
}

export interface MoveOptions {
  /** A retrieved reference sentence must reach this 1-1 similarity with some sentence of the run. */
  minSim: number;
  /** Rarest stems per candidate sentence used to retrieve reference sentences. */
  keysPerSentence: number;
  /** Keys occurring in more free reference sentences than this are not used for retrieval. */
  maxPostings: number;
  /** Largest window (reference × candidate sentences) aligned for one run. */
  maxWindowCells: number;
}

export const DEFAULT_MOVE_OPTIONS: MoveOptions = { minSim: 0.3, keysPerSentence: 4, maxPostings: 50, maxWindowCells: 250_000 };

/**
 * Re-links unlinked sentences of a monotonic alignment. Returns the links in candidate order (reference-only
 * links keep their place relative to the candidate sentences around them), with `moved` set.
 */
export function recoverMoves(
  links: readonly IndexLink[],
  f: PairFeatures,
  scorer: PairScorer,
  options: MoveOptions = DEFAULT_MOVE_OPTIONS,
  deadline = Infinity,
): MovedIndexLink[] {
  const nR = f.ref.n;
  const freeRef = new Uint8Array(nR);
  for (const l of links) if (l.b === 0) for (let x = l.r; x < l.r + l.a; x++) freeRef[x] = 1;

  // Inverted index: stem → free reference sentences containing it.
  const postings = new Map<number, number[]>();
  const S = f.ref.stems;
  for (let x = 0; x < nR; x++) {
    if (!freeRef[x]) continue;
    for (let k = S.ptr[x]!; k < S.ptr[x + 1]!; k++) {
      const id = S.ids[k]!;
      let p = postings.get(id);
      if (!p) postings.set(id, (p = []));
      p.push(x);
    }
  }
  const df = (id: number): number => f.stemDfRef[id]! + f.stemDfCand[id]!;

  // Runs of consecutive candidate-only links.
  const out: MovedIndexLink[] = [];
  let k = 0;
  while (k < links.length) {
    const l = links[k]!;
    if (!(l.a === 0 && l.b > 0)) {
      out.push({ ...l, moved: false });
      k++;
      continue;
    }
    let end = k;
    while (end < links.length && links[end]!.a === 0) end++;
    const c0 = l.c;
    const c1 = links[end - 1]!.c + links[end - 1]!.b;
    const recovered = performance.now() < deadline ? relinkRun(c0, c1) : null;
    if (recovered) out.push(...recovered);
    else for (let q = k; q < end; q++) out.push({ ...links[q]!, moved: false });
    k = end;
  }

  // Reference sentences used by recovered links leave their 1-0 links.
  const used = new Uint8Array(nR);
  for (const l of out) if (l.b > 0) for (let x = l.r; x < l.r + l.a; x++) used[x] = 1;
  const result: MovedIndexLink[] = [];
  for (const l of out) {
    if (l.b === 0) {
      for (let x = l.r; x < l.r + l.a; x++) if (!used[x]) result.push({ r: x, a: 1, c: l.c, b: 0, moved: false });
    } else result.push(l);
  }
  markMoved(result);
  return result;

  function relinkRun(c0: number, c1: number): MovedIndexLink[] | null {
    // Retrieve free reference sentences sharing rare stems with the run; keep those similar enough.
    const votes = new Map<number, number>();
    const C = f.cand.stems;
    for (let y = c0; y < c1; y++) {
      const ids = Array.from(C.ids.subarray(C.ptr[y]!, C.ptr[y + 1]!)).filter((id) => postings.has(id));
      ids.sort((a, b) => df(a) - df(b) || a - b);
      for (const id of ids.slice(0, options.keysPerSentence)) {
        const p = postings.get(id)!;
        if (p.length > options.maxPostings) continue;
        for (const x of p) {
          if (!freeRef[x] || votes.has(x)) continue;
          votes.set(x, scorer.sim(x, 1, y, 1));
        }
      }
    }
    // Also score each retrieved sentence against the whole run, keep the good ones.
    const hits: number[] = [];
    for (const [x, s] of votes) {
      let best = s;
      for (let y = c0; y < c1 && best < options.minSim; y++) best = Math.max(best, scorer.sim(x, 1, y, 1));
      if (best >= options.minSim) hits.push(x);
    }
    if (hits.length === 0) return null;
    hits.sort((a, b) => a - b);
    // The densest stretch of hits: split where two hits are more than (run length + 3) apart.
    const runLen = c1 - c0;
    let bestFrom = 0;
    let bestTo = 1;
    for (let s = 0, e = 1; e <= hits.length; e++) {
      if (e === hits.length || hits[e]! - hits[e - 1]! > runLen + 3) {
        if (e - s > bestTo - bestFrom) {
          bestFrom = s;
          bestTo = e;
        }
        s = e;
      }
    }
    // Extend to the free reference sentences around the stretch (a moved paragraph moves whole).
    let r0 = hits[bestFrom]!;
    let r1 = hits[bestTo - 1]! + 1;
    while (r0 > 0 && freeRef[r0 - 1] && r1 - (r0 - 1) <= runLen + 6) r0--;
    while (r1 < nR && freeRef[r1] && r1 + 1 - r0 <= runLen + 6) r1++;
    // Sentences inside the stretch that are not free split it; align only the free part around the hits.
    for (let x = r0; x < r1; x++) if (!freeRef[x]) return null;
    if ((r1 - r0 + 1) * (runLen + 1) > options.maxWindowCells) return null;
    const res = monotonicDp(fullBand(r1 - r0, runLen), scorer, deadline, r0, c0);
    if ('aborted' in res) return null;
    const linked: MovedIndexLink[] = [];
    for (const m of res) {
      if (m.a > 0 && m.b > 0) {
        for (let x = m.r; x < m.r + m.a; x++) freeRef[x] = 0;
        linked.push({ ...m, moved: false });
      } else if (m.b > 0) linked.push({ ...m, moved: false });
      // Reference-only links of the window stay where the main pass put them.
    }
    return linked.some((m) => m.a > 0) ? linked : null;
  }
}

/**
 * Marks links whose reference position breaks the order of the candidate sequence: the links (with both
 * sides) off the longest chain of increasing reference positions, taken in candidate order.
 */
export function markMoved(links: MovedIndexLink[]): void {
  const idx: number[] = [];
  links.forEach((l, k) => {
    if (l.a > 0 && l.b > 0) idx.push(k);
  });
  // Longest increasing subsequence of reference starts (patience sorting, O(n log n)).
  const tails: number[] = [];
  const tailIdx: number[] = [];
  const prev = new Int32Array(idx.length).fill(-1);
  idx.forEach((k, q) => {
    const v = links[k]!.r;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    tailIdx[lo] = q;
    prev[q] = lo > 0 ? tailIdx[lo - 1]! : -1;
  });
  const inChain = new Uint8Array(idx.length);
  for (let q = tails.length > 0 ? tailIdx[tails.length - 1]! : -1; q >= 0; q = prev[q]!) inChain[q] = 1;
  idx.forEach((k, q) => {
    links[k]!.moved = !inChain[q];
  });
}
