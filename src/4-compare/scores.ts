import type { Scores } from '../types.js';
import { BLEU, CHRF, TER } from './metrics/index.js';
import { addStats } from './metrics/base.js';
import { round4 } from './drift.js';

// sacreBLEU's defaults: sentence BLEU with effective order (as sacreBLEU recommends for single sentences),
// corpus BLEU without; chrF2 (char order 6, no word n-grams); TER case-insensitive without normalisation.
const chrf = new CHRF();
const sentenceBleu = new BLEU({ effectiveOrder: true });
const corpusBleu = new BLEU();
const ter = new TER();

/**
 * The metric part of the report signature: every number can be reproduced with sacreBLEU using these settings
 * (sentence scores per link, corpus scores in the summary).
 */
export const METRIC_SIGNATURE =
  `link.chrF:${chrf.signature(1)}|link.bleu:${sentenceBleu.signature(1)}|link.ter:${ter.signature(1)}` + `|doc.bleu:${corpusBleu.signature(1)}`;

/** Sufficient statistics of one link for each metric: computed once, scored per link and summed per document. */
export interface LinkStats {
  chrF: number[];
  bleu: number[];
  ter: number[];
}

export function linkStats(candidate: string, reference: string): LinkStats {
  const refs = [reference];
  return { chrF: chrf.stats(candidate, refs), bleu: sentenceBleu.stats(candidate, refs), ter: ter.stats(candidate, refs) };
}

/** Sentence-level chrF, BLEU and TER of one link (candidate = hypothesis), rounded for stable reports. */
export function linkScores(stats: LinkStats): Scores {
  return roundScores({ chrF: chrf.value(stats.chrF), bleu: sentenceBleu.value(stats.bleu), ter: ter.value(stats.ter) });
}

/** Document scores from statistics summed over links, as sacreBLEU's corpus scores (never averaged sentence scores). */
export function corpusScores(all: readonly LinkStats[]): Scores {
  if (all.length === 0) return { chrF: 0, bleu: 0, ter: 0 };
  const sum = { chrF: [...all[0]!.chrF], bleu: [...all[0]!.bleu], ter: [...all[0]!.ter] };
  for (const s of all.slice(1)) {
    addStats(sum.chrF, s.chrF);
    addStats(sum.bleu, s.bleu);
    addStats(sum.ter, s.ter);
  }
  return roundScores({ chrF: chrf.value(sum.chrF), bleu: corpusBleu.value(sum.bleu), ter: ter.value(sum.ter) });
}

function roundScores(s: Scores): Scores {
  return { chrF: round4(s.chrF), bleu: round4(s.bleu), ter: round4(s.ter) };
}
