/**
 * Sentence boundaries inside one paragraph-like unit (the line pass in `lines.ts` decides which line breaks
 * are boundaries and hands over runs of text joined by "soft" breaks).
 *
 * One left-to-right pass over the unit, in the manner of pragmatic_segmenter (Kevin Dias, "Golden Rules"):
 * every run of sentence-final punctuation is a candidate, and the words on both sides decide — an
 * abbreviation before it ("Mr.", "U.S.", "p."), the case and kind of the next word, quotation and bracket
 * spans around it, list markers and bullets. Lookups are bounded (64 characters back, a word ahead), so the
 * pass is linear in the text length, and no regular expression runs over unbounded input.
 *
 * Cuts are recorded as offsets where a new sentence starts; `index.ts` turns them into trimmed spans.
 */

import {
  isBullet,
  isCjkTerminal,
  isCloser,
  isDash,
  isDigit,
  isLetterAt,
  isLowerAt,
  isOpener,
  isTerminal,
  isUpperAt,
  isWs,
} from './chars.js';
import {
  CALENDAR,
  CALENDAR_WORDS,
  FRAGMENT_PREPOSITIONS,
  GENERAL,
  NEVER_FINAL,
  NUMERIC,
  PREPOSITIVE,
  STARTERS,
  TIME,
} from './lexicon.js';
import { isListStart, isSuccessor, markerAt, type ListMarker } from './markers.js';
import { quotedSpans, type Span } from './quotes.js';

/** How far back the word before a period is read; longer tokens (URLs) only need their tail. */
const LOOKBACK = 64;

/** What follows a candidate boundary, after the whitespace. */
type NextKind =
  | 'upper'
  | 'lower'
  | 'digit'
  | 'openUpper'
  | 'openLower'
  | 'bullet'
  | 'marker'
  | 'punct'
  | 'other'
  | 'end';

interface Next {
  kind: NextKind;
  /** The next word, lower-cased ("" when it is not a word). */
  word: string;
  /** The next word is the pronoun "I" (after an ellipsis it continues the sentence: Golden Rule 50). */
  isI: boolean;
  /** The next word is a typical sentence opener (see `STARTERS`), an opening quote, or a title ("Mr."). */
  isStarter: boolean;
  /** The next token begins with a digit. */
  digit: boolean;
}

/** Kinds after which a plain full stop, "?" or "!" ends the sentence. */
const CUT_WORTHY: ReadonlySet<NextKind> = new Set(['upper', 'digit', 'openUpper', 'bullet', 'marker', 'other']);

const MULTI_PERIOD = /^(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$/;
const SINGLE_LETTER = /^[A-Za-z]$/;
const START_MARKER = /^\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdm]{2,6}|[IVXLCDM]{2,6})\)?$/;
const FOOTNOTE_BRACKET = /\[\d{1,3}(?:[–-]\d{1,3})?(?:,\s?\d{1,3})*\]/y;
const FOOTNOTE_DIGITS = /\d{1,3}(?: \d{1,3}){0,3}(?=\s+\p{Lu})/uy;

/** Reads the word at `k`: letters and apostrophes, at most 24 characters. */
function wordAt(s: string, k: number, to: number): string {
  let e = k;
  while (e < to && e - k < 24) {
    const c = s.charCodeAt(e);
    if (c === 39 || c === 0x2019 || isLetterAt(s, e)) e++;
    else break;
  }
  return s.slice(k, e);
}

function classifyNext(s: string, k: number, to: number): Next {
  const none: Next = { kind: 'end', word: '', isI: false, isStarter: false, digit: false };
  if (k >= to) return none;
  const c = s.charCodeAt(k);
  const digit = isDigit(c);
  if (isBullet(c)) return { ...none, kind: 'bullet', isStarter: true };
  if (markerAt(s, k) !== null) return { ...none, kind: 'marker', digit };
  if (digit) return { ...none, kind: 'digit', digit };
  if (isDash(c)) {
    // "-- voila! -- you have cake" continues; "? - Posted like silent sentinels" starts anew (extended #115–117).
    let p = k;
    while (p < to && (isDash(s.charCodeAt(p)) || isWs(s.charCodeAt(p)))) p++;
    if (p < to && isUpperAt(s, p)) return { ...none, kind: 'upper', isStarter: true };
    return { ...none, kind: 'lower' };
  }
  if (isOpener(c)) {
    let p = k;
    while (p < to && p - k < 4 && isOpener(s.charCodeAt(p))) p++;
    if (p < to && (isUpperAt(s, p) || isDigit(s.charCodeAt(p)))) return { ...none, kind: 'openUpper', isStarter: true };
    return { ...none, kind: 'openLower' };
  }
  if (isUpperAt(s, k)) {
    const word = wordAt(s, k, to);
    const after = k + word.length < to ? s.charCodeAt(k + word.length) : 32;
    const lower = word.toLowerCase();
    const isI = word === 'I' && !isLetterAt(s, k + 1);
    // A word followed by "." is an initial ("A. Smith") or a title ("Mr. Smith"), not "A" or "The".
    const isStarter = after === 46 ? PREPOSITIVE.has(lower) : STARTERS.has(lower);
    return { kind: 'upper', word: lower, isI, isStarter, digit: false };
  }
  if (isLowerAt(s, k)) return { ...none, kind: 'lower', word: wordAt(s, k, to).toLowerCase() };
  if (isLetterAt(s, k)) return { ...none, kind: 'other', isStarter: true };
  if (c === 44 || c === 59 || c === 58 || c === 38 || c === 41 || c === 93 || c === 125 || c === 37) {
    return { ...none, kind: 'punct' };
  }
  return { ...none, kind: 'other' };
}

/** Strips opening quotes, brackets and bullets in front of a token: `(Ind` → `Ind`, `’20` → `20`. */
function stripLeading(t: string): string {
  let p = 0;
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (isOpener(c) || isBullet(c) || c === 0x2019) p++;
    else break;
  }
  return p === 0 ? t : t.slice(p);
}

/**
 * Finds sentence starts inside units of one text. One instance serves a whole document (`scan` is called
 * once per unit, in text order), so no closures or tables are rebuilt per paragraph.
 */
export class SentenceScanner {
  private readonly s: string;
  private from = 0;
  private to = 0;
  private cuts: number[] = [];
  private masks: Span[] = [];
  private mp = 0;
  // Sentence state.
  private sentTokens = 0;
  private firstTokStart = -1;
  private listMarker: ListMarker | null = null;
  // Token state.
  private tokStart = -1;
  private prevTokStart = -1;
  private prevTokEnd = -1;

  constructor(text: string) {
    this.s = text;
  }

  /**
   * Scans `text[from, to)` and appends to `cuts` the offsets at which a new sentence starts, in increasing
   * order; `from` itself is not pushed.
   */
  scan(from: number, to: number, cuts: number[]): void {
    const s = this.s;
    this.from = from;
    this.to = to;
    this.cuts = cuts;
    this.masks = quotedSpans(s, from, to);
    this.mp = 0;
    this.sentTokens = 0;
    this.firstTokStart = -1;
    this.listMarker = null;
    this.tokStart = -1;
    this.prevTokStart = -1;
    this.prevTokEnd = -1;
    let inToken = false;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (isWs(c)) {
        if (inToken) {
          this.prevTokStart = this.tokStart;
          this.prevTokEnd = i;
          inToken = false;
        }
        continue;
      }
      if (!inToken) {
        inToken = true;
        const p = this.tokenStart(i);
        if (p > i) {
          i = p - 1;
          continue;
        }
      }
      if (isTerminal(c)) i = this.run(i) - 1;
    }
  }

  /** Book-keeping at the first character of a token; returns the index after any leading bullets. */
  private tokenStart(i: number): number {
    const s = this.s;
    this.tokStart = i;
    let p = i;
    while (p < this.to && isBullet(s.charCodeAt(p))) p++;
    if (p > i && this.sentTokens > 0) this.cut(i); // "• 9. The first item • 10. The second item"
    const bulletOnly = p > i && (p >= this.to || isWs(s.charCodeAt(p)));
    if (!bulletOnly) {
      if (this.listMarker !== null && this.sentTokens > 0) {
        // "1. The first item 2. The second item"; a new list of the same style restarts at 1, a, i.
        const m = markerAt(s, p);
        if (m !== null && (isSuccessor(this.listMarker, m) || isListStart(this.listMarker, m))) this.cut(i);
      }
      this.sentTokens++;
      if (this.sentTokens === 1) {
        this.firstTokStart = i;
        const start = markerAt(s, p);
        if (start !== null) this.listMarker = start;
      }
    }
    return p;
  }

  private cut(pos: number): void {
    const cuts = this.cuts;
    if (pos <= this.from || (cuts.length > 0 && pos <= (cuts[cuts.length - 1] as number))) return;
    cuts.push(pos);
    this.sentTokens = 0;
    this.firstTokStart = -1;
  }

  /** True when a boundary between `runStart` and `end` would fall inside a quotation or bracket. */
  private masked(runStart: number, end: number): boolean {
    const masks = this.masks;
    while (this.mp < masks.length && (masks[this.mp] as Span).close < runStart) this.mp++;
    const m = masks[this.mp];
    return m !== undefined && m.open < runStart && end <= m.close;
  }

  /** "At 5 a.m." cannot stand alone: no boundary after a short phrase opened by a preposition (Rule 18). */
  private isFragment(): boolean {
    if (this.sentTokens > 4 || this.firstTokStart < 0) return false;
    return FRAGMENT_PREPOSITIONS.has(wordAt(this.s, this.firstTokStart, this.to).toLowerCase());
  }

  /** The token before the current one, when it belongs to the same sentence. */
  private prevToken(): string {
    return this.firstTokStart >= 0 && this.prevTokStart >= this.firstTokStart
      ? stripLeading(this.s.slice(this.prevTokStart, this.prevTokEnd))
      : '';
  }

  /** The current token up to `i` (its last `LOOKBACK` characters), without opening quotes or bullets. */
  private tokenBefore(i: number): string {
    return stripLeading(this.s.slice(Math.max(this.tokStart, i - LOOKBACK), i));
  }

  /** Boundary after an ambiguous abbreviation ("U.S.", "Co.", an initial): only before a clear sentence opener. */
  private ambiguous(next: Next): boolean {
    return (next.isStarter || next.kind === 'bullet') && !this.isFragment();
  }

  /** Decides a single full stop at `i` followed (after whitespace) by `next`. */
  private decidePeriod(i: number, next: Next): boolean {
    if (!CUT_WORTHY.has(next.kind)) return false;
    const raw = this.tokenBefore(i);
    if (raw === '') return true;
    if (raw.includes('@') || raw.includes('://') || raw.toLowerCase().startsWith('www.')) return true;
    // "1." "a." "Q." "(iii)." opening a sentence are list or question markers, not sentences.
    if (this.tokStart === this.firstTokStart && START_MARKER.test(raw)) return false;
    // "ROK-U.S." is decided by "U.S.".
    const seg = raw.slice(Math.max(raw.lastIndexOf('-'), raw.lastIndexOf('/'), raw.lastIndexOf('–')) + 1);
    const lower = seg.toLowerCase();
    if (MULTI_PERIOD.test(seg)) {
      if (NEVER_FINAL.has(lower)) return false;
      if (TIME.has(lower) && /^\d[\d:.]*$/.test(this.prevToken())) {
        // "He left at 6 P.M. Travelers who…" (extended #071), but "at 5 p.m. Monday".
        const capital = next.kind === 'upper' || next.kind === 'openUpper';
        return capital && !CALENDAR_WORDS.has(next.word) && !this.isFragment();
      }
      return this.ambiguous(next);
    }
    if (SINGLE_LETTER.test(seg)) {
      if (seg === lower) return false; // "p. 55", "item b. The…" (list markers are cut before, not after)
      const prev = this.prevToken();
      const prevLower = prev !== '' && (isLowerAt(prev, 0) || prev.endsWith(','));
      if (seg === 'I' && prevLower) return true; // "you and I. Did you…" (Golden Rule 45)
      if (prev !== '' && isUpperAt(prev, 0)) return false; // "Jonas E. Smith", "John D. Hill"
      return this.ambiguous(next);
    }
    if (NEVER_FINAL.has(lower) || PREPOSITIVE.has(lower)) return false;
    if (NUMERIC.has(lower) || CALENDAR.has(lower)) return next.digit ? false : this.ambiguous(next);
    if (GENERAL.has(lower)) return this.ambiguous(next);
    return true; // an ordinary word or number: "1,000. That", "$100.00. It"
  }

  /** "world.Today", "1,000.That": a full stop glued to a capitalised word (Golden Rule 52). */
  private gluedBoundary(i: number, end: number): boolean {
    const s = this.s;
    if (!(end + 1 < this.to && isUpperAt(s, end) && isLowerAt(s, end + 1))) return false;
    const raw = this.tokenBefore(i);
    if (raw.length < 2 || raw.includes('.') || raw.includes('@') || raw.includes('/')) return false;
    const lower = raw.toLowerCase();
    if (PREPOSITIVE.has(lower) || GENERAL.has(lower) || NUMERIC.has(lower) || CALENDAR.has(lower)) return false;
    if (lower.startsWith('www')) return false;
    // Look ahead in the token for an e-mail or a domain: "Jane.Doe@example.com", "testurl.Awesome.com".
    let e = end;
    while (e < this.to && e - end < LOOKBACK && !isWs(s.charCodeAt(e))) e++;
    const rest = s.slice(end, e);
    if (rest.includes('@') || /\.[a-z]{2,4}\b/.test(rest)) return false;
    return isDigit(raw.charCodeAt(raw.length - 1)) || isLowerAt(raw, raw.length - 1);
  }

  /** Handles the run of final punctuation starting at `i`; returns where scanning resumes. */
  private run(i: number): number {
    const s = this.s;
    const to = this.to;
    let j = i;
    let dots = 0;
    let qe = false;
    let ellipsis = false;
    let cjk = false;
    let spaced = false;
    while (j < to) {
      const c = s.charCodeAt(j);
      if (c === 46) {
        dots++;
        j++;
        // Spaced ellipsis ". . .": taken whole when at least three dots are spaced (Rules 46, 48, 50, 51).
        if (j + 1 < to && s.charCodeAt(j) === 32 && s.charCodeAt(j + 1) === 46) {
          if (spaced || (j + 3 < to && s.charCodeAt(j + 2) === 32 && s.charCodeAt(j + 3) === 46)) {
            spaced = true;
            j++;
          }
        }
      } else if (c === 0x2026) {
        ellipsis = true;
        j++;
      } else if (isCjkTerminal(c)) {
        cjk = true;
        j++;
      } else if (isTerminal(c)) {
        qe = true;
        j++;
      } else break;
    }
    const runEnd = j;
    // Closing quotes and brackets, footnote marks "[1]", further marks ('?")', '.”').
    while (j < to) {
      const c = s.charCodeAt(j);
      if ((c === 39 || c === 0x2019) && j + 1 < to && isLetterAt(s, j + 1)) break; // "Jr.'s"
      if (isCloser(c) || isTerminal(c)) {
        j++;
        continue;
      }
      if (c === 91) {
        FOOTNOTE_BRACKET.lastIndex = j;
        if (FOOTNOTE_BRACKET.exec(s) !== null && FOOTNOTE_BRACKET.lastIndex <= to) {
          j = FOOTNOTE_BRACKET.lastIndex;
          continue;
        }
      }
      break;
    }
    // "consultation.11 12 Take the example": footnote numbers glued to the full stop (extended #125–129).
    if (dots === 1 && !qe && !ellipsis && j === runEnd && j < to && isDigit(s.charCodeAt(j)) && i > this.from) {
      if (s.charCodeAt(i - 1) === 41 || isLetterAt(s, i - 1)) {
        FOOTNOTE_DIGITS.lastIndex = j;
        if (FOOTNOTE_DIGITS.exec(s) !== null && FOOTNOTE_DIGITS.lastIndex <= to) j = FOOTNOTE_DIGITS.lastIndex;
      }
    }
    const end = j;
    if (end >= to) return end;

    // The run opens the sentence (". . . The practice", "?!" alone) or sits in "[...]": not a boundary.
    const atStart = this.sentTokens === 0 || (this.sentTokens === 1 && this.tokStart === i);
    const bracketed = i > this.from && (s.charCodeAt(i - 1) === 91 || s.charCodeAt(i - 1) === 40);
    if (atStart || bracketed) return end;

    if (!isWs(s.charCodeAt(end))) {
      if (this.masked(i, end)) return end;
      const glued = cjk || (dots === 1 && !qe && !ellipsis && end === runEnd && this.gluedBoundary(i, end));
      if (glued) {
        this.cut(end);
        this.sentTokens = 1;
        this.firstTokStart = end;
        this.tokStart = end;
      }
      return end;
    }
    let k = end;
    while (k < to && isWs(s.charCodeAt(k))) k++;
    if (k >= to) return end;
    const next = classifyNext(s, k, to);

    if (dots >= 2 || ellipsis) {
      const attached = !isWs(s.charCodeAt(i - 1));
      const upperNext = (next.kind === 'upper' && !next.isI) || next.kind === 'openUpper' || next.kind === 'bullet';
      if (spaced && attached && s.charCodeAt(i + 1) === 32 && upperNext && !this.masked(i, i + 1)) {
        // "compounds. . . . The practice": the glued stop ends the sentence, ". . ." opens the next (Rule 51).
        this.cut(i + 1);
        this.sentTokens = 1;
        return end;
      }
      if (this.masked(i, end)) return end;
      if (qe ? CUT_WORTHY.has(next.kind) : upperNext) this.cut(end);
      return end;
    }
    if (this.masked(i, end)) return end;
    if (qe || cjk) {
      if (CUT_WORTHY.has(next.kind)) this.cut(end);
      return end;
    }
    if (this.decidePeriod(i, next)) this.cut(end);
    return end;
  }
}

/** Convenience for one unit: the sentence starts inside `s[from, to)` (see `SentenceScanner.scan`). */
export function scanUnit(s: string, from: number, to: number, cuts: number[]): void {
  new SentenceScanner(s).scan(from, to, cuts);
}
