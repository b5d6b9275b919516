/**
 * Which line breaks end a sentence.
 *
 * Readers treat a line that ends without final punctuation — a title, a heading, a list item, a menu line —
 * as complete, but a line that a hard-wrapped text or a PDF extraction broke in mid-sentence as not.
 * wink-nlp and `Intl.Segmenter` ignore single newlines altogether, which glues a document's title to its
 * first sentence. The decision here looks at the next line's start and at line lengths:
 *
 *   - a blank line, a bullet or a list marker ("1.", "b)", "(iii)") on the next line: boundary;
 *   - next line starting with a closing mark (`, ; . ) ”`): continuation;
 *   - next line starting in lower case ("cut off in the middle because pdf."): continuation when the
 *     previous line ends in a space (PDF output, Golden Rule 41, extended #027, #035), or when joining lines
 *     reaches final punctuation (Rule 40) — a list of lower-case lines with no full stop anywhere
 *     ("features / contact manager / events, activities", Rule 42) stays a list;
 *   - a line that ends on a word no English sentence or title ends on ("signed by", "the", "and"), or on a
 *     comma, hyphen, dash or opening bracket: continuation, whatever the next line starts with;
 *   - otherwise a boundary, unless the text is hard-wrapped (most lines near one width) and the next line's
 *     first word would not have fitted on this line, i.e. the break was the wrapper's, not the author's.
 *
 * All passes are linear in the number of lines.
 */

import { isBullet, isDash, isDigit, isLineBreak, isLowerAt, isTerminal, isWs } from './chars.js';
import { markerAt } from './markers.js';

/** A run of text whose internal line breaks are not boundaries: offsets of its first and past-last non-space. */
export interface Unit {
  start: number;
  end: number;
}

/** Per-line facts, in parallel typed arrays (a large text has hundreds of thousands of lines). */
interface Lines {
  count: number;
  /** Offset of the line's first character. */
  start: Int32Array;
  /** First non-whitespace offset, or -1 for a blank line. */
  cStart: Int32Array;
  /** One past the last non-whitespace offset. */
  cEnd: Int32Array;
  /** 1 when the line ends in a space or tab before its line break (a PDF-extraction wrap). */
  trailing: Uint8Array;
}

function readLines(s: string): Lines {
  let cap = 1024;
  let start = new Int32Array(cap);
  let cStart = new Int32Array(cap);
  let cEnd = new Int32Array(cap);
  let trailing = new Uint8Array(cap);
  let n = 0;
  let i = 0;
  const len = s.length;
  while (i <= len) {
    if (n === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (k: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      start = grow(start, (k) => new Int32Array(k));
      cStart = grow(cStart, (k) => new Int32Array(k));
      cEnd = grow(cEnd, (k) => new Int32Array(k));
      trailing = grow(trailing, (k) => new Uint8Array(k));
    }
    const ls = i;
    let first = -1;
    let last = -1;
    while (i < len && !isLineBreak(s.charCodeAt(i))) {
      if (!isWs(s.charCodeAt(i))) {
        if (first < 0) first = i;
        last = i;
      }
      i++;
    }
    start[n] = ls;
    cStart[n] = first;
    cEnd[n] = last + 1;
    const before = i > ls ? s.charCodeAt(i - 1) : 0;
    trailing[n] = first >= 0 && (before === 32 || before === 9 || before === 0xa0) ? 1 : 0;
    n++;
    if (i >= len) break;
    i += s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
  }
  return { count: n, start, cStart, cEnd, trailing };
}

/** The line's text ends in final punctuation, possibly followed by closing quotes or brackets, or a colon. */
function endsFinal(s: string, from: number, end: number): boolean {
  let p = end - 1;
  while (p > from) {
    const c = s.charCodeAt(p);
    if (c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb) p--;
    else break;
  }
  const c = s.charCodeAt(p);
  return isTerminal(c) || c === 58 || c === 59;
}

/**
 * Lower-case words after which a sentence or a title cannot stop: articles, prepositions, conjunctions,
 * auxiliaries, possessives. A line ending on one of them was broken inside a sentence.
 */
const OPEN_ENDINGS = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'and', 'or', 'but', 'nor', 'as',
  'that', 'which', 'who', 'whose', 'whom', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had',
  'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'its', 'their', 'his', 'her',
  'our', 'your', 'my', 'this', 'these', 'those', 'than', 'into', 'onto', 'upon', 'between', 'among', 'about',
  'via', 'per', 'whether', 'if', 'because', 'while', 'including', 'such', 'both', 'either', 'neither', 'also',
]);

/** The line stops where a sentence cannot: on a word of `OPEN_ENDINGS`, a comma, hyphen, dash or opener. */
function endsOpen(s: string, from: number, end: number): boolean {
  const c = s.charCodeAt(end - 1);
  if (c === 44 || c === 38 || c === 47 || c === 40 || c === 91 || c === 0x201c || c === 0x2018) return true;
  if (isDash(c)) return end - 2 >= from && !isDash(s.charCodeAt(end - 2)); // "inter-", "WASHINGTON —", not "----"
  let p = end;
  while (p > from && end - p < 12 && s.charCodeAt(p - 1) >= 97 && s.charCodeAt(p - 1) <= 122) p--;
  if (p === end || (p > from && !isWs(s.charCodeAt(p - 1)))) return false;
  return OPEN_ENDINGS.has(s.slice(p, end));
}

/** The line opens a list item or a heading: bullet, "- item", "1.", "b)", "(iii)", "# Heading". */
function opensItem(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  if (isBullet(c)) return true;
  const next = s.charCodeAt(p + 1);
  if ((isDash(c) || c === 42 || c === 43 || c === 35) && (isWs(next) || next === c)) return true;
  return markerAt(s, p) !== null;
}

/** The line continues the previous one's sentence by its first character. */
function closesPrevious(c: number): boolean {
  return (
    c === 44 || c === 59 || c === 58 || c === 46 || c === 33 || c === 63 || c === 41 || c === 93 || c === 125 ||
    c === 0x2026 || c === 37 || c === 0x201d || c === 0x2019
  );
}

/** Lower-case start, or an opening bracket / quote before lower case, a digit or a space ("( 365.8 m )."). */
function continuesLower(s: string, p: number): boolean {
  if (isLowerAt(s, p)) return true;
  const c = s.charCodeAt(p);
  if (c === 40 || c === 91 || c === 0x201c || c === 0x2018 || c === 34) {
    const d = s.charCodeAt(p + 1);
    return isLowerAt(s, p + 1) || isWs(d) || (c !== 34 && isDigit(d));
  }
  return false;
}

/**
 * Typical line width of a hard-wrapped text, or 0 when the text is not hard-wrapped: at least half of the
 * lines followed by another line reach 75 % of the width and end without final punctuation (a text with one
 * paragraph per line has long lines too, but they end in full stops).
 */
function wrapWidth(s: string, lines: Lines): number {
  const hist = new Int32Array(2001);
  let nonBlank = 0;
  for (let k = 0; k < lines.count; k++) {
    const cs = lines.cStart[k] as number;
    if (cs < 0) continue;
    nonBlank++;
    const w = Math.min(2000, (lines.cEnd[k] as number) - (lines.start[k] as number));
    hist[w] = (hist[w] as number) + 1;
  }
  if (nonBlank < 4) return 0;
  // 90th percentile of line lengths: robust to a few over-long lines (URLs, tables).
  let seen = 0;
  let width = 0;
  for (let w = 0; w <= 2000; w++) {
    seen += hist[w] as number;
    if (seen >= nonBlank * 0.9) {
      width = w;
      break;
    }
  }
  if (width < 30 || width > 150) return 0;
  let inner = 0;
  let full = 0;
  let open = 0;
  for (let k = 0; k + 1 < lines.count; k++) {
    const cs = lines.cStart[k] as number;
    if (cs < 0 || (lines.cStart[k + 1] as number) < 0) continue;
    inner++;
    const ce = lines.cEnd[k] as number;
    if (ce - (lines.start[k] as number) >= 0.75 * width) full++;
    if (!endsFinal(s, cs, ce)) open++;
  }
  return inner >= 3 && full >= inner * 0.5 && open >= inner * 0.5 ? width : 0;
}

/** Length of the first whitespace-delimited word at `p`. */
function firstWordLength(s: string, p: number): number {
  let e = p;
  while (e < s.length && !isWs(s.charCodeAt(e))) e++;
  return e - p;
}

/**
 * Splits `s` into units separated by boundary line breaks (blank lines always). Units are returned in order
 * and cover every non-whitespace character of `s`.
 */
export function lineUnits(s: string): Unit[] {
  const lines = readLines(s);
  const n = lines.count;
  const width = wrapWidth(s, lines);

  // reaches[k]: from line k, following lower-case continuations, some line ends in final punctuation.
  const reaches = new Uint8Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const cs = lines.cStart[k] as number;
    if (cs < 0) continue;
    if (endsFinal(s, cs, lines.cEnd[k] as number)) {
      reaches[k] = 1;
    } else if (k + 1 < n) {
      const ns = lines.cStart[k + 1] as number;
      if (ns >= 0 && !opensItem(s, ns) && continuesLower(s, ns)) reaches[k] = reaches[k + 1] as number;
    }
  }

  const units: Unit[] = [];
  let unitStart = -1;
  let unitEnd = -1;
  let prev = -1; // previous non-blank line index
  for (let k = 0; k < n; k++) {
    const cs = lines.cStart[k] as number;
    if (cs < 0) continue;
    let soft = false;
    if (prev === k - 1 && prev >= 0) {
      const lenPrev = (lines.cEnd[prev] as number) - (lines.start[prev] as number);
      const wrapped =
        width > 0 && lenPrev >= 0.6 * width && lenPrev + 1 + firstWordLength(s, cs) > 0.95 * width;
      const c = s.charCodeAt(cs);
      if (opensItem(s, cs)) soft = false;
      else if (closesPrevious(c)) soft = true;
      else if (endsOpen(s, lines.cStart[prev] as number, lines.cEnd[prev] as number)) soft = true;
      else if (continuesLower(s, cs)) soft = lines.trailing[prev] === 1 || reaches[k] === 1 || wrapped;
      else soft = wrapped;
    }
    if (soft) {
      unitEnd = lines.cEnd[k] as number;
    } else {
      if (unitStart >= 0) units.push({ start: unitStart, end: unitEnd });
      unitStart = cs;
      unitEnd = lines.cEnd[k] as number;
    }
    prev = k;
  }
  if (unitStart >= 0) units.push({ start: unitStart, end: unitEnd });
  return units;
}
