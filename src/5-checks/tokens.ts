/**
 * Tokens with document offsets for the entity checks.
 *
 * The checks need finer control than a general tokenizer gives: abbreviations with dots ("U.S.", "D.C.") stay
 * one token, digit-letter mixes ("CAS500", "19th", "L1") stay one token, and hyphens and apostrophes are their
 * own tokens with a flag saying whether they touch their neighbours, so "CAS500-4" can be re-joined while
 * "U.S.-ROK" is read as two entities. Every token keeps its document offsets, so spans are exact.
 */
import type { SegmentedDoc } from '../types.js';
import { normalizeWord } from './lexicon.js';

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
  /** Letters or digits (a word or a number), as opposed to punctuation. */
  word: boolean;
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
 * Abbreviations with inner dots (U.S., D.C., e.g., and "U.S" when a final dot was lost), decimal/grouped numbers and times (1.5, 146,000, 12:00),
 * words with digits or letters and combining marks, then any single other non-space character.
 */
const TOKEN_RE = /\p{L}(?:\.\p{L})+\.?|\p{N}+(?:[.,:]\p{N}+)+|[\p{L}\p{M}\p{N}]+|\S/gu;

export function tokenizeDoc(doc: Pick<SegmentedDoc, 'text' | 'sentences'>): TokenizedDoc {
  const tokens: Token[] = [];
  const sentences: TokenSentence[] = [];
  const sentenceIndex = new Map<string, number>();
  const byNorm = new Map<string, number[]>();
  doc.sentences.forEach((s, si) => {
    const first = tokens.length;
    const slice = doc.text.slice(s.start, s.end);
    let prevEnd = -1;
    let seenWord = false;
    for (const m of slice.matchAll(TOKEN_RE)) {
      const text = m[0];
      const start = s.start + (m.index ?? 0);
      const end = start + text.length;
      const word = /[\p{L}\p{N}]/u.test(text);
      const tok: Token = {
        text,
        norm: word ? normalizeWord(text) : text,
        start,
        end,
        sent: si,
        index: tokens.length,
        word,
        glued: prevEnd === start,
        cap: /^\p{Lu}/u.test(text),
        initial: false,
      };
      // The first alphabetic word is the sentence start; a list marker ("1.", "•") before it does not count.
      if (word && !seenWord && /\p{L}/u.test(text)) {
        tok.initial = true;
        seenWord = true;
      }
      if (word) {
        let list = byNorm.get(tok.norm);
        if (!list) byNorm.set(tok.norm, (list = []));
        list.push(tok.index);
      }
      tokens.push(tok);
      prevEnd = end;
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
    if (!t.word || t.text.length < 4 || !/^\p{L}+$/u.test(t.text)) continue;
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
