/**
 * The document verdict: is the candidate a rendering of the reference (`translation`), another text about
 * the same thing (`related`), or neither (`unrelated`)?
 */
import type { Verdict } from '../types.js';

/** The figures the verdict rests on (all in [0,1] except counts and the length ratio). */
export interface VerdictFigures {
  /** Share of the reference's characters inside links with confidence ≥ 0.5. */
  coverage: number;
  /** Share of the candidate's (non-boilerplate) characters inside links with confidence ≥ 0.5. */
  candidateCoverage: number;
  /** Mean similarity of the links that have both sides, weighted by reference length. */
  meanSimilarity: number;
  /** Share of the reference's entity-like stems (names, acronyms, numbers) that occur in the candidate. */
  sharedEntities: number;
  /** Share of the reference's rare content stems (in ≤ 2 reference sentences) found in the candidate. */
  sharedRareWords: number;
  /** Share of confident links in order (not `moved`): 1 for a monotonic alignment. */
  orderAgreement: number;
  /** Candidate length / reference length, in characters. */
  lengthRatio: number;
  /** Number of confident links. */
  confidentLinks: number;
}

/**
 * Thresholds, from the data (see test/eval/align.ts, which prints these figures for every pair):
 * - A rendering covers most of its reference with confident links, even a badly garbled one (corpus
 *   000→001; bible-nt translation pairs cover > 0.9), while independent texts about the same event share
 *   a few sentences at most (000→002).
 * - An independent text about the same event shares its rare words and names; a text about another event
 *   of the same kind shares only topic words (000→003/004), and a text on another subject shares nothing.
 */
export const VERDICT_THRESHOLDS = {
  translationCoverage: 0.5,
  relatedRareWords: 0.25,
};

export function decideVerdict(f: VerdictFigures): Verdict {
  if (f.coverage >= VERDICT_THRESHOLDS.translationCoverage) return 'translation';
  if (f.sharedRareWords >= VERDICT_THRESHOLDS.relatedRareWords) return 'related';
  return 'unrelated';
}
