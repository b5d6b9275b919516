/**
 * Tokens with document offsets for the entity checks.
 *
 * The checks need finer control than a general tokenizer gives: abbreviations with dots ("U.S.", "D.C.") stay
 * one token, digit-letter mixes ("CAS500", "19th", "L1") stay one token, and hyphens and apostrophes are their
 * own tokens with a flag saying whether they touch their neighbours, so "CAS500-4" can be re-joined while
 * "U.S.-ROK" is read as two entities. Every token keeps its document offsets, so spans are exact.
 */
import type { SegmentedDoc } from '../types.js';
import { CONNECTOR_WORDS, normalizeWord } from './lexicon.js';

export interface Token {
  /** Text as in the document. */
  text: string;
  /** Lower-case, diacritics and abbreviation dots removed (see `normalizeWord`). */
  norm: string;
  start: number;
  end: number;
  /** Index of the sentence in `TokenizedDoc.sentences`. */
  sent: number;
  /** Index of this token in `TokenizedDoc.tokens`. */
  index: number;
  /** Interned id of `norm` for words (see `internId`): equal norms, equal ids, within a run; -1 for punctuation. */
  id: number;
  /** Letters or digits (a word or a number), as opposed to punctuation. */
  word: boolean;
  /** Has at least one letter. */
  letter: boolean;
  /** A name connector, article or preposition (`CONNECTOR_WORDS`: "of", "the", "in", …). */
  conn: boolean;
  /** Has at least one numeral character (\p{N}). */
  num: boolean;
  /** Letters only (no digits, marks or dots). */
  alpha: boolean;
  /** True when no white space separates this token from the previous one. */
  glued: boolean;
  /** First letter is upper case. */
  cap: boolean;
  /** First word token of its sentence (after list markers and opening quotes). */
  initial: boolean;
}

export interface TokenSentence {
  id: string;
  start: number;
  end: number;
  boilerplate: boolean;
  /** Token index range in `TokenizedDoc.tokens`, end exclusive. */
  first: number;
  last: number;
  /** True for headline-style lines where most words are capitalised, so capitals say little. */
  titleCase: boolean;
}

export interface TokenizedDoc {
  text: string;
  tokens: Token[];
  sentences: TokenSentence[];
  /** Sentence id → index. */
  sentenceIndex: Map<string, number>;
  /** Normalised word → indices of word tokens carrying it (the lookup index that keeps matching linear). */
  byNorm: Map<string, number[]>;
}

/**
 * The token grammar, as a regular expression (kept as the specification; `tokenizeDoc` runs the equivalent
 * hand-written scanner below, which is several times faster on press-release text and is tested against it):
 * abbreviations with inner dots (U.S., D.C., e.g., and "U.S" when a final dot was lost), decimal/grouped
 * numbers and times (1.5, 146,000, 12:00), words with digits or letters and combining marks, then any single
 * other non-space character.
 */
export const TOKEN_RE = /\p{L}(?:\.\p{L})+\.?|\p{N}+(?:[.,:]\p{N}+)+|[\p{L}\p{M}\p{N}]+|\S/gu;

// Character classes as bits; ASCII from a table, other code points once each through the Unicode regexes.
const C_L = 1;
const C_LU = 2;
const C_M = 4;
const C_N = 8;
const C_S = 16;
const WORDISH = C_L | C_M | C_N;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = classify(String.fromCharCode(c));
const classCache = new Map<number, number>();

function classify(ch: string): number {
  return (/\p{L}/u.test(ch) ? C_L : 0) | (/\p{Lu}/u.test(ch) ? C_LU : 0) | (/\p{M}/u.test(ch) ? C_M : 0) | (/\p{N}/u.test(ch) ? C_N : 0) | (/\s/u.test(ch) ? C_S : 0);
}

function classOf(cp: number): number {
  if (cp < 128) return ASCII_CLASS[cp]!;
  let c = classCache.get(cp);
  if (c === undefined) {
    c = classify(String.fromCodePoint(cp));
    if (classCache.size > 100_000) classCache.clear();
    classCache.set(cp, c);
  }
  return c;
}

/**
 * Interned normalised forms: every distinct `norm` gets a small integer, so the word caches (similarity,
 * word matches) are keyed by numbers rather than by concatenated strings. The table is emptied between
 * runs once it grows large (`resetInternIfLarge`), together with everything keyed by its ids.
 */
const internTable = new Map<string, number>();
const resetHooks: (() => void)[] = [];

export function internId(norm: string): number {
  let id = internTable.get(norm);
  if (id === undefined) {
    id = internTable.size;
    internTable.set(norm, id);
  }
  return id;
}

/** Register a cache keyed by intern ids, to be emptied when the table is. */
export function onInternReset(hook: () => void): void {
  resetHooks.push(hook);
}

/** Called at the start of a run (never in the middle of one, when tokens hold ids). */
export function resetInternIfLarge(limit = 200_000): void {
  if (internTable.size <= limit) return;
  internTable.clear();
  for (const h of resetHooks) h();
}

export function tokenizeDoc(doc: Pick<SegmentedDoc, 'text' | 'sentences'>): TokenizedDoc {
  const tokens: Token[] = [];
  const sentences: TokenSentence[] = [];
  const sentenceIndex = new Map<string, number>();
  const byNorm = new Map<string, number[]>();
  const text = doc.text;
  doc.sentences.forEach((s, si) => {
    const first = tokens.length;
    const end = s.end;
    let prevEnd = -1;
    let seenWord = false;
    let i = s.start;
    while (i < end) {
      const cp = text.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      const c = classOf(cp);
      if (c & C_S) {
        i += w;
        continue;
      }
      const start = i;
      let j = -1;
      let letters = 0;
      let numbers = 0;
      let others = 0;
      let uppers = 0;
      let ascii = true;
      // 1. Abbreviation: a letter, then one or more ".letter", then an optional dot.
      if (c & C_L) {
        let k = i + w;
        let groups = 0;
        while (k + 1 < end && text.charCodeAt(k) === 46) {
          const cp2 = text.codePointAt(k + 1)!;
          if (!(classOf(cp2) & C_L)) break;
          k += 1 + (cp2 > 0xffff ? 2 : 1);
          groups++;
        }
        if (groups > 0) {
          if (k < end && text.charCodeAt(k) === 46) k++;
          j = k;
          letters = groups + 1;
          others = 1;
          ascii = false;
        }
      }
      // 2. Number with separators: digits, then one or more [.,:] digits.
      if (j < 0 && c & C_N) {
        let k = i;
        while (k < end) {
          const cp2 = text.codePointAt(k)!;
          if (!(classOf(cp2) & C_N)) break;
          k += cp2 > 0xffff ? 2 : 1;
        }
        let groups = 0;
        for (;;) {
          const sep = text.charCodeAt(k);
          if (k + 1 >= end || (sep !== 46 && sep !== 44 && sep !== 58)) break;
          let q = k + 1;
          while (q < end) {
            const cp2 = text.codePointAt(q)!;
            if (!(classOf(cp2) & C_N)) break;
            q += cp2 > 0xffff ? 2 : 1;
          }
          if (q === k + 1) break;
          k = q;
          groups++;
        }
        if (groups > 0) {
          j = k;
          numbers = 1;
          ascii = false;
        }
      }
      // 3. A run of letters, marks and digits.
      if (j < 0 && c & WORDISH) {
        let k = i;
        while (k < end) {
          const u = text.charCodeAt(k);
          if (u < 128) {
            // ASCII: letters and digits only (no ASCII character is a mark).
            const c2 = ASCII_CLASS[u]!;
            if (!(c2 & WORDISH)) break;
            if (c2 & C_L) {
              letters++;
              if (c2 & C_LU) uppers++;
            } else numbers++;
            k++;
            continue;
          }
          const cp2 = text.codePointAt(k)!;
          const c2 = classOf(cp2);
          if (!(c2 & WORDISH)) break;
          if (c2 & C_L) {
            letters++;
            if (c2 & C_LU) uppers++;
          } else if (c2 & C_N) numbers++;
          else others++;
          if (cp2 >= 128 || !(c2 & (C_L | C_N))) ascii = false;
          k += cp2 > 0xffff ? 2 : 1;
        }
        j = k;
      }
      // 4. Any other single character.
      if (j < 0) j = i + w;
      const tokText = text.slice(start, j);
      const word = letters + numbers > 0;
      const tok: Token = {
        text: tokText,
        // ASCII letters and digits: lower-casing is the whole normalisation, and nothing to do without capitals.
        norm: word ? (ascii ? (uppers ? tokText.toLowerCase() : tokText) : normalizeWord(tokText)) : tokText,
        id: -1,
        start,
        end: j,
        sent: si,
        index: tokens.length,
        word,
        letter: letters > 0,
        num: numbers > 0,
        conn: false,
        alpha: letters > 0 && numbers === 0 && others === 0,
        glued: prevEnd === start,
        cap: (c & C_LU) !== 0,
        initial: false,
      };
      // Only words take part in word matching; punctuation keeps id -1.
      if (word) tok.id = internId(tok.norm);
      // The first alphabetic word is the sentence start; a list marker ("1.", "•") before it does not count.
      if (word && !seenWord && letters > 0) {
        tok.initial = true;
        seenWord = true;
      }
      if (word) {
        let list = byNorm.get(tok.norm);
        if (!list) byNorm.set(tok.norm, (list = []));
        list.push(tok.index);
      }
      tok.conn = CONNECTOR_WORDS.has(tok.norm);
      tokens.push(tok);
      prevEnd = j;
      i = j;
    }
    const last = tokens.length;
    sentences.push({ id: s.id, start: s.start, end: s.end, boilerplate: s.boilerplate, first, last, titleCase: isTitleCase(tokens, first, last) });
    sentenceIndex.set(s.id, si);
  });
  return { text: doc.text, tokens, sentences, sentenceIndex, byNorm };
}

/**
 * Headline style: capitalised words of 4+ letters dominate and at most one lower-case word of 4+ letters
 * that is not a function word is left. A sentence ending in a full stop needs none at all and six capitals,
 * because a short sentence dense with names ("Russian President Vladimir Putin spoke with …") is not a headline.
 */
function isTitleCase(tokens: Token[], first: number, last: number): boolean {
  let capped = 0;
  let lower = 0;
  for (let i = first; i < last; i++) {
    const t = tokens[i]!;
    if (!t.alpha || t.text.length < 4) continue;
    if (t.cap) capped++;
    else if (!HEADLINE_LOWER.has(t.norm)) lower++;
  }
  let endIdx = last - 1;
  while (endIdx >= first && /^["”’')\]]$/.test(tokens[endIdx]!.text)) endIdx--;
  const terminal = endIdx >= first && /^[.!?]$/.test(tokens[endIdx]!.text);
  if (terminal) return lower === 0 && capped >= 6;
  return capped >= 3 && lower <= 1 && capped >= 3 * lower;
}

/** Words headline style leaves in lower case. */
const HEADLINE_LOWER = new Set(['from', 'with', 'into', 'onto', 'over', 'upon', 'than', 'that', 'this', 'about', 'after', 'before', 'between', 'under', 'during', 'through', 'among', 'against', 'within', 'without', 'toward', 'towards', 'including']);

/** Word tokens of a sentence, in order. */
export function sentenceWords(doc: TokenizedDoc, si: number): Token[] {
  const s = doc.sentences[si]!;
  const out: Token[] = [];
  for (let i = s.first; i < s.last; i++) if (doc.tokens[i]!.word) out.push(doc.tokens[i]!);
  return out;
}
