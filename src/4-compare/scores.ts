import type { ScoredLink, Scores, SegmentedDoc } from '../types.js';
import { normalizeForCompare } from '../1-ingest/normalize.js';
import { corpusScores as corpusFromPairs, SCORE_SIGNATURES, sentenceScores } from './metrics/index.js';
import { indexSentences, joinText } from './compare.js';
import { round4 } from './drift.js';

/**
 * The metric part of the report signature: every number can be reproduced with sacreBLEU using these settings
 * (sentence scores per link, corpus scores in the summary).
 */
export const METRIC_SIGNATURE =
  `link.chrF:${SCORE_SIGNATURES.sentence.chrF}|link.bleu:${SCORE_SIGNATURES.sentence.bleu}|link.ter:${SCORE_SIGNATURES.sentence.ter}` +
  `|doc.bleu:${SCORE_SIGNATURES.corpus.bleu}`;

/** Sentence-level chrF, BLEU and TER of one link (candidate = hypothesis), rounded for stable reports. */
export function linkScores(candidate: string, reference: string): Scores {
  return roundScores(sentenceScores(candidate, reference));
}

/**
 * Document scores from statistics summed over the links, as sacreBLEU's corpus scores: omitted reference text
 * counts against the candidate (an empty hypothesis), added text and boilerplate do not enter (they have no
 * reference to be scored against; drift and findings account for them).
 */
export function corpusScores(links: readonly ScoredLink[], reference: SegmentedDoc, candidate: SegmentedDoc): Scores {
  const refById = indexSentences(reference.sentences);
  const candById = indexSentences(candidate.sentences);
  function* pairs() {
    for (const link of links) {
      if (link.ref.length === 0) continue;
      yield { hyp: normalizeForCompare(joinText(link.cand, candById)), ref: normalizeForCompare(joinText(link.ref, refById)) };
    }
  }
  return roundScores(corpusFromPairs(pairs()));
}

function roundScores(s: Scores): Scores {
  return { chrF: round4(s.chrF), bleu: round4(s.bleu), ter: round4(s.ter) };
}
