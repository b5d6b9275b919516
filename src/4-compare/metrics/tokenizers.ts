/**
 * sacreBLEU 2.6.0's BLEU tokenizers (`13a`, `intl`, `char`, `none`) and the tercom tokenizer of TER.
 *
 * A tokenizer here returns the token list that sacreBLEU obtains with `tokenizer(line).split()`; the
 * signature name is what sacreBLEU prints after `tok:`.
 */
import { isPyWhitespace, pyLower, pySplit } from './pytext.js';

/** Tokenizer names accepted by BLEU (sacreBLEU's `--tokenize`). */
export type BleuTokenizerName = '13a' | 'intl' | 'char' | 'none';

export const BLEU_TOKENIZERS: readonly BleuTokenizerName[] = ['13a', 'intl', 'char', 'none'];

/**
 * The tokens of a line as spans of one string, with a hash of each span (`spanHash`), so that callers can
 * intern tokens without allocating a string per token.
 */
export class TokenSpans {
  /** The string the spans point into. */
  text = '';
  count = 0;
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  hashes = new Int32Array(256);

  reset(text: string): void {
    this.text = text;
    this.count = 0;
  }

  push(start: number, end: number, hash: number): void {
    if (this.count === this.starts.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.hashes = grow(this.hashes);
    }
    const i = this.count++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.hashes[i] = hash;
  }

  /** The tokens as strings. */
  strings(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.text.slice(this.starts[i], this.ends[i]));
    return out;
  }
}

/**
 * Hash of the span `s[start, end)` from its length and four of its code units (first, second, middle,
 * last), in constant time per token. Tables compare spans in full, so the hash only has to spread tokens
 * over the table; it need not see every character.
 */
export function spanHash(s: string, start: number, end: number): number {
  const len = end - start;
  if (len <= 0) return 0;
  const a = s.charCodeAt(start);
  const b = s.charCodeAt(start + (len > 1 ? 1 : 0));
  const m = s.charCodeAt(start + (len >> 1));
  const z = s.charCodeAt(end - 1);
  let h = Math.imul(a ^ (b << 16), 0x9e3779b1) ^ Math.imul(z ^ (m << 16), 0x85ebca6b) ^ Math.imul(len, 0xc2b2ae35);
  h ^= h >>> 15;
  return h;
}

// --- 13a -------------------------------------------------------------------------------------------------

/**
 * The characters mteval-v13a surrounds with spaces: `[\{-\~\[-\` -\&\(-\+\:-\@\/]` (sacreBLEU
 * tokenizer_re.py). Note the absence of `'`, `-`, `.` and `,`, which have rules of their own.
 */
function isP1(c: number): boolean {
  return (
    (c >= 0x7b && c <= 0x7e) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x20 && c <= 0x26) ||
    (c >= 0x28 && c <= 0x2b) ||
    (c >= 0x3a && c <= 0x40) ||
    c === 0x2f
  );
}
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isDotComma = (c: number): boolean => c === 0x2e || c === 0x2c;

/** The language-independent part of mteval-v13a: skipped markers, line-end hyphens, four XML entities. */
export function prepare13a(line: string): string {
  if (line.includes('<skipped>')) line = line.replaceAll('<skipped>', '');
  if (line.includes('\n')) line = line.replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  return line;
}

// Character classes of the 13a rules, as bits, for the ASCII range (everything else is an ordinary
// character unless it is Python whitespace).
const C_P1 = 1;
const C_DIGIT = 2;
const C_DOTCOMMA = 4;
const C_DASH = 8;
const C_SPACE = 16;
/** Flag bit set when rule 2 matched the dot/comma at this position. */
const F_M2 = 32;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_CLASS[c] =
    (isP1(c) ? C_P1 : 0) |
    (isDigit(c) ? C_DIGIT : 0) |
    (isDotComma(c) ? C_DOTCOMMA : 0) |
    (c === 0x2d ? C_DASH : 0) |
    (isPyWhitespace(c) ? C_SPACE : 0);
}

const PAD = C_SPACE | C_P1;

// For the word-at-a-time 13a splitter of the BLEU fast path (bleu-fast.ts).
export {
  ASCII_CLASS as ASCII_13A_CLASS,
  C_P1 as C13A_P1,
  C_DIGIT as C13A_DIGIT,
  C_DASH as C13A_DASH,
  C_DOTCOMMA as C13A_DOTCOMMA,
  F_M2 as C13A_M2,
  PAD as C13A_PAD,
};

/**
 * mteval-v13a tokenization in one pass over the code units.
 *
 * sacreBLEU runs four regex substitutions in sequence on `" " + line + " "`: (1) space around the P1
 * characters, (2) `([^0-9])([\.,])` → `\1 \2 `, (3) `([\.,])([^0-9])` → ` \1 \2`, (4) `([0-9])(-)` →
 * `\1 \2 `, then splits on whitespace. Since only the token boundaries survive the final split, this scanner
 * decides, for every character, whether any of the four rules puts a space before it, honouring the
 * non-overlapping left-to-right matching of `re.sub` (a `.`/`,` consumed as the second character of a rule-2
 * match cannot be the first of the next one, and likewise for rule 3). It needs the class bits of the two
 * previous characters and of the next one. Runs of ordinary characters (letters: most of a text) and
 * whitespace take short paths; only punctuation, digits, dots/commas and dashes go through the rules.
 * (Measured on the benchmark's 300-word pairs: the regex cascade is ~4× slower; a fully branch-free variant
 * was slower than this one.) The regex cascade is kept in the tests (test/metrics/naive.ts) as the
 * reference, and the two are compared on random strings.
 */
export function scan13a(line: string, out: TokenSpans): void {
  const t = prepare13a(line);
  out.reset(t);
  const n = t.length;
  let start = -1;
  let prevM3 = 0;
  // Class bits (with F_M2) of the characters at i−2, i−1, i; the padding space before t counts as i = −1.
  let fpp = PAD;
  let fp = PAD;
  let f = PAD;
  if (n > 0) {
    const c0 = t.charCodeAt(0);
    f = c0 < 128 ? ASCII_CLASS[c0]! : isPyWhitespace(c0) ? C_SPACE : 0;
    // Rule 2 after the padding space (a P1 character): any leading dot/comma matches.
    f |= (f & C_DOTCOMMA) << 3;
  }
  let i = 0;
  while (i < n) {
    if (f === 0) {
      // An ordinary character: a boundary before it needs a special character just before it (rules 1
      // and 2 around that one, rule 3 ending there, or a dash after a digit).
      if (start < 0 || (prevM3 | (fp & (C_P1 | F_M2)) | ((fp >> 3) & (fpp >> 1) & 1)) !== 0) {
        if (start >= 0) out.push(start, i, spanHash(t, start, i));
        start = i;
      }
      // Consume the run of ordinary characters. After an ordinary character, the next character's rule-2
      // flag is just "is it a dot/comma".
      const runStart = i;
      for (;;) {
        i++;
        if (i >= n) {
          f = PAD;
          break;
        }
        const c = t.charCodeAt(i);
        const g = c < 128 ? ASCII_CLASS[c]! : isPyWhitespace(c) ? C_SPACE : 0;
        if (g !== 0) {
          f = g | ((g & C_DOTCOMMA) << 3);
          break;
        }
      }
      fpp = i - runStart >= 2 ? 0 : fp;
      fp = 0;
      prevM3 = 0;
      continue;
    }
    if (f & C_SPACE) {
      // Whitespace ends the token. After whitespace (not a digit, not a dot/comma) a dot/comma always
      // gets its rule-2 flag.
      if (start >= 0) {
        out.push(start, i, spanHash(t, start, i));
        start = -1;
      }
      i++;
      let g = PAD;
      if (i < n) {
        const c = t.charCodeAt(i);
        g = c < 128 ? ASCII_CLASS[c]! : isPyWhitespace(c) ? C_SPACE : 0;
        g |= (g & C_DOTCOMMA) << 3;
      }
      fpp = fp;
      fp = f;
      f = g;
      prevM3 = 0;
      continue;
    }
    // A special character (punctuation, digit, dot/comma, dash): the general rules.
    const cn = i + 1 < n ? t.charCodeAt(i + 1) : 0x20;
    let fn = i + 1 < n ? (cn < 128 ? ASCII_CLASS[cn]! : isPyWhitespace(cn) ? C_SPACE : 0) : PAD;
    // Rule 2 for the next character: a dot/comma after a P1 character, or after a non-digit that is not a
    // dot/comma already consumed by the previous match.
    const notDigit = ((f >> 1) & 1) ^ 1;
    const consumed2 = (f >> 2) & (f >> 5) & 1;
    fn |= ((fn >> 2) & ((f & 1) | (notDigit & (consumed2 ^ 1))) & 1) << 5;
    // Rule 3 for this character: a dot/comma before a non-digit (in the rule-2 output the next character
    // is an inserted space when rule 2 matched here or there), unless consumed by the previous match.
    const nextNonDigit = ((f >> 5) | fn | (fn >> 5) | ((fn >> 1) ^ 1)) & 1;
    const consumed3 = prevM3 & ((f >> 5) ^ 1) & ((fp >> 5) ^ 1) & (fp >> 2) & 1;
    const m3 = (f >> 2) & nextNonDigit & (consumed3 ^ 1) & 1;
    // A boundary before this character: rules 1 and 2 around it, rule 3 here or just before, rule 4
    // (a dash after a digit) here or just before.
    const boundary =
      m3 | prevM3 | ((fp | f) & (C_P1 | F_M2)) | ((f >> 3) & (fp >> 1) & 1) | ((fp >> 3) & (fpp >> 1) & 1);
    if (start < 0 || boundary !== 0) {
      if (start >= 0) out.push(start, i, spanHash(t, start, i));
      start = i;
    }
    prevM3 = m3;
    fpp = fp;
    fp = f;
    f = fn;
    i++;
  }
  if (start >= 0) out.push(start, n, spanHash(t, start, n));
}

/** mteval-v13a tokens of a line (sacreBLEU `Tokenizer13a` followed by `split()`). */
export function tokenize13a(line: string): string[] {
  const spans = new TokenSpans();
  scan13a(line, spans);
  return spans.strings();
}

// --- intl (mteval-v14 --international-tokenization) -------------------------------------------------------

const INTL_RULES: readonly [RegExp, string][] = [
  // punctuation preceded by a non-digit
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  // punctuation followed by a non-digit
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  // symbols
  [/(\p{S})/gu, ' $1 '],
];

/** mteval-v14 international tokens (sacreBLEU `TokenizerV14International`). */
export function tokenizeIntl(line: string): string[] {
  for (const [re, repl] of INTL_RULES) line = line.replace(re, repl);
  return pySplit(line);
}

/** One token per non-whitespace code point (sacreBLEU `TokenizerChar`, then `split()`). */
export function tokenizeChar(line: string): string[] {
  const out: string[] = [];
  for (const ch of line) if (!isPyWhitespace(ch.codePointAt(0)!)) out.push(ch);
  return out;
}

/** Whitespace tokens (sacreBLEU `NoneTokenizer`, then `split()`). */
export function tokenizeNone(line: string): string[] {
  return pySplit(line);
}

/** Tokens of `line` under the named BLEU tokenizer. */
export function tokenizeBleu(name: BleuTokenizerName, line: string): string[] {
  switch (name) {
    case '13a':
      return tokenize13a(line);
    case 'intl':
      return tokenizeIntl(line);
    case 'char':
      return tokenizeChar(line);
    case 'none':
      return tokenizeNone(line);
  }
}

/** Writes the tokens of `line` into `out` (13a without allocating; the others through their token lists). */
export function scanBleu(name: BleuTokenizerName, line: string, out: TokenSpans): void {
  if (name === '13a') {
    scan13a(line, out);
    return;
  }
  const tokens = tokenizeBleu(name, line);
  const text = tokens.join(' ');
  out.reset(text);
  let pos = 0;
  for (const t of tokens) {
    out.push(pos, pos + t.length, spanHash(text, pos, pos + t.length));
    pos += t.length + 1;
  }
}

// --- tercom (TER) ------------------------------------------------------------------------------------------

/** Options of the tercom tokenizer, as sacreBLEU's `TercomTokenizer`. */
export interface TercomOptions {
  /** Tokenize punctuation and normalise XML entities / line ends (tercom `-N`). */
  normalized: boolean;
  /** Remove the punctuation characters `.,?:;!"()` (and CJK punctuation with `asianSupport`). */
  noPunct: boolean;
  /** Split CJK characters (with `normalized`) and drop CJK punctuation (with `noPunct`). */
  asianSupport: boolean;
  /** Keep case; by default TER lowercases. */
  caseSensitive: boolean;
}

const ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/g;
const FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/g;

/** tercom's general and Western normalisation (sacreBLEU `_normalize_general_and_western`). */
function normalizeGeneralAndWestern(sent: string): string {
  sent = sent.replace(/\n-/g, '');
  sent = sent.replace(/\n/g, ' ');
  sent = sent.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  sent = ` ${sent} `;
  sent = sent.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ');
  sent = sent.replace(/'s /g, " 's ");
  sent = sent.replace(/'s$/g, " 's");
  sent = sent.replace(/([^0-9])([.,])/g, '$1 $2 ');
  sent = sent.replace(/([.,])([^0-9])/g, ' $1 $2');
  sent = sent.replace(/([0-9])(-)/g, '$1 $2 ');
  return sent;
}

/** tercom's CJK splitting (sacreBLEU `_normalize_asian`, with its block ranges kept as they are). */
function normalizeAsian(sent: string): string {
  sent = sent.replace(/([\u4e00-\u9fff\u3400-\u4dbf])/g, ' $1 ');
  sent = sent.replace(/([\u31c0-\u31ef\u2e80-\u2eff])/g, ' $1 ');
  sent = sent.replace(/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/g, ' $1 ');
  sent = sent.replace(/([\u3200-\u3f22])/g, ' $1 ');
  // As in sacreBLEU, these three only fire when the whole string is one kana run (`^` without MULTILINE).
  sent = sent.replace(/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/g, '$1 $2 ');
  sent = sent.replace(/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/g, '$1 $2 ');
  sent = sent.replace(/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/g, '$1 $2 ');
  sent = sent.replace(ASIAN_PUNCT, ' $1 ');
  sent = sent.replace(FULL_WIDTH_PUNCT, ' $1 ');
  return sent;
}

/** The tercom tokenizer applied to one sentence; returns the normalised string (split it with `pySplit`). */
export function tercomTokenize(sent: string, o: TercomOptions): string {
  if (!sent) return '';
  if (!o.caseSensitive) sent = pyLower(sent);
  if (o.normalized) {
    sent = normalizeGeneralAndWestern(sent);
    if (o.asianSupport) sent = normalizeAsian(sent);
  }
  if (o.noPunct) {
    sent = sent.replace(/[.,?:;!"()]/g, '');
    if (o.asianSupport) sent = sent.replace(ASIAN_PUNCT, '').replace(FULL_WIDTH_PUNCT, '');
  }
  // sacreBLEU 2.6.0 returns the words joined by single spaces (its unit vector 'A ; B ) C : D.' → 'a b c d').
  return pySplit(sent).join(' ');
}
