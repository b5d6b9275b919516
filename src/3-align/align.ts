/**
 * The align stage: sentence links between a reference and a candidate, and the document verdict.
 *
 *   features (features.ts) → search space (band.ts, anchors) → DP (dp.ts) → links + confidence → verdict
 *
 * Boilerplate sentences (either side) never enter the search: they get their own 0-1 / 1-0 links, put back
 * in text order afterwards. Budgets (`budgetMs`, `maxCells`) never make the call hang: past them a cheap
 * fallback alignment is returned with `gaveUp.reason` (feature extraction itself is linear and not
 * interruptible).
 */
import type { Alignment, AlignmentLink, SegmentedDoc, Sentence } from '../types.js';
import { extractFeatures } from './features.js';
import { DEFAULT_FEATURE_OPTIONS } from './features.js';
import type { FeatureOptions, PairFeatures } from './features.js';
import { PairScorer, DEFAULT_COST_PARAMS } from './cost.js';
import type { CostParams } from './cost.js';
import { fullBand, anchoredBand, bandCells } from './band.js';
import type { Band } from './band.js';
import { monotonicDp } from './dp.js';
import { findAnchors } from './anchors.js';
import { alignWithMoves } from './moves.js';
import { bestCounterparts } from './retrieve.js';
import type { IndexLink } from './dp.js';
import { decideVerdict } from './verdict.js';
import type { VerdictFigures } from './verdict.js';

/** Options of `align`. */
export interface AlignOptions {
  /** Force a mode; by default it is chosen from the data. */
  mode?: 'monotonic' | 'non-monotonic';
  /** Wall-clock budget in milliseconds; past it, a fallback alignment is returned with `gaveUp`. */
  budgetMs?: number;
  /** Largest number of DP cells to search; past it, a fallback alignment is returned with `gaveUp`. */
  maxCells?: number;
  /**
   * Largest number of sentences on one side of a link, 1…4 (default 3, what the report schema allows).
   * 4 is for texts whose sentence boundaries differ a lot: on bible-nt, 2.6% of the dev verse groups have
   * 4 sentences on a side, and allowing them raises F1 from 0.945 to 0.953 (dev).
   */
  maxGroup?: number;
  /** Overrides of the cost parameters (for tuning and experiments). */
  cost?: Partial<CostParams>;
  /** Overrides of the feature options (for tuning and experiments). */
  features?: Partial<FeatureOptions>;
}

/** Below this many cells the whole table is searched (a 2,000×2,000-sentence pair). */
const FULL_TABLE_CELLS = 4_000_000;
/**
 * Band around anchors: gaps up to 2,500 cells (50×50 sentences) are searched whole, larger ones along a
 * ±15-sentence strip joining the anchors; 3 columns of margin let links straddle an anchor. An inserted
 * or dropped block makes a gap long and thin (few cells), so it is searched whole.
 */
const BAND_OPTIONS = { maxGapCells: 2_500, halfWidth: 15, margin: 3 };

/** Anchor sentence pairs → DP guide points from (0,0) to (nR,nC): each anchor spans (i,j)→(i+1,j+1). */
function guidePoints(anchors: ReadonlyArray<readonly [number, number]>, nR: number, nC: number): Array<[number, number]> {
  const pts: Array<[number, number]> = [[0, 0]];
  const push = (i: number, j: number): void => {
    const last = pts[pts.length - 1]!;
    if (i > last[0] || j > last[1]) pts.push([Math.max(i, last[0]), Math.max(j, last[1])]);
  };
  for (const [i, j] of anchors) {
    push(i, j);
    push(i + 1, j + 1);
  }
  push(nR, nC);
  return pts;
}

/** Default cell budget: ~50M cells is ~450 MB of DP tables, the most we allow ourselves. */
const DEFAULT_MAX_CELLS = 50_000_000;

/** A link in index space with its similarity, confidence and move flag. */
interface ScoredIndexLink extends IndexLink {
  sim: number;
  z: number;
  confidence: number;
  moved: boolean;
}

/**
 * Confidence of a link: a logistic curve on its normalised dissimilarity z = (1 − sim)/bg (≈ 1 for two
 * unrelated sentences, → 0 for a perfect pair; see cost.ts), fitted on bible-nt dev (test/eval/align.ts
 * prints the fit): right links of same-chapter alignments against the links of alignments of unrelated
 * chapters and the wrong links of same-chapter ones.
 */
export const CONFIDENCE_FIT = { intercept: 10.9, slope: -14.1 };

/** Confidence of a "clear" match: 4 to 1 that it is right. */
const CLEAR_MATCH = 0.8;

function confidenceOf(z: number): number {
  return 1 / (1 + Math.exp(-(CONFIDENCE_FIT.intercept + CONFIDENCE_FIT.slope * z)));
}

/** Per-link figures behind `confidence`, in the order of `Alignment.links` (for evaluation and reports). */
export interface LinkDetail {
  /** Group similarity in [0,1] (0 for 1-0 / 0-1 links). */
  sim: number;
  /** Normalised dissimilarity (1 − sim)/bg: ≈ 1 for unrelated sentences, → 0 for a perfect pair; NaN for 1-0 / 0-1. */
  z: number;
}

export function align(reference: SegmentedDoc, candidate: SegmentedDoc, options: AlignOptions = {}): Alignment {
  return alignWithDetails(reference, candidate, options).alignment;
}

/** `align`, plus the similarity figures of every link. */
export function alignWithDetails(
  reference: SegmentedDoc,
  candidate: SegmentedDoc,
  options: AlignOptions = {},
): { alignment: Alignment; details: LinkDetail[] } {
  const t0 = performance.now();
  const deadline = options.budgetMs === undefined ? Infinity : t0 + options.budgetMs;
  const params: CostParams = { ...DEFAULT_COST_PARAMS, ...options.cost };
  if (options.maxGroup !== undefined) params.maxGroup = options.maxGroup;
  // Boilerplate sentences are set aside on both sides (they get their own 1-0 / 0-1 links):
  // `refIdx` / `candIdx` map a search row / column to a sentence index.
  const refIdx: number[] = [];
  reference.sentences.forEach((s, k) => {
    if (!s.boilerplate) refIdx.push(k);
  });
  const refSents = refIdx.map((k) => reference.sentences[k]!);
  const candIdx: number[] = [];
  candidate.sentences.forEach((s, k) => {
    if (!s.boilerplate) candIdx.push(k);
  });
  const candSents = candIdx.map((k) => candidate.sentences[k]!);

  const features = extractFeatures(
    refSents.map((s) => s.text),
    candSents.map((s) => s.text),
    { ...DEFAULT_FEATURE_OPTIONS, ...options.features },
  );
  // Leaving a sentence unlinked should be cheap where links are near-perfect (an edited copy: a glued-on
  // foreign sentence is then the anomaly) and dear where every link is a loose paraphrase (an independent
  // translation, where nearly every sentence has a counterpart). Scale it by the pair's typical match
  // quality, as Vecalign sets its deletion penalty from the pair's own cost distribution.
  const scorer = new PairScorer(features, params);
  scorer.candBreaks = breaksOf(candIdx, candidate.sentences.length);
  scorer.refBreaks = breaksOf(refIdx, reference.sentences.length);
  const nR = refSents.length;
  const nC = candSents.length;

  let gaveUp: { reason: string } | undefined;
  let band: Band;
  let anchors: Array<[number, number]> = [];
  if ((nR + 1) * (nC + 1) <= FULL_TABLE_CELLS) band = fullBand(nR, nC);
  else {
    anchors = findAnchors(features, scorer);
    band = anchoredBand(nR, nC, guidePoints(anchors, nR, nC), BAND_OPTIONS);
  }
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  const cells = bandCells(band);
  if (cells > maxCells) gaveUp = { reason: `search space of ${cells} cells exceeds the budget of ${maxCells} cells` };
  else if (performance.now() > deadline) gaveUp = { reason: `budget of ${options.budgetMs} ms exceeded before the search (feature extraction)` };
  // The band's cross dots first: typicalZ and the verdict look most of their pairs up there.
  else scorer.prepare(band);

  // Leaving a sentence unlinked should be cheap where links are near-perfect (an edited copy: a glued-on
  // foreign sentence is then the anomaly) and dear where every link is a loose paraphrase (an independent
  // translation, where nearly every sentence has a counterpart). Scale it by the pair's typical match
  // quality, as Vecalign sets its deletion penalty from the pair's own cost distribution.
  const typicalZ = scorer.typicalZ();
  if (params.skipSlope > 0) scorer.skipCost = Math.min(params.skipCost, params.skipBase + params.skipSlope * typicalZ);

  let links: IndexLink[];
  if (gaveUp) links = fallbackLinks(nR, nC, anchors);
  else {
    const res = monotonicDp(band, scorer, deadline);
    if ('aborted' in res) {
      gaveUp = { reason: `budget of ${options.budgetMs} ms exceeded (${res.reason})` };
      links = fallbackLinks(nR, nC, anchors);
    } else {
      links = res;
    }
  }

  const score = (l: IndexLink, moved: boolean): ScoredIndexLink => {
    if (l.a === 0 || l.b === 0) return { ...l, sim: 0, z: NaN, confidence: 0, moved };
    const sim = scorer.sim(l.r, l.a, l.c, l.b);
    const bg = (scorer.background('ref', l.r, l.a) + scorer.background('cand', l.c, l.b)) / 2;
    const z = (1 - sim) / bg;
    return { ...l, sim, z, confidence: confidenceOf(z), moved };
  };
  let mode: Alignment['mode'] = 'monotonic';
  let scored = links.map((l) => score(l, false));
  if (options.mode !== 'monotonic' && !gaveUp) {
    // Moved blocks: the non-monotonic mode is chosen when at least one block is found and confidently
    // linked out of order (or when the caller asks for it).
    const moved = alignWithMoves(links, { f: features, scorer, band, confidenceOf, deadline, typicalZ });
    if (moved !== null && !Array.isArray(moved)) {
      gaveUp = { reason: `budget of ${options.budgetMs} ms exceeded during the search for moved blocks; the monotonic alignment is returned` };
    } else if (moved) {
      const rescored = moved.map((l) => score(l, l.moved));
      if (options.mode === 'non-monotonic' || rescored.some((l) => l.moved && l.confidence >= 0.5)) {
        mode = 'non-monotonic';
        scored = rescored;
      }
    } else if (options.mode === 'non-monotonic') mode = 'non-monotonic';
  }

  const { links: outLinks, details } = toAlignmentLinks(scored, reference.sentences, refIdx, candidate.sentences, candIdx);
  const figures = verdictFigures(scored, features, refSents, candSents, scorer);
  const alignment: Alignment = {
    links: outLinks,
    verdict: decideVerdict(figures, refSents.length > 0, candSents.length > 0),
    verdictEvidence: { ...figures },
    mode,
  };
  if (gaveUp) alignment.gaveUp = gaveUp;
  return { alignment, details };
}

/**
 * Fallback when a budget is hit: anchors are kept as 1-1 links and the sentences between two anchors are
 * paired 1-1 in order, the longer side's rest left unlinked. Cheap, monotonic, complete — and flagged.
 */
function fallbackLinks(nR: number, nC: number, anchors: ReadonlyArray<readonly [number, number]>): IndexLink[] {
  const links: IndexLink[] = [];
  let i = 0;
  let j = 0;
  const fill = (i1: number, j1: number): void => {
    const m = Math.min(i1 - i, j1 - j);
    for (let k = 0; k < m; k++) links.push({ r: i + k, a: 1, c: j + k, b: 1 });
    for (let k = i + m; k < i1; k++) links.push({ r: k, a: 1, c: j1, b: 0 });
    for (let k = j + m; k < j1; k++) links.push({ r: i1, a: 0, c: k, b: 1 });
    i = i1;
    j = j1;
  };
  for (const [ai, aj] of anchors) {
    fill(ai, aj);
    links.push({ r: ai, a: 1, c: aj, b: 1 });
    i = ai + 1;
    j = aj + 1;
  }
  fill(nR, nC);
  return links;
}

/** breaks[y] = 1 when a set-aside sentence sat between search positions y and y+1 (undefined if none). */
function breaksOf(idx: readonly number[], total: number): Uint8Array | undefined {
  if (idx.length === total) return undefined;
  const breaks = new Uint8Array(idx.length);
  for (let y = 0; y + 1 < idx.length; y++) if (idx[y + 1]! > idx[y]! + 1) breaks[y] = 1;
  return breaks;
}

/**
 * Index links → output links with ids; boilerplate links put back in text order: candidate boilerplate
 * before the first link holding a later candidate sentence, reference boilerplate before the first in-order
 * link holding a later reference sentence.
 */
function toAlignmentLinks(
  links: readonly ScoredIndexLink[],
  allRef: readonly Sentence[],
  refIdx: readonly number[],
  allCand: readonly Sentence[],
  candIdx: readonly number[],
): { links: AlignmentLink[]; details: LinkDetail[] } {
  const out: AlignmentLink[] = [];
  const details: LinkDetail[] = [];
  let nextCand = 0; // next candidate sentence index (in allCand) not yet emitted
  let nextRef = 0;
  const flushCand = (limit: number): void => {
    while (nextCand < limit) {
      const s = allCand[nextCand]!;
      if (s.boilerplate) {
        out.push({ ref: [], cand: [s.id], type: '0-1', confidence: 0, moved: false });
        details.push({ sim: 0, z: NaN });
      }
      nextCand++;
    }
  };
  const flushRef = (limit: number): void => {
    while (nextRef < limit) {
      const s = allRef[nextRef]!;
      if (s.boilerplate) {
        out.push({ ref: [s.id], cand: [], type: '1-0', confidence: 0, moved: false });
        details.push({ sim: 0, z: NaN });
      }
      nextRef++;
    }
  };
  for (const l of links) {
    if (l.a > 0 && !l.moved) flushRef(refIdx[l.r]!);
    if (l.b > 0) flushCand(candIdx[l.c]!);
    const refs: string[] = [];
    for (let x = l.r; x < l.r + l.a; x++) refs.push(allRef[refIdx[x]!]!.id);
    const cands: string[] = [];
    for (let y = l.c; y < l.c + l.b; y++) cands.push(allCand[candIdx[y]!]!.id);
    if (l.a > 0 && !l.moved) nextRef = Math.max(nextRef, refIdx[l.r + l.a - 1]! + 1);
    if (l.b > 0) nextCand = candIdx[l.c + l.b - 1]! + 1;
    out.push({
      ref: refs,
      cand: cands,
      type: `${l.a}-${l.b}`,
      confidence: round(l.confidence),
      moved: l.moved,
    });
    details.push({ sim: l.sim, z: l.z });
  }
  flushRef(allRef.length);
  flushCand(allCand.length);
  return { links: out, details };
}

/** Up to k evenly spaced indices of 0…n−1. */
function sampleIndices(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * n) / k));
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Computes the figures of verdict.ts from the links and features. */
function verdictFigures(
  links: readonly ScoredIndexLink[],
  f: PairFeatures,
  refSents: readonly Sentence[],
  candSents: readonly Sentence[],
  scorer: PairScorer,
): VerdictFigures {
  // Reference boilerplate (scraper lines in the original) is not content the candidate must render.
  const content = (x: Sentence): number => (x.boilerplate ? 0 : x.text.length);
  const refLen = refSents.reduce((s, x) => s + content(x), 0);
  const candLen = candSents.reduce((s, x) => s + x.text.length, 0);
  let covered = 0;
  let candCovered = 0;
  let simSum = 0;
  let simW = 0;
  const confident: ScoredIndexLink[] = [];
  for (const l of links) {
    if (l.a === 0 || l.b === 0) continue;
    let lr = 0;
    for (let x = l.r; x < l.r + l.a; x++) lr += content(refSents[x]!);
    let lc = 0;
    for (let y = l.c; y < l.c + l.b; y++) lc += candSents[y]!.text.length;
    simSum += l.sim * lr;
    simW += lr;
    if (l.confidence >= 0.5) {
      covered += lr;
      candCovered += lc;
      confident.push(l);
    }
  }
  // Document-level vocabulary overlap.
  const inCand = (id: number): boolean => f.stemDfCand[id]! > 0;
  let ent = 0;
  let entShared = 0;
  const seenEnt = new Set<number>();
  const E = f.ref.entities;
  for (let k = 0; k < E.ids.length; k++) {
    const id = E.ids[k]!;
    if (seenEnt.has(id)) continue;
    seenEnt.add(id);
    ent++;
    if (inCand(id)) entShared++;
  }
  let rare = 0;
  let rareShared = 0;
  let refStems = 0;
  let candStems = 0;
  let bothStems = 0;
  for (let id = 0; id < f.stemCount; id++) {
    const df = f.stemDfRef[id]!;
    if (df > 0 && df <= 2) {
      rare++;
      if (inCand(id)) rareShared++;
    }
    if (df > 0) refStems++;
    if (f.stemDfCand[id]! > 0) {
      candStems++;
      if (df > 0) bothStems++;
    }
  }
  // Reference sentences with a clear counterpart anywhere in the candidate (order ignored). A sentence
  // clearly linked by the alignment has one; the others are looked up (on a sample of at most 2,000:
  // a share, ±1%, is all the verdict needs).
  const clearlyLinked = new Uint8Array(f.ref.n);
  for (const l of links) if (l.b > 0 && l.confidence >= CLEAR_MATCH) for (let x = l.r; x < l.r + l.a; x++) clearlyLinked[x] = 1;
  const contentRows = refSents.flatMap((x, i) => (x.boilerplate ? [] : [i]));
  const sample = sampleIndices(contentRows.length, 2000).map((k) => contentRows[k]!);
  const best = bestCounterparts(f, scorer, sample.filter((i) => !clearlyLinked[i]));
  let matched = 0;
  for (const i of sample) if (clearlyLinked[i] || confidenceOf(best.get(i) ?? Infinity) >= CLEAR_MATCH) matched++;
  return {
    coverage: round(refLen > 0 ? covered / refLen : 0),
    matchedAnywhere: round(sample.length > 0 ? matched / sample.length : 0),
    candidateCoverage: round(candLen > 0 ? candCovered / candLen : 0),
    meanSimilarity: round(simW > 0 ? simSum / simW : 0),
    sharedEntities: round(ent > 0 ? entShared / ent : 0),
    sharedRareWords: round(rare > 0 ? rareShared / rare : 0),
    orderAgreement: round(confident.length > 0 ? confident.filter((l) => !l.moved).length / confident.length : 1),
    lengthRatio: round(refLen > 0 ? candLen / refLen : 0),
    confidentLinks: confident.length,
    stemOverlap: round(refStems + candStems > 0 ? (2 * bothStems) / (refStems + candStems) : 0),
    referenceSentences: contentRows.length,
  };
}
