/**
 * What the rest of fidelity calls: per-link scores with sacreBLEU's sentence defaults, corpus scores from
 * summed statistics, and the pure core of `fidelity score <reference> <hypothesis>` (scoring line-aligned
 * streams and formatting the result like sacreBLEU's output).
 */
import type { Scores } from '../../types.js';
import { CorpusAccumulator, type MetricScore, type StringMetric } from './base.js';
import { BLEU, SMOOTH_METHODS, type BleuOptions, type SmoothMethod } from './bleu.js';
import { CHRF, type ChrfOptions } from './chrf.js';
import { pyFixed } from './pytext.js';
import { TER, type TerOptions } from './ter.js';
import { BLEU_TOKENIZERS, type BleuTokenizerName } from './tokenizers.js';

// sacreBLEU's defaults: sentence BLEU uses the effective order (its documented recommendation); chrF with
// char order 6, word order 0, beta 2; TER case-insensitive without normalisation.
const sentenceBleu = new BLEU({ effectiveOrder: true });
const corpusBleu = new BLEU();
const defaultChrf = new CHRF();
const defaultTer = new TER();

/** Signatures of the numbers `sentenceScores` and `corpusScores` return (one reference). */
export const SCORE_SIGNATURES = {
  sentence: {
    chrF: defaultChrf.signature(1),
    bleu: sentenceBleu.signature(1),
    ter: defaultTer.signature(1),
  },
  corpus: {
    chrF: defaultChrf.signature(1),
    bleu: corpusBleu.signature(1),
    ter: defaultTer.signature(1),
  },
} as const;

/**
 * chrF, BLEU and TER of one aligned sentence pair with sacreBLEU's sentence-level defaults (BLEU with
 * effective order, exp smoothing, 13a; chrF2; TER), signatures in `SCORE_SIGNATURES.sentence`.
 */
export function sentenceScores(hyp: string, ref: string): Scores {
  const refs = [ref];
  return {
    chrF: defaultChrf.value(defaultChrf.stats(hyp, refs)),
    bleu: sentenceBleu.value(sentenceBleu.stats(hyp, refs)),
    ter: defaultTer.value(defaultTer.stats(hyp, refs)),
  };
}

/** One aligned pair: candidate (hypothesis) text and reference text. */
export interface TextPair {
  hyp: string;
  ref: string;
}

/**
 * Corpus chrF, BLEU and TER over aligned pairs, from statistics summed over the pairs (never averaged
 * sentence scores), with sacreBLEU's corpus defaults (`SCORE_SIGNATURES.corpus`). Accepts any iterable, so
 * pairs can be streamed. With no pair at all the scores are those of an empty corpus: 0, 0, 0.
 */
export function corpusScores(pairs: Iterable<TextPair>): Scores {
  const chrf = new CorpusAccumulator(defaultChrf);
  const bleu = new CorpusAccumulator(corpusBleu);
  const ter = new CorpusAccumulator(defaultTer);
  for (const { hyp, ref } of pairs) {
    chrf.add(hyp, [ref]);
    bleu.add(hyp, [ref]);
    ter.add(hyp, [ref]);
  }
  if (chrf.segments === 0) return { chrF: 0, bleu: 0, ter: 0 };
  return { chrF: chrf.score().score, bleu: bleu.score().score, ter: ter.score().score };
}

// --- `fidelity score` ----------------------------------------------------------------------------------------

export type MetricName = 'bleu' | 'chrf' | 'ter';
export const METRIC_NAMES: readonly MetricName[] = ['bleu', 'chrf', 'ter'];

/** Options of `fidelity score`, one field per sacreBLEU flag. */
export interface ScoreOptions {
  /** Metrics to compute, in output order; default bleu, chrf, ter. */
  metrics?: MetricName[];
  bleu?: BleuOptions;
  chrf?: ChrfOptions;
  ter?: TerOptions;
  /** Also score every segment (sentence BLEU then uses the effective order, as sacreBLEU recommends). */
  sentenceLevel?: boolean;
}

/** One segment's scores, by sacreBLEU score name (`BLEU`, `chrF2`, `TER`…). */
export interface SegmentScores {
  /** 1-based line number. */
  segment: number;
  scores: Record<string, number>;
}

export interface ScoreResult {
  /** Corpus scores, one per metric, in the requested order. */
  corpus: MetricScore[];
  /** Per-segment scores when `sentenceLevel` was asked. */
  segments: SegmentScores[] | null;
  /** Signatures of the per-segment scores, by score name. */
  segmentSignatures: Record<string, string> | null;
  /** Number of segments scored. */
  segmentCount: number;
}

function buildMetric(name: MetricName, o: ScoreOptions, sentence: boolean): StringMetric {
  switch (name) {
    case 'bleu':
      return new BLEU(sentence ? { ...o.bleu, effectiveOrder: true } : o.bleu);
    case 'chrf':
      return new CHRF(o.chrf);
    case 'ter':
      return new TER(o.ter);
  }
}

/**
 * Scores hypotheses against reference streams (`refStreams[k][i]`: k-th reference of line i; every stream
 * must have as many lines as `hyps`). Throws a TypeError naming the problem when the inputs do not line up.
 */
export function scoreLines(refStreams: readonly (readonly string[])[], hyps: readonly string[], opts: ScoreOptions = {}): ScoreResult {
  const names = opts.metrics && opts.metrics.length > 0 ? opts.metrics : [...METRIC_NAMES];
  for (const n of names) {
    if (!METRIC_NAMES.includes(n)) throw new TypeError(`score: unknown metric '${String(n)}'; use ${METRIC_NAMES.join(', ')}.`);
  }
  if (refStreams.length === 0) throw new TypeError('score: give at least one reference file.');
  refStreams.forEach((s, k) => {
    if (s.length !== hyps.length) {
      throw new TypeError(
        `score: reference ${k + 1} has ${s.length} lines but the hypothesis has ${hyps.length}; the files must be line-aligned.`,
      );
    }
  });
  const corpusMetrics = names.map((n) => buildMetric(n, opts, false));
  const accs = corpusMetrics.map((m) => new CorpusAccumulator(m));
  const sentence = opts.sentenceLevel ? names.map((n) => buildMetric(n, opts, true)) : null;
  const segments: SegmentScores[] | null = sentence ? [] : null;
  for (let i = 0; i < hyps.length; i++) {
    const refs = refStreams.map((s) => s[i]);
    const scores: Record<string, number> = {};
    accs.forEach((acc, k) => {
      const st = acc.add(hyps[i]!, refs);
      if (sentence) {
        const m = sentence[k]!;
        // chrF and TER sentence statistics are the corpus ones; BLEU differs only in the effective order.
        scores[m.scoreName] = m.value(st);
      }
    });
    segments?.push({ segment: i + 1, scores });
  }
  const nrefs = refStreams.length;
  return {
    corpus: accs.map((a) => a.score()),
    segments,
    segmentSignatures: sentence ? Object.fromEntries(sentence.map((m) => [m.scoreName, m.signature(nrefs)])) : null,
    segmentCount: hyps.length,
  };
}

export interface FormatOptions {
  format: 'json' | 'text';
  sentenceLevel?: boolean;
  /** Decimals printed (sacreBLEU `--width`); default 1. */
  width?: number;
}

/** A corpus score as sacreBLEU's JSON output object (score rounded to `width`; signature fields spread). */
function scoreJson(s: MetricScore, width: number): Record<string, unknown> {
  const d: Record<string, unknown> = { name: s.name, score: Number(pyFixed(s.score, width)), signature: s.signature };
  if (s.verbose) d.verbose_score = s.verbose;
  for (const part of s.signature.split('|')) {
    const at = part.indexOf(':');
    d[part.slice(0, at)] = part.slice(at + 1);
  }
  d.stats = s.stats;
  return d;
}

/** sacreBLEU's text line: `BLEU|nrefs:1|…|version:2.6.0 = 48.5 82.4/50.0/45.5/37.5 (BP = …)`. */
export function formatScoreLine(s: MetricScore, width = 1): string {
  const line = `${s.name}|${s.signature} = ${pyFixed(s.score, width)}`;
  return s.verbose ? `${line} ${s.verbose}` : line;
}

/**
 * Renders a `scoreLines` result. Corpus: `text` prints one sacreBLEU line per metric, `json` one line with
 * an array of sacreBLEU JSON objects. Sentence level: `json` prints one JSON object per segment
 * (`{"segment":1,"BLEU":…,"chrF2":…,"TER":…}`, full precision); `text` prints the signatures as `#` lines,
 * then one tab-separated line per segment. The string ends with a newline.
 */
export function formatScoreResult(result: ScoreResult, opts: FormatOptions): string {
  const width = opts.width ?? 1;
  const lines: string[] = [];
  if (opts.sentenceLevel && result.segments) {
    if (opts.format === 'json') {
      for (const seg of result.segments) lines.push(JSON.stringify({ segment: seg.segment, ...seg.scores }));
    } else {
      for (const [name, sig] of Object.entries(result.segmentSignatures ?? {})) lines.push(`# ${name}|${sig}`);
      for (const seg of result.segments) {
        const cells = Object.entries(seg.scores).map(([name, v]) => `${name} = ${pyFixed(v, width)}`);
        lines.push([String(seg.segment), ...cells].join('\t'));
      }
    }
    return lines.join('\n') + '\n';
  }
  if (opts.format === 'json') return JSON.stringify(result.corpus.map((s) => scoreJson(s, width))) + '\n';
  return result.corpus.map((s) => formatScoreLine(s, width)).join('\n') + '\n';
}

// --- CLI flags ----------------------------------------------------------------------------------------------

/** Flags of `fidelity score`, named after sacreBLEU's CLI; the CLI registers them with commander as listed. */
export const SCORE_FLAGS: readonly { flags: string; description: string; default?: string }[] = [
  { flags: '-m, --metrics <list>', description: 'comma-separated metrics: bleu, chrf, ter', default: 'bleu,chrf,ter' },
  { flags: '--sentence-level', description: 'also score each line (sentence BLEU uses the effective order)' },
  { flags: '--format <format>', description: 'output format: text or json', default: 'text' },
  { flags: '-w, --width <n>', description: 'decimals printed', default: '1' },
  { flags: '--lowercase', description: 'BLEU and chrF: case-insensitive' },
  { flags: '--tokenize <name>', description: `BLEU tokenizer: ${BLEU_TOKENIZERS.join(', ')}`, default: '13a' },
  { flags: '--smooth-method <name>', description: `BLEU smoothing: ${SMOOTH_METHODS.join(', ')}`, default: 'exp' },
  { flags: '--smooth-value <x>', description: 'BLEU smoothing value for floor (0.1) / add-k (1)' },
  { flags: '--max-ngram-order <n>', description: 'BLEU maximum n-gram order', default: '4' },
  { flags: '--effective-order', description: 'BLEU: stop at the highest order with matches' },
  { flags: '--force', description: 'BLEU: accepted for sacreBLEU compatibility (no effect on scores)' },
  { flags: '--chrf-char-order <n>', description: 'chrF character n-gram order', default: '6' },
  { flags: '--chrf-word-order <n>', description: 'chrF word n-gram order (2 = chrF++)', default: '0' },
  { flags: '--chrf-beta <n>', description: 'chrF recall weight', default: '2' },
  { flags: '--chrf-whitespace', description: 'chrF: keep whitespace in character n-grams' },
  { flags: '--chrf-eps-smoothing', description: 'chrF: chrF++.py epsilon smoothing instead of effective order' },
  { flags: '--ter-case-sensitive', description: 'TER: keep case' },
  { flags: '--ter-normalized', description: 'TER: tercom normalisation (punctuation tokenized)' },
  { flags: '--ter-no-punct', description: 'TER: remove punctuation' },
  { flags: '--ter-asian-support', description: 'TER: CJK character handling' },
];

/** Parsed commander options of `fidelity score` (camel-cased flag names; values as commander gives them). */
export interface ScoreFlags {
  metrics?: string;
  sentenceLevel?: boolean;
  format?: string;
  width?: string | number;
  lowercase?: boolean;
  tokenize?: string;
  smoothMethod?: string;
  smoothValue?: string | number;
  maxNgramOrder?: string | number;
  effectiveOrder?: boolean;
  force?: boolean;
  chrfCharOrder?: string | number;
  chrfWordOrder?: string | number;
  chrfBeta?: string | number;
  chrfWhitespace?: boolean;
  chrfEpsSmoothing?: boolean;
  terCaseSensitive?: boolean;
  terNormalized?: boolean;
  terNoPunct?: boolean;
  terAsianSupport?: boolean;
}

function toInt(v: string | number | undefined, flag: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new TypeError(`score: ${flag} should be an integer ≥ ${min} (got '${v}').`);
  return n;
}

/** Turns command-line flags into `scoreLines` / `formatScoreResult` options; throws a TypeError on bad values. */
export function scoreOptionsFromFlags(f: ScoreFlags): { score: ScoreOptions; format: FormatOptions } {
  const metrics = (f.metrics ?? 'bleu,chrf,ter')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  for (const m of metrics) {
    if (!METRIC_NAMES.includes(m as MetricName)) {
      throw new TypeError(`score: unknown metric '${m}' in --metrics; use ${METRIC_NAMES.join(', ')}.`);
    }
  }
  const format = f.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new TypeError(`score: --format should be text or json (got '${format}').`);
  const tokenize = f.tokenize ?? '13a';
  if (!BLEU_TOKENIZERS.includes(tokenize as BleuTokenizerName)) {
    throw new TypeError(`score: --tokenize should be one of ${BLEU_TOKENIZERS.join(', ')} (got '${tokenize}').`);
  }
  const smooth = f.smoothMethod ?? 'exp';
  if (!SMOOTH_METHODS.includes(smooth as SmoothMethod)) {
    throw new TypeError(`score: --smooth-method should be one of ${SMOOTH_METHODS.join(', ')} (got '${smooth}').`);
  }
  let smoothValue: number | null = null;
  if (f.smoothValue !== undefined) {
    smoothValue = Number(f.smoothValue);
    if (!Number.isFinite(smoothValue) || smoothValue < 0) {
      throw new TypeError(`score: --smooth-value should be a non-negative number (got '${f.smoothValue}').`);
    }
  }
  const beta = f.chrfBeta === undefined ? undefined : Number(f.chrfBeta);
  if (beta !== undefined && !(beta > 0)) throw new TypeError(`score: --chrf-beta should be positive (got '${f.chrfBeta}').`);
  return {
    score: {
      metrics: metrics as MetricName[],
      sentenceLevel: Boolean(f.sentenceLevel),
      bleu: {
        lowercase: Boolean(f.lowercase),
        force: Boolean(f.force),
        tokenize: tokenize as BleuTokenizerName,
        smoothMethod: smooth as SmoothMethod,
        smoothValue,
        maxNgramOrder: toInt(f.maxNgramOrder, '--max-ngram-order', 1),
        effectiveOrder: Boolean(f.effectiveOrder),
      },
      chrf: {
        charOrder: toInt(f.chrfCharOrder, '--chrf-char-order', 0),
        wordOrder: toInt(f.chrfWordOrder, '--chrf-word-order', 0),
        beta,
        lowercase: Boolean(f.lowercase),
        whitespace: Boolean(f.chrfWhitespace),
        epsSmoothing: Boolean(f.chrfEpsSmoothing),
      },
      ter: {
        caseSensitive: Boolean(f.terCaseSensitive),
        normalized: Boolean(f.terNormalized),
        noPunct: Boolean(f.terNoPunct),
        asianSupport: Boolean(f.terAsianSupport),
      },
    },
    format: { format, sentenceLevel: Boolean(f.sentenceLevel), width: toInt(f.width, '--width', 0) ?? 1 },
  };
}

/**
 * Splits a file's text into lines the way sacreBLEU reads them (Python text mode: `\n`, `\r\n` and `\r`
 * end a line; a final line end adds no empty line).
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
