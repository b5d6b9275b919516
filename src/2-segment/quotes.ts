/**
 * Quotations and brackets inside which sentence-final punctuation does not end the enclosing sentence:
 * `She said, "Dear, dear! How queer everything is!"` is one sentence (extended spec #096, #097, #121;
 * Golden Rule 21 for brackets). pragmatic_segmenter and pySBD mask the same spans ("between punctuation").
 *
 * A span is only trusted when it closes within `MAX_SPAN` characters of the same paragraph, so a stray quote
 * or an inch mark (`6 3/4"`) cannot swallow the rest of a document. One left-to-right pass: linear.
 */

import { isWs, isLetterAt } from './chars.js';

/** Longest quotation or bracket treated as one unit (extended #097 quotes ~330 characters). */
export const MAX_SPAN = 1000;

/** A quoted or bracketed span: `open` is the index of the opening mark, `close` of the closing mark. */
export interface Span {
  open: number;
  close: number;
}

/** The closing mark for an opening mark `c`, or 0 when `c` opens nothing: ( [ “ ‘ « 「 " '. */
function closerOf(c: number): number {
  switch (c) {
    case 40:
      return 41;
    case 91:
      return 93;
    case 0x201c:
      return 0x201d;
    case 0x2018:
      return 0x2019;
    case 0xab:
      return 0xbb;
    case 0x300c:
      return 0x300d;
    case 34:
      return 34;
    case 39:
      return 39;
    default:
      return 0;
  }
}

/** Whether the quote mark at `i` can open a quotation (straight quotes are ambiguous). */
function canOpen(s: string, i: number, from: number, c: number): boolean {
  const before = i > from ? s.charCodeAt(i - 1) : 32;
  const beforeOk = isWs(before) || before === 40 || before === 91 || before === 45 || before === 0x2014;
  if (c === 34) return beforeOk && i + 1 < s.length && !isWs(s.charCodeAt(i + 1));
  // A straight apostrophe opens only before a letter and after a space: not "Let's", not "'90s" mid-word.
  if (c === 39) return beforeOk && i + 1 < s.length && isLetterAt(s, i + 1);
  if (c === 0x2018) return beforeOk;
  return true;
}

/** Whether the mark at `i` closes the open span (a closing apostrophe must not sit inside a word: "dragon’s"). */
function canClose(s: string, i: number, to: number, c: number): boolean {
  if (c === 39 || c === 0x2019) {
    if (i === 0 || isWs(s.charCodeAt(i - 1))) return false;
    return i + 1 >= to || !isLetterAt(s, i + 1);
  }
  return true;
}

/** Outermost quoted / bracketed spans of `s[from, to)`, in order, not overlapping. */
export function quotedSpans(s: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let openChar = 0;
  let closeChar = 0;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (open < 0) {
      const close = closerOf(c);
      if (close !== 0 && canOpen(s, i, from, c)) {
        open = i;
        openChar = c;
        closeChar = close;
        depth = 1;
      }
      continue;
    }
    if (i - open > MAX_SPAN) {
      // Unclosed within the budget: give the mark up and carry on from here (keeps the pass linear).
      open = -1;
      continue;
    }
    if (c === closeChar && canClose(s, i, to, c)) {
      depth--;
      if (depth === 0 || openChar === closeChar) {
        spans.push({ open, close: i });
        open = -1;
      }
    } else if (c === openChar && openChar !== closeChar) {
      depth++;
    }
  }
  return spans;
}
