/**
 * Word-level comparison of a multi-word entity with a stretch of candidate words: which words were kept,
 * changed in case, inflected, misspelled, replaced, lost or inserted. This is what turns "Commercial Lunar
 * Payload Services" vs "Commercial Lunar Attack Services" into "Payload → Attack" rather than a bare score.
 */
import model from 'wink-eng-lite-web-model';
import { MAX_COUNTRY_WORDS, countryGroup, countryGroupOfWord, isEnglishWord, startsCountryForm } from './lexicon.js';
import { tooFarApart, wordSimilarity, type WordSimilarity } from './similarity.js';
import { internId, onInternReset, type Token } from './tokens.js';

const stemFn = (model as unknown as { addons: { stem: (w: string) => string } }).addons.stem;
const stemCache = new Map<string, string>();

/** Porter stem (wink's), cached: inflections of a word are the same word for our purpose. */
export function stem(norm: string): string {
  let s = stemCache.get(norm);
  if (s === undefined) {
    s = /^[a-z]+$/.test(norm) ? stemFn(norm) : norm;
    stemCache.set(norm, s);
  }
  return s;
}

const simCache = new Map<string, WordSimilarity>();

/** Similarity of two normalised words (string-keyed memo; `similarityOf` is the faster one for tokens). */
export function similarity(a: string, b: string): WordSimilarity {
  const key = `${a}\u0000${b}`;
  let s = simCache.get(key);
  if (!s) {
    s = wordSimilarity(a, b);
    if (simCache.size > 50_000) simCache.clear();
    simCache.set(key, s);
  }
  return s;
}

/** Per-token memos keyed by intern ids (rows by the first id): no string building on the hot path. */
let simRows: (Map<number, WordSimilarity> | undefined)[] = [];
let matchRows: (Map<number, WordMatch | null> | undefined)[] = [];
let cachedPairs = 0;
onInternReset(() => {
  simRows = [];
  matchRows = [];
  cachedPairs = 0;
});

function countPair(): void {
  // Bounded memory over long batches: start over when too many pairs are held.
  if (++cachedPairs > 400_000) {
    simRows = [];
    matchRows = [];
    cachedPairs = 0;
  }
}

/** `similarity` for two tokens, memoised on their intern ids. */
export function similarityOf(a: Token, b: Token): WordSimilarity {
  let row = simRows[a.id];
  if (!row) simRows[a.id] = row = new Map();
  let s = row.get(b.id);
  if (!s) {
    s = wordSimilarity(a.norm, b.norm);
    countPair();
    row.set(b.id, s);
  }
  return s;
}

/** Per intern id: does the normalised form contain a numeral? (0 unknown, 1 no, 2 yes.) */
let numeralById: number[] = [];
onInternReset(() => {
  numeralById = [];
});

/** Does the token's normalised form contain a numeral (\p{N})? Memoised per word. */
export function normHasNumeral(t: Token): boolean {
  let v = numeralById[t.id];
  if (v === undefined || v === 0) numeralById[t.id] = v = /\p{N}/u.test(t.norm) ? 2 : 1;
  return v === 2;
}

/** Misspelling-level closeness of two tokens, rejecting on length before computing anything. */
export function isClose(a: Token, b: Token): boolean {
  if (a.id === b.id) return true;
  if (tooFarApart(a.norm.length, b.norm.length)) return false;
  return similarityOf(a, b).close;
}

export type WordMatch = 'eq' | 'variant' | 'close';

/** A name connector or an article/preposition (`CONNECTOR_WORDS`), flagged once at tokenization. */
export function isConnector(t: Token): boolean {
  return t.conn;
}

/** How a reference word relates to a candidate word, if at all (memoised on the two intern ids). */
export function matchWord(a: Token, b: Token): WordMatch | undefined {
  if (a.id === b.id) return 'eq';
  const dl = a.text.length - b.text.length;
  if ((dl === 1 || dl === -1) && acronymPlural(a.text, b.text)) return 'variant';
  let row = matchRows[a.id];
  if (!row) matchRows[a.id] = row = new Map();
  let m = row.get(b.id);
  if (m === undefined) {
    m = matchNorms(a, b) ?? null;
    countPair();
    row.set(b.id, m);
  }
  return m ?? undefined;
}

/**
 * An acronym and its plural ("CLD" / "CLDs", "NGOs" / "NGO"): the same referent, counted differently. Only a
 * lower-case "s" after an all-capitals stem counts ("CLDS" may be another acronym). Decided on the text, not
 * the normalised form, so it sits before the memo.
 */
export function acronymPlural(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) !== 1) return false;
  const short = a.length < b.length ? a : b;
  const long = a.length < b.length ? b : a;
  if (long.charCodeAt(long.length - 1) !== 115 /* s */ || short.length < 2) return false;
  return long.startsWith(short) && /^[\p{Lu}\p{N}]+$/u.test(short) && /\p{Lu}.*\p{Lu}/u.test(short);
}

function matchNorms(a: Token, b: Token): WordMatch | undefined {
  if (isConnector(a) || isConnector(b)) return undefined;
  // Inflection is harmless for words ("Accords"/"Accord", "Oscars"/"Oscar"), not for names
  // ("Desautels"/"Desautel"); nor are British/American spellings or ß/ss ("Harbour"/"Harbor").
  if (stem(a.norm) === stem(b.norm) && (isEnglishWord(a.norm) || isEnglishWord(b.norm))) return 'variant';
  if (spellingKey(a.norm) === spellingKey(b.norm)) return 'variant';
  const ga = countryGroupOfWord(a.norm);
  if (ga !== undefined && ga === countryGroupOfWord(b.norm)) return 'variant';
  if (a.norm.length < 3 || b.norm.length < 3) return undefined;
  // Digits must agree exactly: "CAS500" vs "CAS600" is a different thing, not a typo.
  if (/\p{N}/u.test(a.norm) || /\p{N}/u.test(b.norm)) return undefined;
  return isClose(a, b) ? 'close' : undefined;
}

export type WordOp =
  | { op: 'eq' | 'variant' | 'close' | 'moved'; r: Token; c: Token }
  | { op: 'replaced'; r: Token[]; c: Token[] }
  | { op: 'lost'; r: Token }
  | { op: 'inserted'; c: Token };

const WEIGHT: Record<WordMatch, number> = { eq: 3, variant: 3, close: 2 };
const MATCH_CODE: Record<WordMatch, number> = { eq: 1, variant: 2, close: 3 };
const MATCH_OF_CODE: (WordMatch | undefined)[] = [undefined, 'eq', 'variant', 'close'];
let alignDp = new Int32Array(256);
let alignMt = new Uint8Array(256);

/**
 * Align reference words with candidate words (weighted LCS: exact and inflection 3, misspelling 2), then
 * read the gaps: a gap with words on both sides is a replacement, one-sided gaps are losses or insertions,
 * and a lost word that reappears among the inserted ones is only moved ("Korea Astronomy and Space Science
 * Institute" vs "Korea Institute of Astronomy and Space Science").
 */
export function alignWords(refIn: Token[], candIn: Token[]): WordOp[] {
  const ref = collapseCountries(refIn);
  const cand = collapseCountries(candIn);
  const n = ref.length;
  const m = cand.length;
  // Flat tables (row-major, row width m + 1), reused across calls.
  const W = m + 1;
  if (alignDp.length < (n + 1) * W) {
    alignDp = new Int32Array((n + 1) * W * 2);
    alignMt = new Uint8Array((n + 1) * W * 2);
  }
  const dp = alignDp;
  const mt = alignMt;
  dp.fill(0, 0, (n + 1) * W);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const w = matchWord(ref[i - 1]!, cand[j - 1]!);
      mt[i * W + j] = w ? MATCH_CODE[w] : 0;
      const diag = w ? dp[(i - 1) * W + j - 1]! + WEIGHT[w] : -1;
      dp[i * W + j] = Math.max(dp[(i - 1) * W + j]!, dp[i * W + j - 1]!, diag);
    }
  }
  const pairs: { i: number; j: number; w: WordMatch }[] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const code = mt[i * W + j]!;
    const w = code ? MATCH_OF_CODE[code]! : undefined;
    if (w && dp[i * W + j] === dp[(i - 1) * W + j - 1]! + WEIGHT[w]) {
      pairs.push({ i: i - 1, j: j - 1, w });
      i--;
      j--;
    } else if (dp[(i - 1) * W + j]! >= dp[i * W + j - 1]!) i--;
    else j--;
  }
  pairs.reverse();
  const ops: WordOp[] = [];
  let ri = 0;
  let cj = 0;
  const gap = (rEnd: number, cEnd: number) => {
    const rs = ref.slice(ri, rEnd).filter((t) => !isConnector(t));
    const cs = cand.slice(cj, cEnd).filter((t) => !isConnector(t));
    if (rs.length && cs.length) ops.push({ op: 'replaced', r: rs, c: cs });
    else {
      for (const r of rs) ops.push({ op: 'lost', r });
      for (const c of cs) ops.push({ op: 'inserted', c });
    }
  };
  for (const p of pairs) {
    gap(p.i, p.j);
    ops.push({ op: p.w, r: ref[p.i]!, c: cand[p.j]! });
    ri = p.i + 1;
    cj = p.j + 1;
  }
  gap(n, m);
  // Moved words: a lost/replaced reference word that equals an inserted/replacing candidate word elsewhere.
  const spareC = new Map<string, Token[]>();
  for (const o of ops) {
    if (o.op === 'inserted') push(spareC, o.c.norm, o.c);
    if (o.op === 'replaced') for (const c of o.c) push(spareC, c.norm, c);
  }
  const movedC = new Set<Token>();
  const out: WordOp[] = [];
  const takeMoved = (r: Token): Token | undefined => {
    const list = spareC.get(r.norm) ?? spareC.get(stem(r.norm));
    const c = list?.find((x) => !movedC.has(x));
    if (c) movedC.add(c);
    return c;
  };
  for (const o of ops) {
    if (o.op === 'lost') {
      const c = takeMoved(o.r);
      out.push(c ? { op: 'moved', r: o.r, c } : o);
    } else if (o.op === 'replaced') {
      const keepR: Token[] = [];
      for (const r of o.r) {
        const c = takeMoved(r);
        if (c) out.push({ op: 'moved', r, c });
        else keepR.push(r);
      }
      o.r = keepR;
      out.push(o);
    } else out.push(o);
  }
  // Drop candidate words that were claimed as moved; re-type emptied replacements.
  const final: WordOp[] = [];
  for (const o of out) {
    if (o.op === 'inserted' && movedC.has(o.c)) continue;
    if (o.op === 'replaced') {
      const cs = o.c.filter((c) => !movedC.has(c));
      if (o.r.length && cs.length) final.push({ op: 'replaced', r: o.r, c: cs });
      else {
        for (const r of o.r) final.push({ op: 'lost', r });
        for (const c of cs) final.push({ op: 'inserted', c });
      }
      continue;
    }
    final.push(o);
  }
  return final;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/**
 * Replace each country/organisation form ("United States of America", "U.S.", "American", "UN",
 * "United Nations") by one token whose norm names its group, so the word alignment treats the forms of one
 * referent as equal and counts a multi-word form as one word.
 */
export function collapseCountries(words: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!startsCountryForm(words[i]!.norm)) {
      out.push(words[i]!);
      continue;
    }
    let taken = false;
    for (let len = Math.min(MAX_COUNTRY_WORDS, words.length - i); len >= 1; len--) {
      const slice = words.slice(i, i + len);
      const g = countryGroup(slice.map((w) => w.norm));
      if (g === undefined) continue;
      const norm = `#country${g}`;
      out.push({ ...words[i]!, text: slice.map((w) => w.text).join(' '), norm, id: internId(norm), conn: false, end: slice[len - 1]!.end });
      i += len - 1;
      taken = true;
      break;
    }
    if (!taken) out.push(words[i]!);
  }
  return out;
}

/** Country group of a run of words, if they form exactly one country form. */
export function countryOfWords(words: Token[]): number | undefined {
  return words.length <= MAX_COUNTRY_WORDS ? countryGroup(words.map((w) => w.norm)) : undefined;
}

/**
 * A key that makes British and American spellings and German ß/ss equal: "organisation" = "organization",
 * "harbour" = "harbor", "centre" = "center", "talstraße" = "talstrasse", "defence" = "defense".
 */
export function spellingKey(norm: string): string {
  return norm
    .replace(/ß/g, 'ss')
    .replace(/our(s?)$/, 'or$1')
    .replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1')
    .replace(/tre(s?)$/, 'ter$1')
    .replace(/ence$/, 'ense')
    .replace(/ogue$/, 'og');
}
