/**
 * Entity extraction: acronyms (with digits and hyphens), acronym definitions in both orders, capitalised
 * names and organisations, titles and roles, numbers and dates.
 *
 * Capitalisation carries most of the signal in English press text, so names are capitalised runs with the
 * usual connectors (of/and/for/the/on…). What capitals do not tell is handled explicitly: a capitalised
 * common word at the start of a sentence ("Officials", "Noting") is not a name unless the text capitalises it
 * elsewhere or a capitalised word follows; in headline-style lines only words that look like names are kept.
 */
import { CONNECTORS, FUNCTION_WORDS, MONTHS, ORG_HEADS, TITLE_WORDS, WEEKDAYS, countryGroupOfWord, isEnglishWord } from './lexicon.js';
import { extractNumbers, type NumberMention } from './numbers.js';
import type { Token, TokenizedDoc } from './tokens.js';

export type EntityType = 'acronym' | 'expansion' | 'name' | 'title' | 'number';

export interface Entity {
  /** Position in extraction order (stable id within one run). */
  id: number;
  type: EntityType;
  sent: number;
  /** First and last token index (inclusive). */
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
  /** Word tokens of the entity, in order (punctuation left out). */
  words: Token[];
  /** For acronyms and expansions defined together: the id of the other half. */
  linked?: number;
  /** For numbers and dates. */
  number?: NumberMention;
}

const APOSTROPHES = new Set(['’', "'"]);
/** Second parts of English hyphenated compounds after a name ("Seoul-based", "UN-led"). */
export const COMPOUND_SUFFIXES = new Set(['based', 'led', 'owned', 'run', 'made', 'born', 'style', 'type', 'wide', 'level', 'class', 'backed', 'era', 'like', 'only', 'free', 'bound', 'area', 'side', 'time', 'year', 'day', 'scale', 'sized', 'linked', 'funded', 'held']);
const DASHES = new Set(['-', '–']);

/** "KASA", "CAS500", "SPHEREx", "CLDs", "U.S.": at least two capitals, and capitals dominate the letters. */
export function isAcronymToken(t: Pick<Token, 'text' | 'word'>): boolean {
  if (!t.word) return false;
  const text = t.text;
  // ASCII fast path (most tokens): count capitals and letters in one pass. Dotted capitals ("U.S.") need no
  // test of their own here: all their letters are capitals, which the stripped-length test below accepts.
  let letters = 0;
  let upper = 0;
  let last = 0;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      letters++;
      last = c;
    } else if (c >= 97 && c <= 122) {
      letters++;
      last = c;
    } else if (c >= 128) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    if (upper < 2) return false;
    if (upper === letters && /^[IVXLC]+$/.test(text) && text.length <= 4) return false;
    if (upper === letters - (last === 115 ? 1 : 0)) return true;
    return upper >= 3 && upper / letters >= 0.75;
  }
  return isAcronymText(text);
}

/** Would `toUpperCase` change the text? (ASCII by char codes, anything else through the library.) */
function hasLowerCase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c >= 128) return text !== text.toUpperCase();
  }
  return false;
}

function isAcronymText(text: string): boolean {
  if (/^\p{Lu}(?:\.\p{Lu})+\.?$/u.test(text)) return true;
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = text.replace(/[^\p{Lu}]/gu, '');
  if (upper.length < 2) return false;
  if (/^[IVXLC]+$/.test(text) && text.length <= 4) return false; // Roman numerals (World War II)
  const stripped = letters.replace(/s$/, '');
  if (upper.length === stripped.length) return true;
  return upper.length >= 3 && upper.length / letters.length >= 0.75;
}

function isCapWord(t: Token): boolean {
  return t.cap && t.letter;
}

/** The letters an acronym is built from: capitals and digits, a plural "s" dropped ("CLDs" → CLD). */
function acronymLetters(text: string): string {
  return text.replace(/s$/, '').replace(/[^\p{Lu}\p{N}]/gu, '');
}

/**
 * Per word, the letters it can give to an acronym: its initial, inner capitals ("AeroSpace" → A S), every
 * letter of an all-caps word ("LEO"), digits; connectors give an optional initial ("of" in MOFA).
 */
const initialsCache = new WeakMap<Token, { letters: string; optional: boolean }>();

/** `computeInitials`, once per token (definition search tries many starts over the same words). */
function wordInitials(t: Token): { letters: string; optional: boolean } {
  let v = initialsCache.get(t);
  if (!v) initialsCache.set(t, (v = computeInitials(t)));
  return v;
}

function computeInitials(t: Token): { letters: string; optional: boolean } {
  const text = t.text;
  if (CONNECTORS.has(t.norm) && !t.cap) return { letters: text[0]!.toUpperCase(), optional: true };
  if (/^\p{N}+$/u.test(text)) return { letters: text, optional: false };
  if (isAcronymToken(t)) return { letters: acronymLetters(text.replace(/\./g, '')), optional: false };
  const caps = text.slice(1).replace(/[^\p{Lu}\p{N}]/gu, '');
  return { letters: text[0]!.toUpperCase() + caps, optional: false };
}

/**
 * How well an acronym's letters follow the initials of `words`: longest common subsequence over the
 * initials string. Returns matched letters and how many non-optional words contributed.
 */
/** Scratch table for `initialsScore`, reused across calls. */
let scoreTable = new Int32Array(256);

export function initialsScore(acronym: string, words: Token[]): { matched: number; wordsUsed: number; contentWords: number } {
  const parts = words.map(wordInitials);
  const seq: { ch: string; word: number }[] = [];
  parts.forEach((p, wi) => {
    for (const ch of p.letters) seq.push({ ch, word: wi });
  });
  const a = acronym;
  const n = a.length;
  const m = seq.length;
  const w = m + 1;
  if (scoreTable.length < (n + 1) * w) scoreTable = new Int32Array((n + 1) * w * 2);
  const dp = scoreTable;
  dp.fill(0, 0, (n + 1) * w);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      dp[i * w + j] = a[i - 1] === seq[j - 1]!.ch ? dp[(i - 1) * w + j - 1]! + 1 : Math.max(dp[(i - 1) * w + j]!, dp[i * w + j - 1]!);
    }
  }
  // Trace back which words were used.
  const used = new Set<number>();
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (a[i - 1] === seq[j - 1]!.ch && dp[i * w + j] === dp[(i - 1) * w + j - 1]! + 1) {
      used.add(seq[j - 1]!.word);
      i--;
      j--;
    } else if (dp[(i - 1) * w + j]! >= dp[i * w + j - 1]!) i--;
    else j--;
  }
  const contentWords = parts.filter((p) => !p.optional).length;
  const wordsUsed = [...used].filter((x) => !parts[x]!.optional).length;
  return { matched: dp[n * w + m]!, wordsUsed, contentWords };
}

function acceptable(acr: string, score: { matched: number; wordsUsed: number; contentWords: number }, firstInitial: string): boolean {
  if (acr[0] !== firstInitial) return false;
  return score.matched >= 2 && score.matched / acr.length >= 0.5 && score.wordsUsed / Math.max(1, score.contentWords) >= 0.5;
}

export interface ExtractOptions {
  /** Extract candidate-side names too (for inserted-name detection) without definitions and numbers. */
  namesOnly?: boolean;
}

/** Context the name rules need about the whole document. */
interface DocFacts {
  /** Normalised words seen capitalised somewhere other than a sentence start, in a non-headline sentence. */
  capitalisedInBody: Set<string>;
  /** Normalised word → number of word tokens carrying it. */
  /** Normalised word → word tokens carrying it (`TokenizedDoc.byNorm`; the length is the count). */
  counts: Map<string, number[]>;
}

function docFacts(doc: TokenizedDoc): DocFacts {
  const capitalisedInBody = new Set<string>();
  for (const s of doc.sentences) {
    if (s.titleCase || s.boilerplate) continue;
    for (let i = s.first; i < s.last; i++) {
      const t = doc.tokens[i]!;
      if (isCapWord(t) && !t.initial) capitalisedInBody.add(t.norm);
    }
  }
  return { capitalisedInBody, counts: doc.byNorm };
}

/** Extract the entities of every non-boilerplate sentence, in document order. */
export function extractEntities(doc: TokenizedDoc, options: ExtractOptions = {}): Entity[] {
  const facts = docFacts(doc);
  const out: Entity[] = [];
  for (let si = 0; si < doc.sentences.length; si++) {
    if (doc.sentences[si]!.boilerplate) continue;
    extractSentence(doc, si, facts, out, options);
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  const newId = new Map<number, number>();
  out.forEach((e, k) => newId.set(e.id, k));
  for (const e of out) {
    e.id = newId.get(e.id)!;
    if (e.linked !== undefined) e.linked = newId.get(e.linked);
  }
  return out;
}

function makeEntity(doc: TokenizedDoc, type: EntityType, sent: number, first: number, last: number): Entity {
  const start = doc.tokens[first]!.start;
  const end = doc.tokens[last]!.end;
  const words: Token[] = [];
  for (let i = first; i <= last; i++) if (doc.tokens[i]!.word) words.push(doc.tokens[i]!);
  // Every field from the start (one object shape for all entities keeps the matching code monomorphic).
  return { id: -1, type, sent, first, last, start, end, text: doc.text.slice(start, end), words, linked: undefined, number: undefined };
}

/** Temporary ids, unique within a process; `extractEntities` renumbers them in document order. */
let tempId = 0;

function extractSentence(doc: TokenizedDoc, si: number, facts: DocFacts, out: Entity[], options: ExtractOptions): void {
  const s = doc.sentences[si]!;
  const toks = doc.tokens;
  const used = new Set<number>();
  const local: Entity[] = [];
  const add = (e: Entity): Entity => {
    e.id = tempId++;
    local.push(e);
    for (let k = e.first; k <= e.last; k++) used.add(k);
    return e;
  };
  // A sentence in capitals throughout ("PRESS RELEASE") has no usable acronyms.
  let wordsN = 0;
  let capsN = 0;
  for (let i = s.first; i < s.last; i++) {
    const t = toks[i]!;
    if (!t.letter) continue;
    wordsN++;
    if (t.text.length > 1 && !hasLowerCase(t.text)) capsN++;
  }
  const shouting = wordsN >= 4 && capsN / wordsN > 0.6;

  // 1. Acronyms, joined across glued hyphens when the parts form one code ("CAS500-4", "SWFO-L1", "ASIA-AQ")
  //    rather than two entities ("U.S.-ROK", "NASA-KASA": both parts stand alone elsewhere in the text).
  const acronyms: Entity[] = [];
  if (!shouting) {
    for (let i = s.first; i < s.last; i++) {
      const t = toks[i]!;
      if (!isAcronymToken(t) || used.has(i)) continue;
      let last = i;
      while (last + 2 < s.last) {
        const dash = toks[last + 1]!;
        const nxt = toks[last + 2]!;
        if (!DASHES.has(dash.text) || !dash.glued || !nxt.glued || !nxt.word) break;
        const left = toks[last]!;
        const hasDigit = /\p{N}/u.test(left.text) || /\p{N}/u.test(nxt.text);
        const nxtIsCode = isAcronymToken(nxt) || /^\p{Lu}?\p{N}+$/u.test(nxt.text);
        if (!nxtIsCode || /\./.test(left.text) || /\./.test(nxt.text)) break;
        const standalone = (facts.counts.get(left.norm)?.length ?? 0) > 1 && (facts.counts.get(nxt.norm)?.length ?? 0) > 1;
        if (!hasDigit && standalone) break;
        last += 2;
      }
      acronyms.push(add(makeEntity(doc, 'acronym', si, i, last)));
      i = last;
    }
  }

  // 2. Definitions. "Long Name (ACR)": the acronym alone in parentheses, the name just before.
  if (!options.namesOnly) {
    for (const acr of acronyms) {
      const open = acr.first - 1;
      const close = acr.last + 1;
      // Acronyms in one pair of parentheses form one ("(UN COPUOS)").
      if (open >= s.first && toks[open]!.text === '(') {
        let k = close;
        while (k < s.last && toks[k]!.text !== ')') k++;
        const inner = acronyms.filter((a) => a.first > open && a.last < k);
        const onlyAcronyms = inner.length > 0 && inner[0] === acr && (() => {
          for (let q = open + 1; q < k; q++) if (toks[q]!.word && !inner.some((a) => q >= a.first && q <= a.last)) return false;
          return true;
        })();
        if (!onlyAcronyms || k >= s.last) continue;
        const lastAcr = inner[inner.length - 1]!;
        // Merge the inner acronyms into one entity.
        if (inner.length > 1) {
          const merged = makeEntity(doc, 'acronym', si, acr.first, lastAcr.last);
          merged.id = acr.id;
          Object.assign(acr, merged);
          for (const other of inner.slice(1)) local.splice(local.indexOf(other), 1);
        }
        const letters = acronymLetters(acr.words.map((w) => w.text.replace(/\./g, '')).join(''));
        const exp = findExpansionBefore(doc, si, open, letters, used);
        if (exp) {
          const e = add(makeEntity(doc, 'expansion', si, exp.first, exp.last));
          e.linked = acr.id;
          acr.linked = e.id;
        }
        continue;
      }
      // "ACR (Long Name)".
      if (close < s.last && toks[close]!.text === '(') {
        let k = close + 1;
        while (k < s.last && toks[k]!.text !== ')' && k - close < 16) k++;
        if (k >= s.last || toks[k]!.text !== ')') continue;
        const inner: Token[] = [];
        for (let q = close + 1; q < k; q++) if (toks[q]!.word) inner.push(toks[q]!);
        if (inner.length < 2 || !isCapWord(inner[0]!)) continue;
        const letters = acronymLetters(acr.words.map((w) => w.text.replace(/\./g, '')).join(''));
        const score = initialsScore(letters, inner);
        if (!acceptable(letters, score, wordInitials(inner[0]!).letters[0]!)) continue;
        const q0 = close + 1;
        let q1 = k - 1;
        while (q1 > q0 && !toks[q1]!.word) q1--;
        if ([...Array(q1 - q0 + 1).keys()].some((d) => used.has(q0 + d))) continue;
        const e = add(makeEntity(doc, 'expansion', si, q0, q1));
        e.linked = acr.id;
        acr.linked = e.id;
      }
    }
  }

  // 3. Numbers and dates.
  if (!options.namesOnly) {
    for (const n of extractNumbers(doc, si, used)) {
      const e = add(makeEntity(doc, 'number', si, n.first, n.last));
      e.number = n;
    }
  } else {
    for (let i = s.first; i < s.last; i++) if (/^\p{N}/u.test(toks[i]!.text) || MONTHS.has(toks[i]!.norm)) used.add(i);
  }

  // 4. Titles and roles: capitalised runs of role words ("Deputy Assistant Secretary", "Director-General").
  for (let i = s.first; i < s.last; i++) {
    const t = toks[i]!;
    if (used.has(i) || !isCapWord(t) || !TITLE_WORDS.has(t.norm)) continue;
    let last = i;
    let k = i + 1;
    while (k < s.last) {
      const nt = toks[k]!;
      if (DASHES.has(nt.text) && nt.glued && k + 1 < s.last && toks[k + 1]!.glued && TITLE_WORDS.has(toks[k + 1]!.norm) && !used.has(k + 1)) {
        last = k + 1;
        k += 2;
        continue;
      }
      if (nt.text === '.' && nt.glued && /^(mr|mrs|ms|dr|prof|gov|sen|rep|rev)$/.test(toks[k - 1]!.norm)) {
        last = k;
        k++;
        continue;
      }
      if (!used.has(k) && isCapWord(nt) && TITLE_WORDS.has(nt.norm)) {
        last = k;
        k++;
        continue;
      }
      break;
    }
    // A lone "General" or "Chief" is more often part of a name ("General Assembly") than a role.
    const words = last - i + 1;
    if (words === 1 && /^(general|chief|senior|executive|principal|under|head|lady|lord|speaker|cardinal|captain|vice|acting|associate|assistant|deputy)$/.test(t.norm)) continue;
    // Inside an organisation name ("Office of the Secretary of Defense") the words are not a person's title when an org head precedes.
    add(makeEntity(doc, 'title', si, i, last));
    i = last;
  }

  // 5. Names: capitalised runs over what is left.
  let i = s.first;
  while (i < s.last) {
    const t = toks[i]!;
    if (used.has(i) || !isNameStart(doc, t, s.titleCase, facts)) {
      i++;
      continue;
    }
    const runEnd = extendRun(doc, si, i, used, s.titleCase, facts);
    for (const [a, b] of splitRun(doc, i, runEnd)) add(makeEntity(doc, 'name', si, a, b));
    i = runEnd + 1;
  }

  // Acronyms inside headline-style lines are kept; names from headline lines only when they look like names.
  for (const e of local) out.push(e);
}

/** Is `t` a plausible first word of a name? */
function isNameStart(doc: TokenizedDoc, t: Token, titleCase: boolean, facts: DocFacts): boolean {
  if (!isCapWord(t)) return false;
  if (FUNCTION_WORDS.has(t.norm) || WEEKDAYS.has(t.norm)) return false;
  if (MONTHS.has(t.norm)) return false;
  if (t.text.length < 2 && !/\p{Lu}/u.test(t.text)) return false;
  const country = countryGroupOfWord(t.norm) !== undefined;
  if (titleCase) return looksLikeName(t, facts) || country;
  if (!t.initial) return true;
  // Sentence start: capitals are grammatical. Keep the word if it is a country or not a dictionary word
  // ("Flick named…"), or if a name-like capitalised word follows ("National Oceanic…", "John Lee").
  if (country || !isEnglishWord(t.text)) return true;
  const next = doc.tokens[t.index + 1];
  return !!next && isCapWord(next) && !FUNCTION_WORDS.has(next.norm) && !TITLE_WORDS.has(next.norm) && looksLikeName(next, facts);
}

/** Not a common English word, or capitalised mid-sentence elsewhere in the text. */
function looksLikeName(t: Token, facts: DocFacts): boolean {
  if (!isEnglishWord(t.text.replace(/[’']s$/, ''))) return true;
  return facts.capitalisedInBody.has(t.norm);
}

/**
 * Extend a capitalised run from `i`: capitalised words, glued hyphens between capitalised words
 * ("Earth-Sun"), connectors between capitalised words; "and" only when an organisation head word follows
 * and none precedes ("Korea Astronomy and Space Science Institute" is one name, "Moon and Mars" two).
 * Stops at a possessive, a number, punctuation, or a token another entity took.
 */
function extendRun(doc: TokenizedDoc, si: number, i: number, used: Set<number>, titleCase: boolean, facts: DocFacts): number {
  const s = doc.sentences[si]!;
  const toks = doc.tokens;
  let last = i;
  let k = i + 1;
  const okWord = (q: number) => {
    const w = toks[q];
    if (!w || q >= s.last || used.has(q) || !isCapWord(w) || FUNCTION_WORDS.has(w.norm) && w.norm !== 'the') return false;
    if (MONTHS.has(w.norm) || TITLE_WORDS.has(w.norm) && !ORG_HEADS.has(w.norm)) return false;
    if (titleCase && !looksLikeName(w, facts) && countryGroupOfWord(w.norm) === undefined) return false;
    return true;
  };
  while (k < s.last) {
    const nt = toks[k]!;
    // Possessive ends the run: "NASA’s SPHEREx" is two names.
    if (APOSTROPHES.has(nt.text)) break;
    if (DASHES.has(nt.text) && nt.glued && k + 1 < s.last && toks[k + 1]!.glued && okWord(k + 1)) {
      last = k + 1;
      k += 2;
      continue;
    }
    // Romanised given names: "Han Min-young", "Cho Yong-geun" (short parts, lower-case second part), but not
    // English compounds "Seoul-based", "KASA-led".
    if (DASHES.has(nt.text) && nt.glued && k + 1 < s.last && toks[k + 1]!.glued && /^\p{Ll}{2,5}$/u.test(toks[k + 1]!.text) && toks[last]!.text.length <= 5 && !COMPOUND_SUFFIXES.has(toks[k + 1]!.text) && !(k + 2 < s.last && toks[k + 2]!.glued && toks[k + 2]!.word)) {
      last = k + 1;
      k += 2;
      continue;
    }
    if (okWord(k) && nt.norm !== 'the') {
      last = k;
      k++;
      continue;
    }
    if (nt.word && CONNECTORS.has(nt.norm) && !nt.cap && !used.has(k)) {
      // Allow up to two connectors ("of the") before the next capitalised word.
      let q = k + 1;
      if (q < s.last && toks[q]!.word && CONNECTORS.has(toks[q]!.norm) && toks[q]!.norm !== 'and' && !toks[q]!.cap) q++;
      if (!okWord(q)) break;
      if (nt.norm === 'and') {
        if (toks[k + 1]!.norm === 'the') break;
        let headBefore = false;
        for (let p = i; p <= last; p++) if (ORG_HEADS.has(toks[p]!.norm)) headBefore = true;
        let headAfter = false;
        for (let p = q; p < s.last && okWord(p); p++) if (ORG_HEADS.has(toks[p]!.norm)) headAfter = true;
        if (headBefore || !headAfter) break;
      }
      last = q;
      k = q + 1;
      continue;
    }
    break;
  }
  return last;
}

/**
 * Split a run where an organisation head word is followed by a capitalised non-head word that is not a
 * connector: "Space Affairs Rahima Kandahari" → "Space Affairs" + "Rahima Kandahari" (organisation, person).
 */
function splitRun(doc: TokenizedDoc, a: number, b: number): [number, number][] {
  const toks = doc.tokens;
  const parts: [number, number][] = [];
  let start = a;
  for (let k = a; k < b; k++) {
    const t = toks[k]!;
    const n = toks[k + 1]!;
    if (t.word && ORG_HEADS.has(t.norm) && n.word && n.cap && !ORG_HEADS.has(n.norm) && !CONNECTORS.has(n.norm)) {
      parts.push([start, k]);
      start = k + 1;
    }
  }
  parts.push([start, b]);
  return parts;
}

/**
 * The expansion before "(ACR)": scan back over capitalised words, connectors and dashes (stopping at other
 * punctuation, a possessive or a lower-case word), then pick the earliest start whose initials spell the
 * acronym well enough.
 */
function findExpansionBefore(doc: TokenizedDoc, si: number, open: number, letters: string, used: Set<number>): { first: number; last: number } | undefined {
  const s = doc.sentences[si]!;
  const toks = doc.tokens;
  let k = open - 1;
  const lastWord = k;
  if (k < s.first || !toks[k]!.word) return undefined;
  const span: number[] = [];
  let contentWords = 0;
  while (k >= s.first && contentWords < letters.length + 4) {
    const t = toks[k]!;
    if (used.has(k) && !isAcronymToken(t)) break;
    if (t.word) {
      if (t.cap || /^\p{N}+$/u.test(t.text)) {
        contentWords++;
        span.push(k);
      } else if (CONNECTORS.has(t.norm)) {
        span.push(k);
      } else break;
    } else if (DASHES.has(t.text)) {
      span.push(k);
    } else break;
    k--;
  }
  span.reverse();
  // Candidate starts: capitalised words whose initial is the acronym's first letter; earliest acceptable wins.
  for (const startIdx of span) {
    const t = toks[startIdx]!;
    if (!t.word || !(t.cap || /^\p{N}/u.test(t.text)) || CONNECTORS.has(t.norm) && !t.cap) continue;
    if (wordInitials(t).letters[0] !== letters[0]) continue;
    const words: Token[] = [];
    for (let q = startIdx; q <= lastWord; q++) if (toks[q]!.word) words.push(toks[q]!);
    if (words.length < 2 && !(words.length === 1 && letters.length >= 2 && wordInitials(words[0]!).letters.length >= letters.length - 1)) continue;
    const score = initialsScore(letters, words);
    if (acceptable(letters, score, wordInitials(t).letters[0]!)) {
      if (words.length === 1 && isAcronymToken(words[0]!)) return undefined;
      return { first: startIdx, last: lastWord };
    }
  }
  return undefined;
}
