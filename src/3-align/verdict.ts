/**
 * The document verdict: is the candidate a rendering of the reference (`translation`), another text about
 * the same thing (`related`), or neither (`unrelated`)?
 */
import type { Verdict } from '../types.js';

/** The figures the verdict rests on (all in [0,1] except counts and the length ratio). */
export interface VerdictFigures {
  /** Share of the reference's characters inside links with confidence ≥ 0.5. */
  coverage: number;
  /**
   * Share of reference sentences whose best counterpart anywhere in the candidate (order ignored) is a
   * clear match (confidence ≥ 0.8): independent reports of one event share a few such sentences.
   */
  matchedAnywhere: number;
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
  /**
   * Dice coefficient of the two texts' sets of content-word stems, unweighted: 2·|R ∩ C| / (|R| + |C|).
   * Unlike the links' similarity it needs no IDF, so it means the same in a one-sentence text.
   */
  stemOverlap: number;
  /** Number of reference content (non-boilerplate) sentences. */
  referenceSentences: number;
}

/**
 * Thresholds, from the figures test/eval/align.ts prints (bible-nt dev; corpus):
 * - `translation` when confident links cover at least half of the reference. A rendering covers most of it
 *   even badly garbled (corpus 000→001: 1.00; bible-nt same-chapter pairs: dev min 0.81, test min 0.68),
 *   texts on other subjects almost nothing (bible-nt different chapters: dev max 0.02, test max 0.07), and
 *   an independent report of the same meeting little (000→002: 0.15; another meeting, 000→003: 0.12).
 * - `related` when at least one reference sentence in eight has a clear counterpart (confidence ≥ 0.8)
 *   somewhere in the candidate, in any order: 000→002 0.17 (6 of 35 sentences); other meetings 000→003
 *   and 000→004 0.00; corpus documents against bible chapters 0.00; bible-nt different chapters dev q90
 *   0.04 (max 0.15: Matthew 11 / John 1, both about John the Baptist), test max 0.10.
 * Shared rare words and entities are reported but not used: same-book chapters share names as much as
 * 000 and 002 do (bible-nt different chapters: shared rare words up to 0.33, 000→002 0.28).
 *
 * Short documents (at most 3 reference content sentences) are also a `translation` when the two texts'
 * content-stem sets overlap (Dice) by at least 0.25. Link confidence cannot carry a one-sentence text: IDF is
 * computed over the pair's own sentences, so a word shared by a one-sentence reference and candidate is in
 * every "document" and weighs a quarter of an unshared one; a rendering then looks like chance (DEMETR dev,
 * reference vs clean MT of the same FLORES sentence: 487 of 800 had no confident link). The unweighted
 * overlap needs no IDF. Measured by the short-document verdict sets of test/align/verdict.test.ts (dev only;
 * negatives = the reference against the MT of another item ≥ 10 items away, seeded):
 * - DEMETR dev, one sentence: translations min 0.21, 1st percentile 0.35; other items' MTs max 0.235,
 *   99th percentile 0.11. 0.25 is the lowest value above every dev negative. Adjacent sentences of one
 *   FLORES article (same subject, different content) reach it in 0.9 % of dev pairs.
 * - MQM TED (dev): reference vs MT 2nd percentile 0.0 (paraphrases with no shared content stem: "I was
 *   awestruck." / "I was in awe."), 5th 0.33; reference vs another segment's MT 99th percentile 0.22.
 * - 2 and 3 sentences (consecutive DEMETR items joined): coverage alone already judges 95.5 % (2) and
 *   100 % (3) of dev translations right (the IDF has 4+ rows); the overlap adds the rest (translations min
 *   0.33, negatives max 0.22). From 4 sentences on the overlap is not used: the vocabularies of two long texts on one
 *   subject overlap by chance (Heaps' law), where coverage by confident links does not.
 */
export const VERDICT_THRESHOLDS = {
  translationCoverage: 0.5,
  relatedMatched: 0.12,
  shortDocumentSentences: 3,
  shortTranslationOverlap: 0.25,
};

/**
 * The verdict. A reference without content sentences (all boilerplate, or empty) gives no evidence either
 * way: the candidate is then a `translation` when it has no content either, else `unrelated`.
 */
export function decideVerdict(f: VerdictFigures, refHasContent = true, candHasContent = true): Verdict {
  if (!refHasContent) return candHasContent ? 'unrelated' : 'translation';
  if (f.coverage >= VERDICT_THRESHOLDS.translationCoverage) return 'translation';
  if (
    f.referenceSentences <= VERDICT_THRESHOLDS.shortDocumentSentences &&
    f.stemOverlap >= VERDICT_THRESHOLDS.shortTranslationOverlap
  ) {
    return 'translation';
  }
  if (f.matchedAnywhere >= VERDICT_THRESHOLDS.relatedMatched) return 'related';
  return 'unrelated';
}
