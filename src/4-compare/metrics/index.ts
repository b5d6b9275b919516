/**
 * String metrics that reproduce sacreBLEU 2.6.0 (BLEU, chrF/chrF++, TER): per-segment sufficient statistics,
 * scores from statistics, corpus scores from summed statistics, sacreBLEU-style signatures.
 */
export {
  SACREBLEU_VERSION,
  StringMetric,
  CorpusAccumulator,
  formatSignature,
  type MetricScore,
  type NRefs,
  type SegmentRefs,
} from './base.js';
export {
  BLEU,
  computeBleu,
  closestRefLen,
  SMOOTH_DEFAULTS,
  SMOOTH_METHODS,
  type BleuOptions,
  type BleuResult,
  type SmoothMethod,
} from './bleu.js';
export { CHRF, type ChrfOptions } from './chrf.js';
export { TER, translationEditRate, type TerOptions } from './ter.js';
export {
  BLEU_TOKENIZERS,
  tokenize13a,
  tokenizeIntl,
  tokenizeChar,
  tokenizeNone,
  tokenizeBleu,
  tercomTokenize,
  type BleuTokenizerName,
  type TercomOptions,
} from './tokenizers.js';
export {
  sentenceScores,
  corpusScores,
  scoreLines,
  formatScoreResult,
  formatScoreLine,
  scoreOptionsFromFlags,
  splitLines,
  SCORE_SIGNATURES,
  SCORE_FLAGS,
  METRIC_NAMES,
  type TextPair,
  type MetricName,
  type ScoreOptions,
  type ScoreResult,
  type SegmentScores,
  type FormatOptions,
  type ScoreFlags,
} from './api.js';
