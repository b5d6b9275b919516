/**
 * Segment stage: a decoded document → its sentences (titles, headings and list items count as sentences),
 * each with exact offsets, an id and a boilerplate flag, plus a guess of the document's language.
 *
 *   lines (lines.ts)  →  sentences inside each unit (sentences.ts)  →  trim  →  cap over-long  →  boilerplate
 *
 * A rule-based segmenter in the manner of pragmatic_segmenter rather than wink-nlp: on the English Golden
 * Rules it passes 52 of 52 where wink-nlp alone passes 30 (see `test/eval/segment.ts`), it keeps offsets
 * exact by construction, treats line structure (titles, bullets, hard wraps) which wink ignores, and runs
 * several times faster on large inputs (`test/segment/bench.ts`). Pure: no file system, no globals.
 */

import type { SegmentedDoc, Sentence, SourceText } from '../types.js';
import { markBoilerplate } from './boilerplate.js';
import { isWs } from './chars.js';
import { guessLanguage } from './language.js';
import { lineUnits } from './lines.js';
import { SentenceScanner } from './sentences.js';
import { LruCache } from '../lru.js';

export { guessLanguage } from './language.js';
export { markBoilerplate } from './boilerplate.js';

/** A sentence's place in a text: `text.slice(start, end)`, trimmed, end exclusive. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Options of `segmentDocument`. */
export interface SegmentOptions {
  /** Prefix of the sentence ids: `r` for the reference, `c` for the candidate (ids are `r1`, `r2`, …). Default `s`. */
  idPrefix?: string;
  /** Extra boilerplate patterns: a sentence whose text matches any of them is marked boilerplate. */
  boilerplatePatterns?: RegExp[];
  /** Longest sentence kept whole, in UTF-16 code units; longer runs are split at whitespace. Default 2000. */
  maxSentenceLength?: number;
  /**
   * Remember this text's sentences for the next call with the same text (the reference of a batch, audited
   * against many candidates); ignored with boilerplate patterns. The sentence records are then shared.
   */
  remember?: boolean;
}

/** Default cap on a sentence's length: far above real sentences (the corpus' longest is ~500), well below a hang. */
export const MAX_SENTENCE_LENGTH = 2000;

/** Spans plus how many over-long sentences had to be split. */
export interface SegmentResult {
  spans: SentenceSpan[];
  /** Number of sentences longer than the cap that were split at whitespace. */
  splitOverlong: number;
}

function pushTrimmed(s: string, a: number, b: number, out: SentenceSpan[]): void {
  while (a < b && isWs(s.charCodeAt(a))) a++;
  while (b > a && isWs(s.charCodeAt(b - 1))) b--;
  if (a < b) out.push({ start: a, end: b });
}

/**
 * Splits a span longer than `max` into pieces of at most `max` code units, at the last whitespace of each
 * window when there is one in its second half, else at `max` (never inside a surrogate pair).
 */
function splitLong(s: string, span: SentenceSpan, max: number, out: SentenceSpan[]): void {
  let pos = span.start;
  while (span.end - pos > max) {
    const limit = pos + max;
    let q = limit;
    while (q > pos + (max >> 1) && !isWs(s.charCodeAt(q))) q--;
    if (!isWs(s.charCodeAt(q))) {
      q = limit;
      const c = s.charCodeAt(q);
      if (c >= 0xdc00 && c <= 0xdfff) q--;
    }
    pushTrimmed(s, pos, q, out);
    pos = q;
    while (pos < span.end && isWs(s.charCodeAt(pos))) pos++;
  }
  pushTrimmed(s, pos, span.end, out);
}

/** Sentence spans of `text` with the count of over-long splits (see `segmentSentences`). */
export function segmentWithStats(text: string, maxSentenceLength: number = MAX_SENTENCE_LENGTH): SegmentResult {
  const max = Math.max(16, Math.floor(maxSentenceLength));
  const spans: SentenceSpan[] = [];
  let splitOverlong = 0;
  const cuts: number[] = [];
  const scanner = new SentenceScanner(text);
  for (const unit of lineUnits(text)) {
    cuts.length = 0;
    scanner.scan(unit.start, unit.end, cuts);
    let a = unit.start;
    const pieces: SentenceSpan[] = [];
    for (const c of cuts) {
      pushTrimmed(text, a, c, pieces);
      a = c;
    }
    pushTrimmed(text, a, unit.end, pieces);
    for (const p of pieces) {
      if (p.end - p.start > max) {
        splitOverlong++;
        splitLong(text, p, max, spans);
      } else {
        spans.push(p);
      }
    }
  }
  return { spans, splitOverlong };
}

/**
 * Sentence spans of `text`: offsets into `text`, end exclusive, trimmed of surrounding whitespace, in order,
 * never overlapping, together covering every non-whitespace character exactly once. Title lines, headings
 * and list items are sentences of their own. Linear time; sentences longer than 2,000 code units are split
 * at whitespace (use `segmentDocument` to be told).
 */
export function segmentSentences(text: string): SentenceSpan[] {
  return segmentWithStats(text).spans;
}

/** Segments an ingested document into identified sentences, flags boilerplate and guesses the language. */
export function segmentDocument(source: SourceText, options: SegmentOptions = {}): SegmentedDoc {
  const prefix = options.idPrefix ?? 's';
  const max = options.maxSentenceLength ?? MAX_SENTENCE_LENGTH;
  const patterns = options.boilerplatePatterns ?? [];
  const { text } = source;
  const { sentences, splitOverlong, language } =
    options.remember && patterns.length === 0 ? remembered(text, prefix, max) : segmentText(text, prefix, max, patterns);
  const warnings = [...source.warnings];
  if (splitOverlong > 0) {
    warnings.push(
      `segment: ${splitOverlong} run(s) of text longer than ${max} characters without a sentence end were split at whitespace every ~${max} characters`,
    );
  }
  if (language !== 'en' && sentences.length > 0) {
    warnings.push(`segment: the text looks like ${language}, not English; English-only checks (entities, numbers) are unreliable on it`);
  }
  return { path: source.path, sha256: source.sha256, text, sentences, warnings, language };
}

/** What `segmentDocument` derives from the text alone. */
interface Segmented {
  sentences: Sentence[];
  splitOverlong: number;
  language: string;
}

function segmentText(text: string, prefix: string, max: number, patterns: RegExp[]): Segmented {
  const { spans, splitOverlong } = segmentWithStats(text, max);
  const boilerplate = markBoilerplate(text, spans, patterns);
  const sentences: Sentence[] = spans.map((span, k) => ({
    id: `${prefix}${k + 1}`,
    text: text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    boilerplate: boilerplate[k] === true,
  }));
  return { sentences, splitOverlong, language: guessLanguage(text) };
}

/**
 * The last few remembered texts' sentences and language (`SegmentOptions.remember`): a batch audits many
 * candidates against one original, whose segmentation is then done once. Bounded in entries and characters;
 * the sentence records are shared and only read downstream (the test suite passes with them frozen).
 */
const segmentCache = new LruCache<Segmented>(8, 2_000_000);

function remembered(text: string, prefix: string, max: number): Segmented {
  return segmentCache.getOrMake(`${prefix}\u0000${max}\u0000${text}`, () => segmentText(text, prefix, max, []));
}
