/**
 * Non-monotonic alignment for rewrites: blocks of the candidate that moved away from their place in the
 * reference. A monotonic alignment cannot link a moved block; it leaves it unlinked (0-1 at its new place,
 * 1-0 at its old one) or, worse, glues it to its new neighbours in weak merged links.
 *
 * 1. Displaced sentences: a candidate sentence is displaced when its best reference counterpart anywhere
 *    (inverted index on rare stems, so linear) is a clear match (confidence ≥ `clearConfidence`) while its
 *    own link in the monotonic alignment is not (its best partner inside the link is no good match), and
 *    the counterpart is itself unlinked or weakly linked where it stands (else the candidate sentence is a
 *    repeat, not a move).
 * 2. Blocks: runs of consecutive displaced candidate sentences whose counterparts are close together; the
 *    block's source is the run of reference sentences spanning them.
 * 3. The monotonic DP runs again with blocks and sources set aside (masked: they can only be left out, at no
 *    cost), then each block is aligned to its source with the same DP and cost, and its links are put back
 *    at the block's place in the candidate. Links off the longest chain of increasing reference positions are
 *    flagged `moved`.
 */
import type { PairFeatures } from './features.js';
import type { PairScorer } from './cost.js';
import { fullBand } from './band.js';
import type { Band } from './band.js';
import { monotonicDp } from './dp.js';
import type { IndexLink } from './dp.js';

/** A link in index space with a flag for links out of reference order. */
export interface MovedIndexLink extends IndexLink {
  moved: boolean;
}

export interface MoveOptions {
  /** Confidence (from z, see align.ts) of a clear match. */
  clearConfidence: number;
  /** Confidence below which a sentence's in-place match is weak. */
  weakConfidence: number;
  /** Rarest stems per candidate sentence used to retrieve reference sentences. */
  keysPerSentence: number;
  /** Keys occurring in more reference sentences than this are not used for retrieval. */
  maxPostings: number;
  /** Largest window (reference × candidate sentences) aligned for one block. */
  maxWindowCells: number;
  /** A displaced sentence's z must be at most standOut · typical z + 0.1 … */
  standOut: number;
  /** … and at least `margin` below the runner-up's. */
  margin: number;
  /** Content stems a displaced sentence needs (short formulas are no evidence of a move). */
  minStems: number;
}

export const DEFAULT_MOVE_OPTIONS: MoveOptions = {
  clearConfidence: 0.8,
  weakConfidence: 0.5,
  keysPerSentence: 4,
  maxPostings: 64,
  maxWindowCells: 250_000,
  standOut: 0.5,
  margin: 0.15,
  minStems: 3,
};

/** What the move pass needs from the aligner: the z of a pair and the confidence of a z. */
export interface MoveContext {
  f: PairFeatures;
  scorer: PairScorer;
  band: Band;
  confidenceOf: (z: number) => number;
  deadline: number;
  /** The pair's typical best-match z (PairScorer.typicalZ): a move must stand out against it. */
  typicalZ: number;
}

/** Returned when the time budget ran out during the move search. */
export const ABORTED = { aborted: true } as const;

/**
 * Re-aligns with moved blocks set aside. Returns null when no block is found (the monotonic alignment
 * stands), ABORTED when the deadline passed, else links in candidate order with `moved` set.
 */
export function alignWithMoves(
  links: readonly IndexLink[],
  ctx: MoveContext,
  options: MoveOptions = DEFAULT_MOVE_OPTIONS,
): MovedIndexLink[] | null | typeof ABORTED {
  const { f, scorer, confidenceOf } = ctx;
  const nR = f.ref.n;
  const nC = f.cand.n;
  const zPair = (x: number, y: number): number => {
    const bg = (scorer.background('ref', x, 1) + scorer.background('cand', y, 1)) / 2;
    return (1 - scorer.sim(x, 1, y, 1)) / bg;
  };

  // In-place quality of every sentence: its best single partner inside its own link.
  const linkOfRef = new Int32Array(nR).fill(-1);
  const linkOfCand = new Int32Array(nC).fill(-1);
  links.forEach((l, k) => {
    for (let x = l.r; x < l.r + l.a; x++) linkOfRef[x] = k;
    for (let y = l.c; y < l.c + l.b; y++) linkOfCand[y] = k;
  });
  const inPlaceCand = (y: number): number => {
    const l = links[linkOfCand[y]!]!;
    let best = Infinity;
    for (let x = l.r; x < l.r + l.a; x++) best = Math.min(best, zPair(x, y));
    return best;
  };
  const inPlaceRef = (x: number): number => {
    const l = links[linkOfRef[x]!]!;
    let best = Infinity;
    for (let y = l.c; y < l.c + l.b; y++) best = Math.min(best, zPair(x, y));
    return best;
  };

  // Inverted index over reference stems.
  const postings = new Map<number, number[]>();
  const S = f.ref.stems;
  for (let x = 0; x < nR; x++) {
    for (let k = S.ptr[x]!; k < S.ptr[x + 1]!; k++) {
      const id = S.ids[k]!;
      let p = postings.get(id);
      if (!p) postings.set(id, (p = []));
      if (p.length <= options.maxPostings) p.push(x);
    }
  }
  const df = (id: number): number => f.stemDfRef[id]! + f.stemDfCand[id]!;

  // 1. Displaced candidate sentences and their counterparts.
  const target = new Int32Array(nC).fill(-1);
  const C = f.cand.stems;
  const seen = new Set<number>();
  for (let y = 0; y < nC; y++) {
    if (performance.now() > ctx.deadline) return ABORTED;
    const here = confidenceOf(inPlaceCand(y));
    if (here >= options.weakConfidence) continue;
    const ids = Array.from(C.ids.subarray(C.ptr[y]!, C.ptr[y + 1]!)).filter((id) => postings.has(id));
    ids.sort((a, b) => df(a) - df(b) || a - b);
    seen.clear();
    let bestZ = Infinity;
    let secondZ = Infinity;
    let bestX = -1;
    for (const id of ids.slice(0, options.keysPerSentence)) {
      const p = postings.get(id)!;
      if (p.length > options.maxPostings) continue;
      for (const x of p) {
        if (seen.has(x)) continue;
        seen.add(x);
        const z = zPair(x, y);
        if (z < bestZ) {
          secondZ = bestZ;
          bestZ = z;
          bestX = x;
        } else if (z < secondZ) secondZ = z;
      }
    }
    if (bestX < 0 || confidenceOf(bestZ) < options.clearConfidence) continue;
    // A move must stand out: far better than the pair's typical link (in an independent translation every
    // link is a loose paraphrase, so a loose match elsewhere is no evidence), and than the runner-up (a
    // formula like "Jesus replied." matches many sentences equally).
    if (bestZ > options.standOut * ctx.typicalZ + 0.1 || secondZ - bestZ < options.margin) continue;
    if (C.ptr[y + 1]! - C.ptr[y]! < options.minStems) continue;
    // The counterpart must be free where it stands (else this is a repeat, not a move).
    if (confidenceOf(inPlaceRef(bestX)) >= options.clearConfidence && links[linkOfRef[bestX]!]!.b > 0) continue;
    target[y] = bestX;
  }

  // 2. Blocks: consecutive displaced sentences with nearby counterparts.
  interface Block {
    c0: number;
    c1: number;
    r0: number;
    r1: number;
  }
  const blocks: Block[] = [];
  for (let y = 0; y < nC; y++) {
    if (target[y]! < 0) continue;
    let end = y + 1;
    let lo = target[y]!;
    let hi = target[y]!;
    // Allow one undisplaced sentence inside a block (a split half, a sentence reworded beyond recognition).
    while (end < nC) {
      const next = target[end]! >= 0 ? end : end + 1 < nC && target[end + 1]! >= 0 ? end + 1 : -1;
      if (next < 0) break;
      const t = target[next]!;
      if (t < lo - 4 || t > hi + 4) break;
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
      end = next + 1;
    }
    blocks.push({ c0: y, c1: end, r0: lo, r1: hi + 1 });
    y = end - 1;
  }
  if (blocks.length === 0) return null;

  // Two blocks cannot come from overlapping sources: keep the larger block (more evidence) of a conflict.
  const kept: Block[] = [];
  const takenRef = new Uint8Array(nR);
  for (const b of [...blocks].sort((p, q) => q.c1 - q.c0 - (p.c1 - p.c0) || p.c0 - q.c0)) {
    let free = true;
    for (let x = b.r0; x < b.r1 && free; x++) if (takenRef[x]) free = false;
    if (!free) continue;
    for (let x = b.r0; x < b.r1; x++) takenRef[x] = 1;
    kept.push(b);
  }
  // Extend each source to the reference sentences around it that are unlinked in the monotonic alignment
  // (a moved paragraph moves whole), without overlapping another source.
  const unlinkedRef = (x: number): boolean => links[linkOfRef[x]!]!.b === 0;
  for (const b of kept) {
    const room = b.c1 - b.c0 + 2;
    while (b.r0 > 0 && !takenRef[b.r0 - 1] && unlinkedRef(b.r0 - 1) && b.r1 - b.r0 < room) takenRef[--b.r0] = 1;
    while (b.r1 < nR && !takenRef[b.r1] && unlinkedRef(b.r1) && b.r1 - b.r0 < room) takenRef[b.r1++] = 1;
  }
  blocks.length = 0;
  blocks.push(...kept.sort((p, q) => p.c0 - q.c0));

  // 3. Monotonic DP without the blocks and their sources, then each block against its source.
  const refMask = new Uint8Array(nR);
  const candMask = new Uint8Array(nC);
  for (const b of blocks) {
    for (let x = b.r0; x < b.r1; x++) refMask[x] = 1;
    for (let y = b.c0; y < b.c1; y++) candMask[y] = 1;
  }
  scorer.refMask = refMask;
  scorer.candMask = candMask;
  const main = monotonicDp(ctx.band, scorer, ctx.deadline);
  scorer.refMask = undefined;
  scorer.candMask = undefined;
  if ('aborted' in main) return ABORTED;

  const blockLinks = new Map<number, IndexLink[]>(); // by c0
  for (const b of blocks) {
    if ((b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) > options.maxWindowCells) return null;
    const res = monotonicDp(fullBand(b.r1 - b.r0, b.c1 - b.c0), scorer, ctx.deadline, b.r0, b.c0);
    if ('aborted' in res) return ABORTED;
    blockLinks.set(b.c0, res);
  }

  // Merge: the main links minus the masked skips, with each block's links at the block's candidate place.
  const out: MovedIndexLink[] = [];
  const byStart = [...blockLinks.keys()].sort((a, b) => a - b);
  let q = 0;
  const flushBlocksBefore = (c: number): void => {
    while (q < byStart.length && byStart[q]! < c) {
      for (const l of blockLinks.get(byStart[q]!)!) out.push({ ...l, moved: false });
      q++;
    }
  };
  for (const l of main) {
    const masked = (l.a === 1 && l.b === 0 && refMask[l.r]) || (l.a === 0 && l.b === 1 && candMask[l.c]);
    if (masked) continue;
    if (l.b > 0) flushBlocksBefore(l.c);
    out.push({ ...l, moved: false });
  }
  flushBlocksBefore(Infinity);
  markMoved(out);
  return out;
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
