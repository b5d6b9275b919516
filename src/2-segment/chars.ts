/**
 * Character classes shared by the line and sentence passes. Everything works on UTF-16 code units
 * (`charCodeAt`) so a pass over a multi-megabyte text stays a tight loop; the Unicode-aware regexes are only
 * used at the few positions that can be boundaries.
 */

/** Whitespace exactly as JavaScript's `\s` defines it (so `String.prototype.trim` agrees with our spans). */
export function isWs(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Line terminators: LF, CR (alone or in CRLF), form feed (page break in PDF-to-text output), LS, PS. */
export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 12 || c === 0x2028 || c === 0x2029 || c === 11;
}

/** Sentence-final punctuation: . ! ? … and the fullwidth / CJK forms (extended spec #052). */
export function isTerminal(c: number): boolean {
  return (
    c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0xff0e || c === 0x3002 || c === 0xff01 ||
    c === 0xff1f || c === 0x203c || c === 0x2047 || c === 0x2048 || c === 0x2049
  );
}

/** CJK full stops end a sentence without a following space ("period．Does"). */
export function isCjkTerminal(c: number): boolean {
  return c === 0xff0e || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

/** Characters that close a quotation or bracket right after the sentence-final mark (`."`, `?)`, `!’`). */
export function isCloser(c: number): boolean {
  return (
    c === 34 || c === 39 || c === 41 || c === 93 || c === 125 || c === 0x201d || c === 0x2019 || c === 0xbb ||
    c === 0x203a || c === 0x300d || c === 0x300f
  );
}

/** Characters that open a quotation or bracket in front of a sentence's first word. */
export function isOpener(c: number): boolean {
  return (
    c === 34 || c === 39 || c === 40 || c === 91 || c === 123 || c === 0x201c || c === 0x2018 || c === 0xab ||
    c === 0x2039 || c === 0x300c || c === 0x300e || c === 96
  );
}

/** List bullets. A bullet inside a paragraph starts a new item (Golden Rule 37, 38). */
export function isBullet(c: number): boolean {
  return (
    c === 0x2022 || c === 0x25e6 || c === 0x25aa || c === 0x2023 || c === 0x2043 || c === 0x25cf ||
    c === 0x25cb || c === 0x25a0 || c === 0x25a1 || c === 0x25ba || c === 0x25b6 || c === 0x27a2 ||
    c === 0x27a4 || c === 0x2713 || c === 0x2714 || c === 0x2756 || c === 0xf0b7
  );
}

/** Hyphen and dash characters ("-- voila! --", "? - Posted"). */
export function isDash(c: number): boolean {
  return c === 45 || c === 0x2013 || c === 0x2014 || c === 0x2012 || c === 0x2015 || c === 0x2212;
}

const UPPER = /\p{Lu}|\p{Lt}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;

/** Upper-case letter (ASCII fast path). */
export function isUpperAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 65 && c <= 90) return true;
  if (c < 128 || Number.isNaN(c)) return false;
  return UPPER.test(String.fromCodePoint(s.codePointAt(i) ?? c));
}

/** Lower-case letter (ASCII fast path). */
export function isLowerAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 97 && c <= 122) return true;
  if (c < 128 || Number.isNaN(c)) return false;
  return LOWER.test(String.fromCodePoint(s.codePointAt(i) ?? c));
}

/** Any letter, cased or not (Hangul and Han count: they start sentences without a capital). */
export function isLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 128 || Number.isNaN(c)) return false;
  return LETTER.test(String.fromCodePoint(s.codePointAt(i) ?? c));
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
