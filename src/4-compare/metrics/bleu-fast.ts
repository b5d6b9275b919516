/**
 * The fast path of BLEU statistics: one reference, the `13a` or `none` tokenizer, 4-grams (sacreBLEU's
 * defaults, and what the audit computes for every aligned pair). It gives exactly the statistics of the
 * general path in bleu.ts; the tests compare both, and the regex cascade, on random text, and run every
 * sacreBLEU vector through it.
 *
 * Why it is shaped like this (each step measured on the benchmark's 300-word pairs, test/bench/metrics.ts;
 * together ~3× faster than the general path):
 * - Text is handled as UTF-8 bytes (`TextEncoder.encodeInto`, native). Two tokens are equal exactly when
 *   their UTF-8 bytes are, and every byte is < 256, so a token of up to 12 bytes is its own exact key
 *   (three big-endian 32-bit reads through a `DataView`): no character loop, no hash-then-compare. Longer
 *   tokens are compared byte by byte after the key matches.
 * - 13a never splits inside a run of ordinary characters, and whitespace is a non-digit, non-dot
 *   neighbour exactly like the line padding, so the 13a tokens of a line are the 13a tokens of its
 *   whitespace-separated words, one word at a time. The scan over the bytes therefore only looks for
 *   whitespace (branch-free, four bytes at a time); each distinct word is split once (`splitSimple` for
 *   `word,` `(word)` and the like, else `splitWord`, the same bit logic as `scan13a`) and its tokens are
 *   kept with the word. Letters-only words (most of a text) never reach the splitter.
 * - The word table is kept across calls (see `SpanTable`): after a few texts nearly every word is found
 *   with its split, and a call neither inserts nor splits.
 * - Token ids are dense per call, hypothesis first; reference tokens the hypothesis lacks become 0. n-gram
 *   ids are assigned through directly addressed `Uint16Array` tables, all four orders in one pass over the
 *   hypothesis and one over the reference; a reference n-gram matches while the hypothesis count of its id
 *   is not used up (count − 1, no branch), which is Σ min(hyp count, ref count).
 * - Integer arithmetic only in the hot loops, without branches where the outcome is as good as random: V8
 *   keeps a `>>>` result or a negated 0/1 as a double, and a mispredicted branch stalls the next word's
 *   table probe (both seen in the optimised code, `node --print-opt-code`, and measured).
 * Everything lives in typed arrays reused across calls; a call clears only the n-gram cells it touched.
 *
 * Python also splits on non-ASCII whitespace (U+00A0, U+2000–U+200A, …), which the byte scan leaves
 * inside words: `resolveSplit` finds it when such a word is first split and splits there too.
 *
 * Not handled here (the caller falls back to the general path): text with a lone surrogate (it would
 * encode as U+FFFD; a word holding U+FFFD is flagged when first split, and a call that meets one checks
 * its text), and inputs so large that the direct tables would pass `DIRECT_CELLS`.
 */
import { ASCII_13A_CLASS, C13A_DASH, C13A_DIGIT, C13A_DOTCOMMA, C13A_M2, C13A_P1, C13A_PAD } from './tokenizers.js';

const encoder = new TextEncoder();

/** 1 for the ASCII bytes Python's `str.split` splits on (`\t\n\v\f\r`, U+001C–U+001F, space). */
const ASCII_SPACE = new Uint8Array(256);
for (const b of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20]) ASCII_SPACE[b] = 1;

/** True when the UTF-8 sequence at `i` encodes a Python whitespace character outside ASCII. */
function isWideSpaceAt(u: Uint8Array, i: number): boolean {
  const b0 = u[i]!;
  const b1 = u[i + 1]!;
  const b2 = u[i + 2]!;
  if (b0 === 0xc2) return b1 === 0x85 || b1 === 0xa0;
  if (b0 === 0xe1) return b1 === 0x9a && b2 === 0x80;
  if (b0 === 0xe2) {
    if (b1 === 0x80) return b2 <= 0x8a || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf;
    return b1 === 0x81 && b2 === 0x9f;
  }
  if (b0 === 0xe3) return b1 === 0x80 && b2 === 0x80;
  return false;
}

/** True when `s` has a UTF-16 surrogate without its partner. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return true;
  }
  return false;
}

/** `LOW_BYTES[len]`: the low `min(len, 4)` bytes of a 32-bit word (len ≤ 12). */
const LOW_BYTES = new Int32Array([0, 0xff, 0xffff, 0xffffff, -1, -1, -1, -1, -1, -1, -1, -1, -1]);

/** Longest token whose three 32-bit reads are its exact key. */
const EXACT_KEY_BYTES = 12;

const LETTERS_LOW = 0x61616161;
const HIGH_BITS = 0x80808080 | 0;

/**
 * True when the bytes of `x` selected by `mask` are all ASCII letters. Bytes outside the mask count as
 * letters. Classic SWAR range tests on the four bytes at once, after folding case with 0x20.
 */
function lettersOnly(x: number, mask: number): boolean {
  const y = (x & mask) | (~mask & LETTERS_LOW) | 0x20202020;
  const atLeastA = (((y | HIGH_BITS) - LETTERS_LOW) | 0) & HIGH_BITS; // high bit set where byte ≥ 'a'
  const aboveZ = (((y & 0x7f7f7f7f) + 0x05050505) | 0) & HIGH_BITS; // high bit set where byte > 'z'
  return atLeastA === HIGH_BITS && (aboveZ | (y & HIGH_BITS)) === 0;
}

/** Largest directly addressed n-gram table (cells of 2 bytes); beyond it the general path runs. */
export const DIRECT_CELLS = 1 << 23;

/**
 * Interning of words and tokens (byte spans), kept across calls: a text's words are mostly the words of the
 * texts before it (Zipf), so after a few calls nearly every word is found with its 13a split already worked
 * out, and a call neither inserts nor splits (measured on the benchmark's 300-word pairs: ~25% of a call's
 * time was inserting and splitting words seen in earlier calls). One table per tokenizer (`13a` and `none`
 * split the same word differently).
 *
 * A slot (16 bytes: the probe's only memory) holds a span's exact key `[length, first 4 bytes, bytes 5–8,
 * last 4 bytes]` and its entry number. An entry's record in `info` holds its split as a word (token count,
 * 0 = not known yet, plus flag bits; the first two tokens, or the offset of the list in `lists` when there
 * are more) and its mark as a token. A token is the entry of its span, so most words (letters only, their
 * own token) need one record. Bytes are kept (`arena`) only for spans longer than the key, to compare.
 *
 * Entry numbers are not what the n-gram tables use: each call gives its tokens dense ids in order of first
 * use (the marks), so the hypothesis' tokens are 1..(its distinct tokens) and reference tokens the hypothesis
 * lacks become 0 (they match nothing), which keeps the tables small. The table is emptied at the start of a
 * call once it passes `MAX_ENTRIES` entries, which bounds its memory whatever the input.
 */
const SLOT = 4;
const SLOT_BITS = 2;
/** Slot fields: entry number and length (`e << 8 | min(len, 255)`, 0 = empty slot), then the key's three reads. */
const K_EL = 0;
const K_F4 = 1;
const K_M4 = 2;
const K_L4 = 3;
/**
 * Entry fields in `info` (4 ints an entry): token count and flags; the first two token ids or the list
 * offset; and the entry's mark as a token in the current call, `call << 16 | dense id` (see `tokenIds`).
 * A token's id is the entry number of its span, so a letters-only word's count, token and mark share one
 * 16-byte record.
 */
const E_COUNT = 0;
const E_T0 = 1;
const E_T1 = 2;
const E_MARK = 3;
/** Calls are numbered 1..MAX_CALL (15 bits, the high half of a mark); then every mark is cleared. */
export const MAX_CALL = 0x7fff;
/** `E_COUNT` of a word with no token at all (only non-ASCII whitespace); 0 means "not known yet". */
const NO_TOKENS = 1 << 16;
/**
 * Flag in `E_COUNT`: the word's bytes hold U+FFFD, which is also what a lone surrogate encodes to; a call
 * meeting such a word checks its text for lone surrogates (and then declines).
 */
const HAS_FFFD = 1 << 17;
/** Entries (words and tokens) after which the table starts again empty (a few MB at most). */
export const MAX_ENTRIES = 1 << 17;

class SpanTable {
  // Slots of 16 bytes, the probe's only memory (a 300-word text probes ~600 times); what an entry holds is
  // in `info`, indexed by entry number, so the words met first (the commonest) sit together there. Starts
  // with 1024 slots and doubles when half full.
  slots = new Int32Array(SLOT << 10);
  shift = 32 - 10;
  info = new Int32Array(4 << 9);
  firstAt = new Int32Array(512);
  lenOf = new Int32Array(512);
  /** Bytes of the entries longer than the exact key. */
  arena = new Uint8Array(1 << 12);
  arenaUsed = 0;
  /** Entries made so far (1..next). */
  next = 0;
  lists = new Int32Array(256);
  nLists = 0;
  /** Entry of each one-byte token (punctuation split off words), 0 until first seen. */
  byteTok = new Int32Array(256);

  /** Empties the table when it has grown past its bound (between calls only: ids stay valid in a call). */
  bound(): void {
    if (this.next < MAX_ENTRIES && this.arenaUsed < MAX_ENTRIES * 16 && this.nLists < MAX_ENTRIES * 4) return;
    this.slots = new Int32Array(SLOT << 10);
    this.shift = 32 - 10;
    this.next = 0;
    this.nLists = 0;
    this.arenaUsed = 0;
    this.byteTok.fill(0);
  }

  /** Forgets every entry's mark (when the call numbers start again, or after a call overflowed them). */
  clearMarks(): void {
    const info = this.info;
    for (let x = 4 + E_MARK, end = 4 * this.next + E_MARK; x <= end; x += 4) info[x] = 0;
  }

  /**
   * A new entry for the key of the span `u[at, at + len)`, stored in the empty slot `slot` (callers found it
   * by probing). `plain`: the span is one 13a token by itself (a letters-only word), its own token;
   * otherwise its split is not known yet (count 0). The table doubles when half full, which moves
   * slots (callers re-read `slots` and `shift`); entries do not move, but `info` may be reallocated.
   */
  add(slot: number, len: number, f4: number, m4: number, l4: number, u: Uint8Array, at: number, plain: boolean): number {
    const e = ++this.next;
    const o = slot * SLOT;
    const s = this.slots;
    s[o + K_EL] = (e << 8) | (len < 255 ? len : 255);
    s[o + K_F4] = f4;
    s[o + K_M4] = m4;
    s[o + K_L4] = l4;
    if (e >= this.firstAt.length) this.growIds();
    const x = 4 * e;
    this.info[x + E_COUNT] = plain ? 1 : 0;
    this.info[x + E_T0] = plain ? e : 0;
    this.info[x + E_T1] = 0;
    this.info[x + E_MARK] = 0;
    if (len > EXACT_KEY_BYTES) {
      if (this.arenaUsed + len > this.arena.length) {
        const a = new Uint8Array(2 * (this.arenaUsed + len));
        a.set(this.arena.subarray(0, this.arenaUsed));
        this.arena = a;
      }
      this.arena.set(u.subarray(at, at + len), this.arenaUsed);
      this.firstAt[e] = this.arenaUsed;
      this.lenOf[e] = len;
      this.arenaUsed += len;
    }
    if (2 * e > this.slots.length >> SLOT_BITS) this.growSlots();
    return e;
  }

  private growIds(): void {
    const n = 2 * this.firstAt.length;
    this.info = grown(this.info, 4 * n);
    this.firstAt = grown(this.firstAt, n);
    this.lenOf = grown(this.lenOf, n);
  }

  private growSlots(): void {
    const old = this.slots;
    const s = new Int32Array(2 * old.length);
    this.shift--;
    const mask = (s.length >> SLOT_BITS) - 1;
    for (let o = 0; o < old.length; o += SLOT) {
      if (old[o] === 0) continue;
      let slot = home(old[o]! & 255, old[o + 1]!, old[o + 2]!, old[o + 3]!, this.shift);
      while (s[slot * SLOT] !== 0) slot = (slot + 1) & mask;
      s.set(old.subarray(o, o + SLOT), slot * SLOT);
    }
    this.slots = s;
  }

  /** Appends a token list (more than two tokens) and returns its offset. */
  addList(ids: Int32Array, n: number): number {
    if (this.nLists + n > this.lists.length) this.lists = grown(this.lists, 2 * (this.nLists + n));
    const off = this.nLists;
    const l = this.lists;
    for (let i = 0; i < n; i++) l[off + i] = ids[i]!;
    this.nLists += n;
    return off;
  }
}

/** A copy of `a` with room for `n` ints. */
function grown(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a.subarray(0, Math.min(a.length, n)));
  return b;
}

/** Home slot of a key (multiplicative hashing; `shift` = 32 − log2(slots)). */
function home(len: number, f4: number, m4: number, l4: number, shift: number): number {
  // `| 0`: the result is below 2³¹ (shift ≥ 1), and V8 otherwise keeps a uint32 as a double (measured).
  return (Math.imul(l4 ^ ((f4 ^ m4) >>> 7) ^ (f4 << 11) ^ (len << 27), 0x9e3779b1) >>> shift) | 0;
}

/**
 * 13a token boundaries inside one word `u[a, b)` (no whitespace inside; padding on both sides, which is
 * what the surrounding whitespace is to every rule). Writes the token starts into `starts` and returns
 * their number. Same bit logic as `scan13a` (see there): rule 1 (P1 characters), rule 2 and 3 (dots and
 * commas not between digits, with `re.sub`'s non-overlapping matches), rule 4 (a dash after a digit).
 * Bytes ≥ 0x80 are ordinary characters, which every byte of a non-ASCII UTF-8 sequence is to these rules.
 */
function splitWord(u: Uint8Array, a: number, b: number, starts: Int32Array): number {
  let n = 0;
  let prevM3 = 0;
  let fpp = C13A_PAD;
  let fp = C13A_PAD;
  let c = u[a]!;
  let f = c < 128 ? ASCII_13A_CLASS[c]! : 0;
  // Rule 2 after the padding: a leading dot/comma matches.
  f |= (f & C13A_DOTCOMMA) << 3;
  for (let i = a; i < b; i++) {
    let fn = C13A_PAD;
    if (i + 1 < b) {
      c = u[i + 1]!;
      fn = c < 128 ? ASCII_13A_CLASS[c]! : 0;
    }
    const notDigit = ((f >> 1) & 1) ^ 1;
    const consumed2 = (f >> 2) & (f >> 5) & 1;
    fn |= ((fn >> 2) & ((f & 1) | (notDigit & (consumed2 ^ 1))) & 1) << 5;
    const nextNonDigit = ((f >> 5) | fn | (fn >> 5) | ((fn >> 1) ^ 1)) & 1;
    const consumed3 = prevM3 & ((f >> 5) ^ 1) & ((fp >> 5) ^ 1) & (fp >> 2) & 1;
    const m3 = (f >> 2) & nextNonDigit & (consumed3 ^ 1) & 1;
    const boundary =
      m3 | prevM3 | ((fp | f) & (C13A_P1 | C13A_M2)) | ((f >> 3) & (fp >> 1) & 1) | ((fp >> 3) & (fpp >> 1) & 1);
    if (i === a || boundary !== 0) starts[n++] = i;
    prevM3 = m3;
    fpp = fp;
    fp = f;
    f = fn;
  }
  return n;
}

/**
 * The 13a split of the usual non-letter words without the full rules: optional leading P1 characters, a
 * body of ordinary characters, digits and dashes (none right after a digit), optional trailing P1
 * characters, dots and commas (no two dots or commas in a row) — `word,` `2021.` `(KASA)` `(CLPS),`
 * `“quoted”` `Lunar-based`. Rule 1 makes every P1 character a token; a dot or comma right after the body
 * or a P1 character and before a P1 character or the padding is split off by rule 2 or 3; the body has
 * nothing any rule splits. Returns the number of tokens (starts in `starts`), or −1 for any other shape
 * (dots or commas inside, a dash after a digit, a leading dot), which goes through `splitWord`. These
 * shapes are ~85% of the distinct non-letter words of the benchmark's text.
 */
function splitSimple(u: Uint8Array, a: number, b: number, starts: Int32Array): number {
  let n = 0;
  let i = a;
  for (; i < b; i++) {
    const c = u[i]!;
    if (c >= 128 || (ASCII_13A_CLASS[c]! & C13A_P1) === 0) break;
    starts[n++] = i;
  }
  const body = i;
  let prevDigit = 0;
  for (; i < b; i++) {
    const c = u[i]!;
    const cls = c < 128 ? ASCII_13A_CLASS[c]! : 0;
    if ((cls & ~(C13A_DIGIT | C13A_DASH)) !== 0) break;
    if ((cls & C13A_DASH) !== 0 && prevDigit !== 0) return -1; // rule 4: a dash after a digit is split
    prevDigit = cls & C13A_DIGIT;
  }
  if (i > body) starts[n++] = body;
  let prevDot = 0;
  for (; i < b; i++) {
    const c = u[i]!;
    const cls = c < 128 ? ASCII_13A_CLASS[c]! : 0;
    if ((cls & (C13A_P1 | C13A_DOTCOMMA)) === 0 || (cls & prevDot) !== 0) return -1;
    prevDot = cls & C13A_DOTCOMMA;
    starts[n++] = i;
  }
  return n;
}

// Shared scratch (metrics run synchronously, one segment at a time). Module-level bindings rather than
// properties of one object: a typed array first created empty and then replaced left V8 with slower
// element access in the scan loop (measured).
let buf = new ArrayBuffer(1 << 14);
let u8 = new Uint8Array(buf);
let u32 = new Uint32Array(buf);
let dv = new DataView(buf);
/** Word bounds of the string being scanned: start, end, start, end, … (byte offsets in `buf`). */
let words = new Int32Array(2048);
let hypIds = new Int32Array(2048);
let refIds = new Int32Array(2048);
let splitStarts = new Int32Array(64);
let splitIds = new Int32Array(64);
let splitEnds = new Int32Array(64);
let tempStarts = new Int32Array(64);
/** The call number (in the marks of the tokens used in this call) and the dense ids given so far in this call. */
let call = 0;
let localTokens = 0;
const tables = { none: new SpanTable(), t13a: new SpanTable() };
/** The table of the tokenizer of the current call. */
let table = tables.t13a;
/** Whether the text of this call has been checked for lone surrogates (0 unknown, 1 none, 2 some). */
let loneChecked = 0;
/** The string being tokenized (for the lone-surrogate check) and whether this path has to give up. */
let text = '';
let declined = false;

function ensureBuffer(bytes: number): void {
  if (buf.byteLength >= bytes) return;
  buf = new ArrayBuffer((2 * bytes + 7) & ~7);
  u8 = new Uint8Array(buf);
  u32 = new Uint32Array(buf);
  dv = new DataView(buf);
}

/**
 * Encodes `s` at byte offset `base` and finds its words: maximal runs of bytes that are not ASCII
 * whitespace (into `words`; returns their number). A non-ASCII whitespace character stays inside a word
 * here; `resolveSplit` splits there, since every word with a non-ASCII byte goes through it once.
 */
function scanWords(s: string, base: number): number {
  const u = u8;
  const n = encoder.encodeInto(s, u.subarray(base)).written;
  // Four bytes of padding so that the 32-bit reads at a word's end stay inside the buffer.
  u[base + n] = 0x20;
  u[base + n + 1] = 0x20;
  u[base + n + 2] = 0x20;
  u[base + n + 3] = 0x20;
  if (words.length < n + 6) words = new Int32Array(2 * n + 6);
  const w = words;
  const end = base + n;
  const q = u32;
  const sp = ASCII_SPACE;
  // Branch-free: every byte writes its offset where the next boundary would go, and the write position
  // only moves at a whitespace/non-whitespace transition (a branch there mispredicts at every word).
  // Four bytes per iteration through a 32-bit view (little-endian byte order, as on every platform Node
  // runs on; `base` is a multiple of 4): ~20% faster than a byte loop. The padding spaces after the
  // text end the last word at `end` exactly as a byte loop would.
  let prev = 1;
  let k = 0;
  for (let j = base >> 2, last = (end + 3) >> 2; j < last; j++) {
    const v = q[j]!;
    const i = j << 2;
    const s0 = sp[v & 0xff]!;
    const s1 = sp[(v >>> 8) & 0xff]!;
    const s2 = sp[(v >>> 16) & 0xff]!;
    const s3 = sp[v >>> 24]!;
    w[k] = i;
    k += prev ^ s0;
    w[k] = i + 1;
    k += s0 ^ s1;
    w[k] = i + 2;
    k += s1 ^ s2;
    w[k] = i + 3;
    k += s2 ^ s3;
    prev = s3;
  }
  w[k] = end;
  k += prev ^ 1;
  return k >> 1;
}

/** The entry of span `[a, b)`, comparing bytes when the key is not exact; a new span's split is unknown. */
function spanEntry(a: number, b: number): number {
  const t = table;
  const view = dv;
  const u = u8;
  const len = b - a;
  const f4 = view.getInt32(a) & ((4 - len) >> 31);
  const m4 = view.getInt32(a + 4) & ((8 - len) >> 31);
  const l4 = view.getInt32(b - 4) & LOW_BYTES[len < 4 ? len : 4]!;
  const s = t.slots;
  const mask = (s.length >> SLOT_BITS) - 1;
  // The slot keeps min(len, 255) (and `home` hashes that); longer spans compare their full length below.
  const el = len < 255 ? len : 255;
  let slot = home(el, f4, m4, l4, t.shift);
  for (;;) {
    const o = slot * SLOT;
    const x = s[o + K_EL]!;
    if (x === 0) return t.add(slot, len, f4, m4, l4, u, a, false);
    if ((x & 255) === el && s[o + K_F4] === f4 && s[o + K_M4] === m4 && s[o + K_L4] === l4) {
      const e = x >>> 8;
      if (len <= EXACT_KEY_BYTES) return e;
      if (t.lenOf[e] !== len) {
        slot = (slot + 1) & mask;
        continue;
      }
      const at = t.firstAt[e]!;
      const arena = t.arena;
      let k = 8;
      while (k < len - 4 && arena[at + k] === u[a + k]) k++;
      if (k >= len - 4) return e;
    }
    slot = (slot + 1) & mask;
  }
}

/** Length of the UTF-8 sequence of a non-ASCII whitespace character starting with byte `c`. */
const wideSpaceBytes = (c: number): number => (c === 0xc2 ? 2 : 3);

/**
 * Token starts of the byte run `[a, b)` (no whitespace inside) appended to `starts` from `n`: its 13a
 * split (`split13a`), or the run itself (`none`). Returns the new count.
 */
function splitRun(u: Uint8Array, a: number, b: number, starts: Int32Array, n: number, split13a: boolean): number {
  if (a >= b) return n;
  if (!split13a) {
    starts[n] = a;
    return n + 1;
  }
  const run = n === 0 ? starts : tempStarts;
  let k = splitSimple(u, a, b, run);
  if (k < 0) k = splitWord(u, a, b, run);
  if (run !== starts) for (let i = 0; i < k; i++) starts[n + i] = run[i]!;
  return n + k;
}

/**
 * Works out the tokens of the word of entry `e` at `[a, b)`: the 13a split (`split13a`) or the word itself
 * (`none`). Words reach this once per call when they are not letters only, so this is also where a
 * non-ASCII whitespace character is noticed — the word is then several words, split one by one (Python
 * splits there, and to the 13a rules it is a non-digit, non-dot neighbour like the padding) — and where a
 * lone surrogate (U+FFFD after encoding) makes the fast path give up.
 */
function resolveSplit(e: number, a: number, b: number, split13a: boolean): void {
  const t = table;
  const u = u8;
  if (splitStarts.length < b - a + 2) {
    splitStarts = new Int32Array(2 * (b - a) + 4);
    splitEnds = new Int32Array(2 * (b - a) + 4);
    splitIds = new Int32Array(2 * (b - a) + 4);
    tempStarts = new Int32Array(2 * (b - a) + 4);
  }
  const starts = splitStarts;
  const ends = splitEnds;
  // Runs between non-ASCII whitespace characters; the end of each token is the next start within its run.
  let n = 0;
  let from = a;
  let fffd = 0;
  for (let i = a; i < b; i++) {
    const c = u[i]!;
    if (c < 0xc2) continue;
    if (c === 0xef && u[i + 1] === 0xbf && u[i + 2] === 0xbd) fffd = HAS_FFFD;
    if (!isWideSpaceAt(u, i)) continue;
    const m = splitRun(u, from, i, starts, n, split13a);
    for (let j = n; j < m; j++) ends[j] = j + 1 < m ? starts[j + 1]! : i;
    n = m;
    i += wideSpaceBytes(c) - 1;
    from = i + 1;
  }
  const m = splitRun(u, from, b, starts, n, split13a);
  for (let j = n; j < m; j++) ends[j] = j + 1 < m ? starts[j + 1]! : b;
  n = m;
  let t0 = 0;
  let t1 = 0;
  if (n === 1 && starts[0] === a && ends[0] === b) {
    t0 = e;
  } else {
    const ids = splitIds;
    for (let i = 0; i < n; i++) {
      const ta = starts[i]!;
      const tb = ends[i]!;
      if (tb - ta !== 1) {
        ids[i] = spanEntry(ta, tb);
        continue;
      }
      const c = u[ta]!;
      let g = t.byteTok[c]!;
      if (g === 0) t.byteTok[c] = g = spanEntry(ta, tb);
      ids[i] = g;
    }
    if (n <= 2) {
      t0 = ids[0]!;
      t1 = ids[1]!;
    } else {
      t0 = t.addList(ids, n);
    }
  }
  // `info` read after the token ids: adding them may have reallocated it.
  const x = 4 * e;
  t.info[x + E_COUNT] = (n === 0 ? NO_TOKENS : n) | fffd;
  t.info[x + E_T0] = n === 0 ? 0 : t0;
  t.info[x + E_T1] = n < 2 ? 0 : t1;
}

/** True when the text of this call has a lone surrogate (checked once per call, only when a word has U+FFFD). */
function textHasLoneSurrogate(): boolean {
  if (loneChecked === 0) loneChecked = hasLoneSurrogate(text) ? 2 : 1;
  return loneChecked === 2;
}

/**
 * Dense token ids of the words found by `scanWords` (nWords of them) into `out`; returns the token count.
 * The hypothesis (`reference` false) gives its tokens dense ids 1.. in order of first use; reference tokens
 * the hypothesis lacks get 0, which matches nothing.
 */
function tokenIds(nWords: number, out: Int32Array, split13a: boolean, reference: boolean): number {
  const t = table;
  const view = dv;
  const w = words;
  const c = call;
  let s = t.slots;
  let mask = (s.length >> SLOT_BITS) - 1;
  let shift = t.shift;
  let k = 0;
  for (let j = 0; j < nWords; j++) {
    const a = w[2 * j]!;
    const b = w[2 * j + 1]!;
    const len = b - a;
    let e = 0;
    if (len <= EXACT_KEY_BYTES) {
      // The exact key of a short word: first, middle and last four bytes, masked to the word.
      // −1 (all bytes) when the word reaches past the first (middle) four bytes, else 0. Integer
      // arithmetic only: the negation of a `>>> 31` made V8 go through doubles here (−0), measured.
      const fm = (4 - len) >> 31;
      const mm = (8 - len) >> 31;
      const lm = LOW_BYTES[len]!;
      const f4 = view.getInt32(a) & fm;
      const m4 = view.getInt32(a + 4) & mm;
      const l4 = view.getInt32(b - 4) & lm;
      let slot = home(len, f4, m4, l4, shift);
      for (;;) {
        const o = slot * SLOT;
        const x = s[o + K_EL]!;
        if ((x & 255) === len && s[o + K_F4] === f4 && s[o + K_M4] === m4 && s[o + K_L4] === l4) {
          e = x >>> 8;
          break;
        }
        if (x === 0) {
          // A new word: letters only is one token by itself; anything else is split below.
          const plain = lettersOnly(f4, fm) && lettersOnly(m4, mm) && lettersOnly(l4, lm);
          e = t.add(slot, len, f4, m4, l4, u8, a, plain);
          s = t.slots;
          mask = (s.length >> SLOT_BITS) - 1;
          shift = t.shift;
          break;
        }
        slot = (slot + 1) & mask;
      }
    } else {
      e = spanEntry(a, b);
      s = t.slots;
      mask = (s.length >> SLOT_BITS) - 1;
      shift = t.shift;
    }
    let n = t.info[4 * e + E_COUNT]!;
    if (n === 0) {
      resolveSplit(e, a, b, split13a);
      s = t.slots;
      mask = (s.length >> SLOT_BITS) - 1;
      shift = t.shift;
      n = t.info[4 * e + E_COUNT]!;
    }
    if (n >= NO_TOKENS) {
      if ((n & HAS_FFFD) !== 0 && textHasLoneSurrogate()) {
        declined = true;
        return 0;
      }
      n &= NO_TOKENS - 1; // the token count (0 for a word of non-ASCII whitespace only)
    }
    const info = t.info;
    const list = n > 2;
    const from = list ? info[4 * e + E_T0]! : 0;
    // Without branches: whether a token is new in this call is as good as random, and a mispredicted
    // branch here stalls the next word's table probe (measured: ~10% of a call).
    if (reference) {
      for (let i = 0; i < n; i++) {
        const g = list ? t.lists[from + i]! : info[4 * e + E_T0 + i]!;
        const mark = info[4 * g + E_MARK]!;
        const d = (mark >>> 16) ^ c;
        out[k++] = mark & 0xffff & (((d | -d) >> 31) ^ -1); // 0 unless the hypothesis has the token
      }
    } else {
      for (let i = 0; i < n; i++) {
        const g = list ? t.lists[from + i]! : info[4 * e + E_T0 + i]!;
        const mark = info[4 * g + E_MARK]!;
        const d = (mark >>> 16) ^ c;
        const fresh = (d | -d) >> 31; // −1 when the token is new in this call, else 0
        localTokens -= fresh;
        const v = mark & 0xffff;
        const id = v + ((localTokens - v) & fresh);
        info[4 * g + E_MARK] = (c << 16) | id;
        out[k++] = id;
      }
    }
  }
  return k;
}

// n-gram tables (orders 2, 3, 4) and counts; see `ngramMatches`.
const N = {
  t2: new Uint16Array(1 << 16),
  t3: new Uint16Array(1 << 16),
  t4: new Uint16Array(1 << 16),
  c1: new Int32Array(1024),
  c2: new Int32Array(1024),
  c3: new Int32Array(1024),
  c4: new Int32Array(1024),
  k2: new Int32Array(1024),
  k3: new Int32Array(1024),
  k4: new Int32Array(1024),
};

/**
 * Clipped n-gram matches of orders 1–4 (Σ over n-grams of min(hyp count, ref count)) into `out[2..5]`.
 * Hypothesis token ids are 1..V, reference token ids 0..V (0: not in the hypothesis). An order-n id is the table cell of (its order-(n−1) prefix id, its last token), so
 * ids are assigned in one pass; reference n-grams the hypothesis lacks land on cell value 0, whose count
 * is always 0.
 */
function ngramMatches(h: Int32Array, L: number, r: Int32Array, R: number, V: number, out: number[]): void {
  const W = V + 1;
  // Keys are (prefix id, token id): prefix ids are token ids (≤ V) or order-n ids (≤ L).
  const cells = (Math.max(V, L) + 1) * W;
  if (N.t2.length < cells) {
    const size = Math.max(cells, 2 * N.t2.length);
    N.t2 = new Uint16Array(size);
    N.t3 = new Uint16Array(size);
    N.t4 = new Uint16Array(size);
  }
  if (N.c1.length < Math.max(W, L) + 1) {
    const size = 2 * Math.max(W, L) + 2;
    for (const k of ['c1', 'c2', 'c3', 'c4', 'k2', 'k3', 'k4'] as const) N[k] = new Int32Array(size);
  }
  const { t2, t3, t4, c1, c2, c3, c4, k2, k3, k4 } = N;
  let n2 = 0;
  let n3 = 0;
  let n4 = 0;
  for (let i = 0; i < L; i++) c1[h[i]!]!++;
  for (let i = 0; i + 1 < L; i++) {
    // Insert-or-get without a branch: `fresh` is −1 when the cell was empty, else 0.
    const key2 = h[i]! * W + h[i + 1]!;
    let v2 = t2[key2]!;
    let fresh = (v2 - 1) >> 31;
    v2 |= (n2 + 1) & fresh;
    n2 -= fresh;
    t2[key2] = v2;
    k2[i] = key2;
    c2[v2]!++;
    if (i + 2 >= L) continue;
    const key3 = v2 * W + h[i + 2]!;
    let v3 = t3[key3]!;
    fresh = (v3 - 1) >> 31;
    v3 |= (n3 + 1) & fresh;
    n3 -= fresh;
    t3[key3] = v3;
    k3[i] = key3;
    c3[v3]!++;
    if (i + 3 >= L) continue;
    const key4 = v3 * W + h[i + 3]!;
    let v4 = t4[key4]!;
    fresh = (v4 - 1) >> 31;
    v4 |= (n4 + 1) & fresh;
    n4 -= fresh;
    t4[key4] = v4;
    k4[i] = key4;
    c4[v4]!++;
  }
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let j = 0; j < R; j++) {
    // A match uses up one hypothesis occurrence: x is 1 while the count is positive.
    const u = r[j]!;
    let c = c1[u]!;
    let x = (0 - c) >>> 31;
    c1[u] = c - x;
    m1 += x;
    if (j + 1 >= R) continue;
    const v2 = t2[u * W + r[j + 1]!]!;
    c = c2[v2]!;
    x = (0 - c) >>> 31;
    c2[v2] = c - x;
    m2 += x;
    if (j + 2 >= R) continue;
    const v3 = t3[v2 * W + r[j + 2]!]!;
    c = c3[v3]!;
    x = (0 - c) >>> 31;
    c3[v3] = c - x;
    m3 += x;
    if (j + 3 >= R) continue;
    const v4 = t4[v3 * W + r[j + 3]!]!;
    c = c4[v4]!;
    x = (0 - c) >>> 31;
    c4[v4] = c - x;
    m4 += x;
  }
  out[2] = m1;
  out[3] = m2;
  out[4] = m3;
  out[5] = m4;
  for (let i = 0; i + 1 < L; i++) t2[k2[i]!] = 0;
  for (let i = 0; i + 2 < L; i++) t3[k3[i]!] = 0;
  for (let i = 0; i + 3 < L; i++) t4[k4[i]!] = 0;
  c1.fill(0, 0, W);
  c2.fill(0, 0, n2 + 1);
  c3.fill(0, 0, n3 + 1);
  c4.fill(0, 0, n4 + 1);
}

/** Starts a call on `line` with the table of its tokenizer. */
function begin(split13a: boolean, line: string): void {
  table = split13a ? tables.t13a : tables.none;
  table.bound();
  if (++call > MAX_CALL) {
    // The call number would meet marks of long ago.
    call = 1;
    tables.none.clearMarks();
    tables.t13a.clearMarks();
  }
  localTokens = 0;
  declined = false;
  text = line;
  loneChecked = 0;
}

/**
 * BLEU statistics `[hypLen, refLen, correct_1..4, total_1..4]` of `hyp` against the single reference
 * `ref`, both already lowercased/prepared for 13a as the general path does (`prepare13a`), or `null` when
 * this path does not apply (see the module comment).
 */
export function fastBleuStats(hyp: string, ref: string, split13a: boolean): number[] | null {
  // Layout of the byte buffer: [4 bytes padding][hyp][8 padding][ref][8 padding]. The leading padding
  // lets the 32-bit read ending at a 1-byte first word start at offset ≥ 0; the trailing padding keeps the
  // read of bytes 5–8 of a word at the end inside the buffer.
  const hypBase = 4;
  const refBase = (hypBase + 3 * hyp.length + 11) & ~3;
  ensureBuffer(refBase + 3 * ref.length + 8);
  begin(split13a, hyp);
  const hw = scanWords(hyp, hypBase);
  // A word of k bytes has at most k tokens.
  if (hypIds.length < 3 * hyp.length + 1) hypIds = new Int32Array(6 * hyp.length + 1);
  const L = tokenIds(hw, hypIds, split13a, false);
  const V = localTokens;
  if (V > 0xffff) {
    // Dense ids past 16 bits ran into the call number of the marks: clear them; the general path runs.
    table.clearMarks();
    return null;
  }
  // The reference's words are scanned after the hypothesis' tokens are numbered (`words` is reused).
  text = ref;
  loneChecked = 0;
  const rw = declined ? 0 : scanWords(ref, refBase);
  if (refIds.length < 3 * ref.length + 1) refIds = new Int32Array(6 * ref.length + 1);
  const R = declined ? 0 : tokenIds(rw, refIds, split13a, true);
  if (declined || (Math.max(V, L) + 1) * (V + 1) > DIRECT_CELLS || L >= 0xffff) return null;
  const out = [L, R, 0, 0, 0, 0, Math.max(0, L), Math.max(0, L - 1), Math.max(0, L - 2), Math.max(0, L - 3)];
  ngramMatches(hypIds, L, refIds, R, V, out);
  return out;
}

/** Entries in the word table of the `13a` tokenizer now (for tests of its bound). */
export function tableEntries13a(): number {
  return tables.t13a.next;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The 13a tokens of `line` as this path finds them (word scan, then `resolveSplit`'s splitting per word),
 * or `null` where it gives up (lone surrogates). For tests: they compare it with the regex cascade. `line`
 * must already be prepared (`prepare13a`).
 */
export function fastTokens13a(line: string): string[] | null {
  const base = 4;
  ensureBuffer(base + 3 * line.length + 8);
  begin(true, line);
  const nWords = scanWords(line, base);
  const out: string[] = [];
  for (let j = 0; j < nWords; j++) {
    const a = words[2 * j]!;
    const b = words[2 * j + 1]!;
    const e = spanEntry(a, b);
    resolveSplit(e, a, b, true);
    const n = table.info[4 * e + E_COUNT]!;
    if ((n & HAS_FFFD) !== 0 && textHasLoneSurrogate()) return null;
    // The token count, without flags (0 for a word of non-ASCII whitespace only).
    const count = n & (NO_TOKENS - 1);
    for (let i = 0; i < count; i++) out.push(decoder.decode(u8.subarray(splitStarts[i]!, splitEnds[i]!)));
  }
  return out;
}
