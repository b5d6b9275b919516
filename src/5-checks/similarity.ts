/**
 * String similarity for telling a misspelled name from a different one: Levenshtein distance, Jaro-Winkler
 * similarity (Winkler 1990; always on lower-cased text, so "KASA"/"Kasa" is not a spelling change), and a
 * phonetic key.
 *
 * Why our own key: natural's DoubleMetaphone drops an intervocalic S ("KASA" → "K"), and Soundex keeps the
 * first letter verbatim, so "KASA" and "Cassa" (the machine round trip in corpus 001) never meet. The key
 * below maps hard C/Q/CK to K, soft C and Z to S, PH to F, D/T, B/P, V/F, G/J (before e/i) and collapses
 * doubled letters (SS → S), then drops vowels after the first letter.
 */

/** Scratch rows reused across calls (the checks run single-threaded per worker). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let flagA = new Uint8Array(64);
let flagB = new Uint8Array(64);

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 1);
    rowB = new Int32Array(b.length * 2 + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const x = prev[j]! + 1;
      const y = cur[j - 1]! + 1;
      const z = prev[j - 1]! + cost;
      cur[j] = x < y ? (x < z ? x : z) : y < z ? y : z;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

/** Jaro-Winkler similarity in [0, 1], case-insensitive (prefix scale 0.1, prefix up to 4). */
export function jaroWinkler(s1: string, s2: string): number {
  const a = s1.toLowerCase();
  const b = s2.toLowerCase();
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  if (flagA.length < a.length) flagA = new Uint8Array(a.length * 2);
  if (flagB.length < b.length) flagB = new Uint8Array(b.length * 2);
  const ma = flagA;
  const mb = flagB;
  ma.fill(0, 0, a.length);
  mb.fill(0, 0, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length, i + window + 1);
    const ca = a.charCodeAt(i);
    for (let k = lo; k < hi; k++) {
      if (mb[k] || ca !== b.charCodeAt(k)) continue;
      ma[i] = mb[k] = 1;
      m++;
      break;
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (m / a.length + m / b.length + (m - t / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const keyCache = new Map<string, string>();

/** A phonetic key that keeps K/C and S/SS together (see the module comment); memoised per word. */
export function phoneticKey(word: string): string {
  let k = keyCache.get(word);
  if (k === undefined) {
    k = computePhoneticKey(word);
    if (keyCache.size > 100_000) keyCache.clear();
    keyCache.set(word, k);
  }
  return k;
}

function computePhoneticKey(word: string): string {
  let s = word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (!s) return '';
  s = s
    .replace(/ph/g, 'p') // garbled transliterations drop the h ("SPHEREx" → "SPAREX")
    .replace(/ck/g, 'k')
    .replace(/sch/g, 'sk')
    .replace(/ch/g, 'k')
    .replace(/sh/g, 's')
    .replace(/th/g, 't')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cq]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/d/g, 't')
    .replace(/b/g, 'p')
    .replace(/v/g, 'f')
    .replace(/g(?=[eiy])/g, 'j')
    .replace(/gh/g, 'g');
  const first = s[0]!;
  const head = /[aeiou]/.test(first) ? 'a' : first === 'h' || first === 'w' || first === 'y' ? first : first;
  // Vowels, and h/w/y after the first letter, carry little of a transliterated name.
  const rest = s.slice(1).replace(/[aeiouhwy]/g, '');
  let out = head;
  for (const ch of rest) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

/** How close two single words are, with the figures a finding cites. */
export interface WordSimilarity {
  jaroWinkler: number;
  editDistance: number;
  phoneticKeys: [string, string];
  /** Misspelling-level closeness: same name, wrongly spelled. */
  close: boolean;
}

/**
 * Decides whether `b` is a misspelling of `a` (both compared without case). Short words need a small edit
 * distance or the same phonetic key; longer words may use Jaro-Winkler ≥ 0.85 (Winkler's usual threshold for
 * name matching), tightened for words under 5 letters where JW inflates.
 */
export function wordSimilarity(a: string, b: string): WordSimilarity {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  const jw = jaroWinkler(la, lb);
  const ed = levenshtein(la, lb);
  const ka = phoneticKey(la);
  const kb = phoneticKey(lb);
  const minLen = Math.min(la.length, lb.length);
  const maxLen = Math.max(la.length, lb.length);
  // Same sound key only counts for words of about the same length ("MDA" and "Mudhah" share "MT").
  const sameKey = ka === kb && ka.length >= 2 && jw >= 0.7 && maxLen - minLen <= 2;
  let close: boolean;
  if (la === lb) close = true;
  else if (minLen <= 2) close = false;
  else if (maxLen <= 4) close = (ed <= 1 && la[0] === lb[0]) || sameKey;
  else close = (jw >= 0.85 && ed <= Math.ceil(maxLen / 3)) || ed <= Math.max(1, Math.floor(maxLen / 4)) || sameKey;
  return { jaroWinkler: round3(jw), editDistance: ed, phoneticKeys: [ka, kb], close };
}

/**
 * True when `wordSimilarity(a, b).close` cannot hold, from the lengths alone: every branch of it needs an
 * edit distance of at most max(2, ⌈longer/3⌉), and the distance is at least the difference in length.
 */
export function tooFarApart(la: number, lb: number): boolean {
  const maxLen = la > lb ? la : lb;
  const diff = la > lb ? la - lb : lb - la;
  return diff > Math.max(2, Math.ceil(maxLen / 3));
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
