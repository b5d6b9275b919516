/**
 * Sentence features for alignment: sparse TF-IDF vectors in two views, built without a trained model.
 *
 * - **Word view**: Porter stems of content words (stop words dropped). Stems survive inflection and light
 *   paraphrase ("exploring" ~ "exploration"); IDF makes rare shared words (names, acronyms, numbers) count
 *   far more than topic words, which is what separates the right sentence from its neighbours (Moore 2002,
 *   "Fast and accurate sentence alignment of bilingual corpora", uses the same word-overlap idea).
 *   Tokens that look like entities (capitalised mid-sentence, acronyms, numbers) get an extra weight: they are
 *   what independent renderings keep (bible-nt: names and numbers are identical across translations).
 * - **Character view**: character 3-grams of the words (function words included), padded with word boundaries. They survive
 *   the garbling of a machine round-trip ("Feldstein"→"Feldestein", "Kandahari"→"Kanhdhari" in corpus 001)
 *   and tokenisation differences ("Korea-US" vs "Korea-U.S."), as chrF does (Popović 2015).
 *
 * Vectors are stored in compressed sparse rows (one typed array per side) so that 100,000 sentences fit in
 * a few tens of megabytes, and every vector is a *sum* of per-token contributions: the vector of a group of
 * sentences is the sum of its members, so the similarity of any 2-1 or 3-2 group is computed from pairwise
 * dot products already cached (the trick Vecalign uses with sentence embeddings; Thompson & Koehn 2019).
 */
import { createRequire } from 'node:module';

// natural's package root prints to stdout and reads .env; load only the two submodules we need. They ship no
// type declarations, so we load them through `require` with a narrow local type rather than declaring the
// module globally (which would clash with any other stage doing the same).
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };
const naturalStopwords = (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words;

/** English function words: they carry no evidence of correspondence (they occur in every sentence). */
const STOPWORDS = new Set<string>([
  // natural's list includes the digits 0–9 and single letters; digits are evidence ("Article 2"), keep them.
  ...naturalStopwords.filter((w) => !/\d/.test(w)),
  // Forms natural's list lacks but that are as frequent as its members in news and scripture.
  'also', 'upon', 'unto', 'shall', 'may', 'might', 'must', 'us', 'could', 'would', 'should', 'said', 'say',
  'says', 'one', 'two', 'three', 'onto', 'within', 'however', 'thus', 'yet', 'even', 'every', 'let', 'ye',
  'thee', 'thou', 'thy', 'hath', 'whom', 'whose', 'among', 'including', 'since', 'while', 'well',
  'yes', 'mr', 'ms', 'mrs',
]);

/**
 * Word-like tokens: letters/digits, keeping inner apostrophes, dots and hyphens ("U.S.", "Director-General").
 * `analyse` scans for exactly these tokens by hand; the expression is the specification (and the test's).
 */
export const TOKEN_RE = /[\p{L}\p{N}]+(?:[.'’\-][\p{L}\p{N}]+)*\.?/gu;

/** A token's analysis, computed once per distinct surface form and process (see TokenMemo). */
interface TokenInfo {
  /** Global stem id (TokenMemo.stems), or -1 for a stop word. */
  stem: number;
  /** Global character n-gram ids (TokenMemo.grams), in order (empty for stop words without n-grams). */
  grams: Int32Array;
  /** Digits, acronyms and capitalised words: evidence that survives paraphrase and translation. */
  entityLike: boolean;
  /** FNV-1a hash of the lower-cased letters and digits (for exact-copy anchors). */
  hash: number;
}

/** A sparse matrix in compressed sparse row form: row r has ids[ptr[r]..ptr[r+1]) with values vals[...]. */
export interface SparseRows {
  ptr: Int32Array;
  ids: Int32Array;
  vals: Float32Array;
}

/** The features of one side, ready for dot products. */
export interface SideFeatures {
  /** Number of sentences. */
  n: number;
  /** Word view (stems), TF-IDF weighted, entity-boosted. */
  words: SparseRows;
  /** Character 3-gram view, TF-IDF weighted. */
  chars: SparseRows;
  /** Squared norms of each row in each view. */
  wordNorm2: Float64Array;
  charNorm2: Float64Array;
  /** Sentence length in characters (whitespace collapsed), for the Gale–Church length cost. */
  len: Float64Array;
  /** Stem ids of the content words per sentence (for anchors and rare-word evidence), sorted, unique. */
  stems: SparseRows;
  /** Hash of the normalised sentence text (letters and digits only, lower-cased); 0 for empty sentences. */
  hash: Int32Array;
  /** Hash of the whole sentence text, whitespace-trimmed: identifies identical sentences without words. */
  textHash: Int32Array;
  /** Entity-like stems per sentence (names, acronyms, numbers), as stem ids; sorted, unique. */
  entities: SparseRows;
}

/** Options of feature extraction (exposed for tuning and tests). */
export interface FeatureOptions {
  /** Multiplier of the IDF weight of entity-like tokens in the word view. */
  entityBoost: number;
  /** Character n-gram length of the char view. */
  gramSize: number;
  /**
   * Whether function words contribute character n-grams (never stems). IDF keeps them light, but they
   * carry the phrasing two renderings share ("the father of …"); on bible-nt dev F1 0.950 → 0.953.
   */
  functionWordGrams: boolean;
  /** Character n-grams with a lower IDF (in more than about half the sentences) are left out. */
  minGramIdf: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { entityBoost: 2, gramSize: 3, functionWordGrams: true, minGramIdf: 0 };

/** Both sides' features over one shared vocabulary (ids must mean the same thing on both sides). */
export interface PairFeatures {
  ref: SideFeatures;
  cand: SideFeatures;
  /** Document frequency of each stem id on each side (sentences containing it). */
  stemDfRef: Int32Array;
  stemDfCand: Int32Array;
  /** Number of distinct stems (size of the stem id space). */
  stemCount: number;
}

/**
 * Token analyses memoised across calls, per feature options: a surface form is analysed (and Porter-stemmed)
 * once per process, not once per document pair. In a batch of press releases the same few thousand words
 * recur in every pair, and analysing them was ~40% of aligning a 35-sentence pair (CPU profile of corpus
 * 000→001). Stems and n-grams get *global* ids here; each call maps the ones it meets to dense local ids in
 * order of first use (`Vocabulary`), so a pair's features do not depend on what was aligned before. The memo
 * is dropped between calls once it holds MAX_MEMO_TOKENS surface forms or MAX_MEMO_CHARS characters of
 * them, which bounds its memory.
 */
class TokenMemo {
  readonly stems = new Map<string, number>();
  readonly grams = new Map<string, number>();
  /** Surface form → global token id, for tokens inside a sentence and for sentence-initial ones. */
  readonly tokenIds = new Map<string, number>();
  readonly initialIds = new Map<string, number>();
  readonly infos: TokenInfo[] = [];
  /** Sentence text → its analysis (small documents only; see Vocabulary.analyse). */
  readonly sentences = new Map<string, SentenceInfo>();
  /** Characters of the remembered surface forms and sentences (memory bounds). */
  tokenChars = 0;
  sentenceChars = 0;

  constructor(
    private readonly gramSize: number,
    private readonly functionWordGrams: boolean,
  ) {}

  id(token: string, sentenceInitial: boolean): number {
    // Sentence-initial capitals say nothing about entity-hood, so the two positions are told apart.
    const map = sentenceInitial ? this.initialIds : this.tokenIds;
    let id = map.get(token);
    if (id === undefined) {
      id = this.infos.length;
      this.infos.push(this.analyse(token, sentenceInitial));
      map.set(token, id);
      this.tokenChars += token.length;
    }
    return id;
  }

  private analyse(token: string, sentenceInitial: boolean): TokenInfo {
    const lower = token.replace(/[.'’]/g, '').toLowerCase();
    const hash = fnv1a(lower.replace(/[^\p{L}\p{N}]/gu, ''));
    const hasDigit = /\p{N}/u.test(token);
    const isAcronym = /^\p{Lu}[\p{Lu}.\-]*\p{Lu}\.?$/u.test(token) && !/\p{Ll}/u.test(token);
    const isCapitalised = /^\p{Lu}/u.test(token);
    if (lower.length === 0 || (STOPWORDS.has(lower) && !isAcronym)) {
      if (!this.functionWordGrams || lower.length === 0) return { stem: -1, grams: new Int32Array(0), entityLike: false, hash };
      return { stem: -1, grams: this.gramsOf(lower), entityLike: false, hash };
    }
    const stemmed = hasDigit || isAcronym ? lower : porter.stem(lower);
    const stem = intern(this.stems, stemmed);
    return { stem, grams: this.gramsOf(lower), entityLike: hasDigit || isAcronym || (isCapitalised && !sentenceInitial), hash };
  }

  /** Character n-grams of a word padded with word boundaries ("_word_"), in order. */
  private gramsOf(lower: string): Int32Array {
    const padded = `_${lower}_`;
    const g = this.gramSize;
    const n = Math.max(g, padded.length) - g + 1;
    const grams = new Int32Array(n);
    for (let k = 0; k < n; k++) grams[k] = intern(this.grams, padded.slice(k, k + g));
    return grams;
  }
}

function intern(map: Map<string, number>, s: string): number {
  let id = map.get(s);
  if (id === undefined) {
    id = map.size;
    map.set(s, id);
  }
  return id;
}

/** Surface forms the memo may hold before it is dropped, and characters of them (a few tens of MB at most). */
const MAX_MEMO_TOKENS = 200_000;
const MAX_MEMO_CHARS = 4_000_000;
/**
 * Sentences remembered (see SentenceInfo; at most MAX_MEMO_CHARS characters of them too), and the largest
 * side whose sentences are remembered (long texts do not repeat; they would only churn the memo).
 */
const MAX_MEMO_SENTENCES = 20_000;
const MEMO_SIDE_SENTENCES = 2_000;
const memos = new Map<string, TokenMemo>();

function memoFor(gramSize: number, functionWordGrams: boolean): TokenMemo {
  const key = `${gramSize}|${functionWordGrams}`;
  let memo = memos.get(key);
  if (memo === undefined || memo.infos.length > MAX_MEMO_TOKENS || memo.tokenChars > MAX_MEMO_CHARS) {
    memo = new TokenMemo(gramSize, functionWordGrams);
    memos.set(key, memo);
  }
  return memo;
}

/**
 * A sentence's analysis: its distinct stems and n-grams as global ids in order of first occurrence, with
 * their counts. Remembered per sentence text for small documents: a batch audits many candidates against
 * the same few references, and a republished copy keeps most sentences verbatim.
 */
interface SentenceInfo {
  stems: Int32Array;
  stemCounts: Int32Array;
  /** 1 when some occurrence of the stem is entity-like. */
  stemEntity: Uint8Array;
  grams: Int32Array;
  gramCounts: Int32Array;
  /** See SideFeatures.hash and SideFeatures.textHash. */
  hash: number;
  textHash: number;
}

/** A growable Int32Array. */
class IntBuffer {
  data: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.size === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.size++] = v;
  }
  append(values: Int32Array): void {
    if (this.size + values.length > this.data.length) {
      const d = new Int32Array(Math.max(this.data.length * 2, this.size + values.length));
      d.set(this.data);
      this.data = d;
    }
    this.data.set(values, this.size);
    this.size += values.length;
  }
  view(from: number): Int32Array {
    return this.data.subarray(from, this.size);
  }
}

/** Global id → local id tables, reused across calls; an entry is valid when its stamp is the call's. */
class LocalIds {
  local = new Int32Array(1024);
  stamp = new Int32Array(1024);
  /** Local ids given out in the current call. */
  count = 0;

  /** Makes room for global ids below `size`, keeping the entries. */
  grow(size: number): void {
    if (size <= this.local.length) return;
    const cap = Math.max(size, this.local.length * 2);
    const local = new Int32Array(cap);
    local.set(this.local);
    const stamp = new Int32Array(cap);
    stamp.set(this.stamp);
    this.local = local;
    this.stamp = stamp;
  }

  /** Local id of global id `g` in the call stamped `gen`, given out now if it has none yet. */
  map(g: number, gen: number, size: number): number {
    if (g >= this.stamp.length) this.grow(size);
    if (this.stamp[g] !== gen) {
      this.stamp[g] = gen;
      this.local[g] = this.count++;
    }
    return this.local[g]!;
  }
}
let generation = 0;
const stemLocal = new LocalIds();
const gramLocal = new LocalIds();
/** Per-sentence scratch: position of a global id in the sentence's distinct list (valid when stamped). */
const stemSlot = new LocalIds();
const gramSlot = new LocalIds();
let sentenceStamp = 0;

/** One side's sentences as distinct local stem and n-gram ids with counts (CSR), before IDF is known. */
interface RawSide {
  n: number;
  stemPtr: Int32Array;
  stems: Int32Array;
  stemCounts: Int32Array;
  stemEntity: Uint8Array;
  gramPtr: Int32Array;
  grams: Int32Array;
  gramCounts: Int32Array;
  len: Float64Array;
  hash: Int32Array;
  textHash: Int32Array;
}

/**
 * One call's view of the memo: stems and n-grams get dense local ids in order of first occurrence
 * (reference first, then candidate), so that ids — and the order of sums over them — are the same whatever
 * was aligned before.
 */
class Vocabulary {
  readonly memo: TokenMemo;
  private readonly gen: number;

  constructor(gramSize: number, functionWordGrams: boolean) {
    this.memo = memoFor(gramSize, functionWordGrams);
    generation = (generation + 1) | 0 || 1;
    this.gen = generation;
    stemLocal.count = 0;
    gramLocal.count = 0;
  }

  /** The side's sentences with local ids. */
  analyse(texts: readonly string[]): RawSide {
    const n = texts.length;
    const remember = n <= MEMO_SIDE_SENTENCES;
    const memo = this.memo;
    const stemPtr = new Int32Array(n + 1);
    const gramPtr = new Int32Array(n + 1);
    const stems = new IntBuffer(n * 12);
    const stemCounts = new IntBuffer(n * 12);
    const entity: number[] = [];
    const grams = new IntBuffer(n * 60);
    const gramCounts = new IntBuffer(n * 60);
    const len = new Float64Array(n);
    const hash = new Int32Array(n);
    const textHash = new Int32Array(n);
    const gen = this.gen;
    for (let s = 0; s < n; s++) {
      const text = texts[s]!;
      len[s] = text.length;
      const s0 = stems.size;
      const g0 = grams.size;
      let info = remember ? memo.sentences.get(text) : undefined;
      if (info === undefined) {
        hash[s] = scanSentence(text, memo, stems, stemCounts, entity, grams, gramCounts);
        textHash[s] = fnv1a(text.trim()) | 0 || 1;
        if (remember) {
          if (memo.sentences.size >= MAX_MEMO_SENTENCES || memo.sentenceChars + text.length > MAX_MEMO_CHARS) {
            memo.sentences.clear();
            memo.sentenceChars = 0;
          }
          memo.sentenceChars += text.length;
          info = {
            stems: stems.view(s0).slice(),
            stemCounts: stemCounts.view(s0).slice(),
            stemEntity: Uint8Array.from(entity.slice(s0)),
            grams: grams.view(g0).slice(),
            gramCounts: gramCounts.view(g0).slice(),
            hash: hash[s]!,
            textHash: textHash[s]!,
          };
          memo.sentences.set(text, info);
        }
      } else {
        stems.append(info.stems);
        stemCounts.append(info.stemCounts);
        for (let k = 0; k < info.stemEntity.length; k++) entity.push(info.stemEntity[k]!);
        grams.append(info.grams);
        gramCounts.append(info.gramCounts);
        hash[s] = info.hash;
        textHash[s] = info.textHash;
      }
      // Global → local ids, in order of first occurrence.
      const st = stems.data;
      for (let k = s0; k < stems.size; k++) st[k] = stemLocal.map(st[k]!, gen, memo.stems.size);
      const gr = grams.data;
      for (let k = g0; k < grams.size; k++) gr[k] = gramLocal.map(gr[k]!, gen, memo.grams.size);
      stemPtr[s + 1] = stems.size;
      gramPtr[s + 1] = grams.size;
    }
    return {
      n,
      stemPtr,
      stems: stems.view(0),
      stemCounts: stemCounts.view(0),
      stemEntity: Uint8Array.from(entity),
      gramPtr,
      grams: grams.view(0),
      gramCounts: gramCounts.view(0),
      len,
      hash,
      textHash,
    };
  }
}

/**
 * Tokenises one sentence and appends its distinct stems and n-grams (global ids, in order of first
 * occurrence) with counts; returns the sentence hash (0 when it has no word).
 */
function scanSentence(
  text: string,
  memo: TokenMemo,
  stems: IntBuffer,
  stemCounts: IntBuffer,
  entity: number[],
  grams: IntBuffer,
  gramCounts: IntBuffer,
): number {
  const stamp = (sentenceStamp = (sentenceStamp + 1) | 0 || 1);
  let first = true;
  let h = 0;
  let any = false;
  const L = text.length;
  for (let i = 0; i < L; ) {
    const end = tokenEnd(text, i);
    if (end < 0) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    i = end;
    const t: TokenInfo = memo.infos[memo.id(text.slice(start, i), first)]!;
    first = false;
    any = true;
    h = (Math.imul(h, 31) + t.hash) | 0;
    if (t.stem >= 0) {
      if (t.stem >= stemSlot.stamp.length) stemSlot.grow(memo.stems.size);
      if (stemSlot.stamp[t.stem] !== stamp) {
        stemSlot.stamp[t.stem] = stamp;
        stemSlot.local[t.stem] = stems.size;
        stems.push(t.stem);
        stemCounts.push(1);
        entity.push(t.entityLike ? 1 : 0);
      } else {
        const at = stemSlot.local[t.stem]!;
        stemCounts.data[at] = stemCounts.data[at]! + 1;
        if (t.entityLike) entity[at] = 1;
      }
    }
    const tg: Int32Array = t.grams;
    for (let q = 0; q < tg.length; q++) {
      const g = tg[q]!;
      if (g >= gramSlot.stamp.length) gramSlot.grow(memo.grams.size);
      if (gramSlot.stamp[g] !== stamp) {
        gramSlot.stamp[g] = stamp;
        gramSlot.local[g] = grams.size;
        grams.push(g);
        gramCounts.push(1);
      } else {
        const at = gramSlot.local[g]!;
        gramCounts.data[at] = gramCounts.data[at]! + 1;
      }
    }
  }
  // 0 marks "no words": such sentences never anchor on their hash.
  return any ? h | 0 || 1 : 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Letter-or-digit test by code point, memoised for the Basic Multilingual Plane. */
const WORD_CHAR = new Uint8Array(65536);
function isWordChar(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  if (cp < 65536) {
    let v = WORD_CHAR[cp]!;
    if (v === 0) {
      v = /[\p{L}\p{N}]/u.test(String.fromCharCode(cp)) ? 1 : 2;
      WORD_CHAR[cp] = v;
    }
    return v === 1;
  }
  return /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp));
}

/**
 * End of the TOKEN_RE token starting at `i`, or −1 when none starts there (a hand-rolled scanner: the
 * same tokens as the expression, several times faster than RegExp.exec).
 */
function tokenEnd(text: string, i: number): number {
  const L = text.length;
  let cp = text.codePointAt(i)!;
  if (!isWordChar(cp)) return -1;
  i += cp > 0xffff ? 2 : 1;
  while (i < L) {
    cp = text.codePointAt(i)!;
    if (isWordChar(cp)) {
      i += cp > 0xffff ? 2 : 1;
    } else if ((cp === 46 || cp === 39 || cp === 0x2019 || cp === 45) && i + 1 < L && isWordChar(text.codePointAt(i + 1)!)) {
      i++;
    } else break;
  }
  if (i < L && text.charCodeAt(i) === 46) i++;
  return i;
}

/** The tokens of a text, as `analyse` sees them (exported for tests). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const end = tokenEnd(text, i);
    if (end < 0) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    else {
      out.push(text.slice(i, end));
      i = end;
    }
  }
  return out;
}

/** Builds CSR rows from per-row lists of (id, weight) accumulated in a scratch array. */
class RowBuilder {
  private readonly ptr: number[] = [0];
  private ids: Int32Array;
  private vals: Float32Array;
  private size = 0;
  private readonly acc: Float64Array;
  private touched: Int32Array = new Int32Array(64);
  private nTouched = 0;
  /** The row's ids as a bit set, and the lowest and highest id of the row. */
  private readonly bits: Uint32Array;
  private minId = 0x7fffffff;
  private maxId = -1;

  constructor(
    dim: number,
    capacity: number,
    private readonly minIdf = 0,
  ) {
    this.acc = new Float64Array(Math.max(1, dim));
    this.bits = new Uint32Array((Math.max(1, dim) + 31) >>> 5);
    this.ids = new Int32Array(Math.max(16, capacity));
    this.vals = new Float32Array(Math.max(16, capacity));
  }

  /** Adds weight `w` (> 0) to feature `id` of the current row. */
  add(id: number, w: number): void {
    if (this.acc[id] === 0) {
      if (this.nTouched === this.touched.length) {
        const t = new Int32Array(this.touched.length * 2);
        t.set(this.touched);
        this.touched = t;
      }
      this.touched[this.nTouched++] = id;
      this.bits[id >>> 5] = this.bits[id >>> 5]! | (1 << (id & 31));
      if (id < this.minId) this.minId = id;
      if (id > this.maxId) this.maxId = id;
    }
    this.acc[id] = this.acc[id]! + w;
  }

  /**
   * The row's ids in increasing order (in `touched`), bit set cleared. Small documents have few distinct
   * features, so a row's ids are read off the bit set in a few words; rows spread over a large id space
   * (long documents) are sorted.
   */
  private sortedIds(): Int32Array {
    const n = this.nTouched;
    const t = this.touched.subarray(0, n);
    const w0 = this.minId >>> 5;
    const w1 = this.maxId >>> 5;
    if (n > 0 && w1 - w0 < 4 * n) {
      let k = 0;
      for (let w = w0; w <= w1; w++) {
        let x = this.bits[w]!;
        if (x === 0) continue;
        this.bits[w] = 0;
        while (x !== 0) {
          const low = x & -x;
          t[k++] = (w << 5) + 31 - Math.clz32(low);
          x ^= low;
        }
      }
    } else {
      t.sort();
      for (let k = 0; k < n; k++) this.bits[t[k]! >>> 5] = 0;
    }
    this.minId = 0x7fffffff;
    this.maxId = -1;
    return t;
  }

  /**
   * Closes the current row: value = (1 + ln tf) · idf[id] · (boost[id] || 1); boosted ids are reported in
   * `boostedOut` and their boost reset. Returns the row's squared norm. The term frequency is sub-linear:
   * a word repeated in one sentence ("the father of … the father of") is evidence once, not five times
   * (Manning, Raghavan & Schütze, Introduction to IR, §6.4.1).
   */
  endRow(idf: Float64Array, boost?: Float64Array, boostedOut?: number[]): number {
    const t = this.sortedIds();
    if (this.size + t.length > this.ids.length) {
      const cap = Math.max(this.ids.length * 2, this.size + t.length);
      const ids = new Int32Array(cap);
      ids.set(this.ids.subarray(0, this.size));
      const vals = new Float32Array(cap);
      vals.set(this.vals.subarray(0, this.size));
      this.ids = ids;
      this.vals = vals;
    }
    let norm2 = 0;
    for (let k = 0; k < t.length; k++) {
      const id = t[k]!;
      const tf = this.acc[id]!;
      if (idf[id]! < this.minIdf) {
        // Near-ubiquitous features weigh almost nothing and only slow every dot product down.
        this.acc[id] = 0;
        continue;
      }
      let v = (tf > 1 ? 1 + Math.log(tf) : tf) * idf[id]!;
      if (boost !== undefined && boost[id]! > 0) {
        v *= boost[id]!;
        boost[id] = 0;
        boostedOut?.push(id);
      }
      this.ids[this.size] = id;
      this.vals[this.size] = v;
      this.size++;
      norm2 += v * v;
      this.acc[id] = 0;
    }
    this.nTouched = 0;
    this.ptr.push(this.size);
    return norm2;
  }

  build(): SparseRows {
    return {
      ptr: Int32Array.from(this.ptr),
      ids: this.ids.slice(0, this.size),
      vals: this.vals.slice(0, this.size),
    };
  }
}

/**
 * Extracts both sides' features over one vocabulary. IDF is computed over the sentences of both texts
 * together, which is what makes it data-adaptive: a word frequent in these two texts is weak evidence here,
 * whatever its frequency in English.
 */
export function extractFeatures(
  refTexts: readonly string[],
  candTexts: readonly string[],
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): PairFeatures {
  const vocab = new Vocabulary(options.gramSize, options.functionWordGrams);
  const rawRef = vocab.analyse(refTexts);
  const rawCand = vocab.analyse(candTexts);
  const stemCount = stemLocal.count;
  const gramCount = gramLocal.count;

  // Document frequencies (a sentence is a document) per side and together: ids are distinct per sentence.
  const stemDfRef = new Int32Array(stemCount);
  const stemDfCand = new Int32Array(stemCount);
  const gramDf = new Int32Array(gramCount);
  for (const [raw, df] of [
    [rawRef, stemDfRef],
    [rawCand, stemDfCand],
  ] as const) {
    for (let k = 0; k < raw.stems.length; k++) df[raw.stems[k]!] = df[raw.stems[k]!]! + 1;
    for (let k = 0; k < raw.grams.length; k++) gramDf[raw.grams[k]!] = gramDf[raw.grams[k]!]! + 1;
  }
  const nDocs = refTexts.length + candTexts.length;
  // Smoothed IDF (log (N+1)/(df+1) + 1 would keep very frequent words; plain log lets a word present in
  // every sentence weigh ~0, which is what we want: it cannot tell sentences apart).
  const idf = (df: number): number => Math.log((nDocs + 1) / (df + 0.5));
  const stemIdf = new Float64Array(stemCount);
  for (let k = 0; k < stemCount; k++) stemIdf[k] = idf(stemDfRef[k]! + stemDfCand[k]!);
  const gramIdf = new Float64Array(gramCount);
  for (let k = 0; k < gramCount; k++) gramIdf[k] = idf(gramDf[k]!);

  const side = (raw: RawSide): SideFeatures => {
    const n = raw.n;
    const words = new RowBuilder(stemCount, n * 12);
    const chars = new RowBuilder(gramCount, n * 60, options.minGramIdf);
    const entPtr = new Int32Array(n + 1);
    const entIds: number[] = [];
    const wordNorm2 = new Float64Array(n);
    const charNorm2 = new Float64Array(n);
    const boost = new Float64Array(stemCount); // per row: the boost of a stem seen entity-like
    for (let s = 0; s < n; s++) {
      for (let k = raw.stemPtr[s]!; k < raw.stemPtr[s + 1]!; k++) {
        const stem = raw.stems[k]!;
        words.add(stem, raw.stemCounts[k]!);
        if (raw.stemEntity[k]) boost[stem] = options.entityBoost;
      }
      for (let k = raw.gramPtr[s]!; k < raw.gramPtr[s + 1]!; k++) chars.add(raw.grams[k]!, raw.gramCounts[k]!);
      // Entity-like stems of the row are those the word weighting boosts; endRow reports them in order.
      wordNorm2[s] = words.endRow(stemIdf, boost, entIds);
      charNorm2[s] = chars.endRow(gramIdf);
      entPtr[s + 1] = entIds.length;
    }
    const wordRows = words.build();
    return {
      n,
      words: wordRows,
      chars: chars.build(),
      wordNorm2,
      charNorm2,
      len: raw.len,
      // The stems of a row are the word view's ids (sorted, unique), with weight 1.
      stems: { ptr: wordRows.ptr, ids: wordRows.ids, vals: new Float32Array(wordRows.ids.length).fill(1) },
      hash: raw.hash,
      textHash: raw.textHash,
      entities: { ptr: entPtr, ids: Int32Array.from(entIds), vals: new Float32Array(entIds.length).fill(1) },
    };
  };

  return { ref: side(rawRef), cand: side(rawCand), stemDfRef, stemDfCand, stemCount };
}

/** Dot product of row `a` of `A` and row `b` of `B` (sorted sparse rows: a linear merge). */
export function sparseDot(A: SparseRows, a: number, B: SparseRows, b: number): number {
  let p = A.ptr[a]!;
  const pe = A.ptr[a + 1]!;
  let q = B.ptr[b]!;
  const qe = B.ptr[b + 1]!;
  if (p === pe || q === qe) return 0;
  const ai = A.ids;
  const bi = B.ids;
  let sum = 0;
  let x = ai[p]!;
  let y = bi[q]!;
  for (;;) {
    if (x === y) {
      sum += A.vals[p]! * B.vals[q]!;
      if (++p === pe || ++q === qe) break;
      x = ai[p]!;
      y = bi[q]!;
    } else if (x < y) {
      if (++p === pe) break;
      x = ai[p]!;
    } else {
      if (++q === qe) break;
      y = bi[q]!;
    }
  }
  return sum;
}
