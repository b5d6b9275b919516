/**
 * Exact n-gram identities without building n-gram strings.
 *
 * Every unit (token or character) gets a small integer id; an n-gram's id is the id of the pair
 * (id of its first n−1 units, its last unit). Two n-grams get the same id exactly when they are equal, so the
 * counts sacreBLEU keeps in `Counter`s of strings/tuples become counts in typed arrays indexed by id. The
 * tables are open-addressing hash tables over typed arrays, reused across calls and invalidated by a
 * generation stamp instead of being cleared, which keeps memory flat when millions of pairs are streamed.
 */

/**
 * The ids of `tokens` in `ids` (a string's id is its first-seen order there; new strings are added), as an
 * Int32Array for the edit-distance loops. A plain loop: `Int32Array.from` with a mapping function takes V8's
 * slow generic path.
 */
export function internStrings(ids: Map<string, number>, tokens: readonly string[]): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let id = ids.get(t);
    if (id === undefined) ids.set(t, (id = ids.size));
    out[i] = id;
  }
  return out;
}

/** Shared id counter, so token ids, character ids and n-gram ids never collide. */
export class IdSpace {
  next = 0;
  reset(): void {
    this.next = 0;
  }
}

function nextPow2(n: number): number {
  let p = 64;
  while (p < n) p *= 2;
  return p;
}

/**
 * (a, b) int pair → id. Each slot is four consecutive ints `[stamp, a, b, id]`, so a probe touches one
 * cache line: the tables of a 300-word paragraph's character n-grams outgrow the L2 cache, and with one
 * array per field every probe cost four cache misses.
 */
export class PairTable {
  private slots: Int32Array;
  private gen = 1;
  private mask: number;
  private size = 0;

  constructor(
    readonly ids: IdSpace,
    capacity = 1024,
  ) {
    const cap = nextPow2(capacity * 2);
    this.slots = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }

  /** Forgets every entry (O(1)). */
  clear(): void {
    this.size = 0;
    this.gen = (this.gen + 1) | 0;
    if (this.gen === 0x7fffffff) {
      this.slots.fill(0);
      this.gen = 1;
    }
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 13;
    return h & this.mask;
  }

  /** The id of (a, b), creating it if new. */
  intern(a: number, b: number): number {
    if (this.size * 2 >= this.mask) this.grow();
    const { slots, gen, mask } = this;
    let i = this.slot(a, b);
    for (;;) {
      const o = i << 2;
      if (slots[o] !== gen) {
        slots[o] = gen;
        slots[o + 1] = a;
        slots[o + 2] = b;
        const id = this.ids.next++;
        slots[o + 3] = id;
        this.size++;
        return id;
      }
      if (slots[o + 1] === a && slots[o + 2] === b) return slots[o + 3]!;
      i = (i + 1) & mask;
    }
  }

  /** The id of (a, b), or −1 when it was never interned. */
  get(a: number, b: number): number {
    const { slots, gen, mask } = this;
    let i = this.slot(a, b);
    for (;;) {
      const o = i << 2;
      if (slots[o] !== gen) return -1;
      if (slots[o + 1] === a && slots[o + 2] === b) return slots[o + 3]!;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const oldGen = this.gen;
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap * 4);
    this.mask = cap - 1;
    this.gen = 1;
    const slots = this.slots;
    for (let o = 0; o < old.length; o += 4) {
      if (old[o] !== oldGen) continue;
      const a = old[o + 1]!;
      const b = old[o + 2]!;
      let j = this.slot(a, b);
      while (slots[j << 2] === 1) j = (j + 1) & this.mask;
      const q = j << 2;
      slots[q] = 1;
      slots[q + 1] = a;
      slots[q + 2] = b;
      slots[q + 3] = old[o + 3]!;
    }
  }
}

/**
 * String span → id. A new span's code units are copied into an arena, so a lookup compares the candidate
 * span against a typed array (exactly: hash and length first, then every code unit).
 */
export class SpanTable {
  private arena = new Uint16Array(4096);
  private arenaUsed = 0;
  private offs: Int32Array;
  private lens: Int32Array;
  private hashes: Int32Array;
  private val: Int32Array;
  private stamp: Uint32Array;
  private gen = 1;
  private mask: number;
  private size = 0;

  constructor(
    readonly ids: IdSpace,
    capacity = 512,
  ) {
    const cap = nextPow2(capacity * 2);
    this.offs = new Int32Array(cap);
    this.lens = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.stamp = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  /** Forgets every entry (O(1)). */
  clear(): void {
    this.size = 0;
    this.arenaUsed = 0;
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  private find(s: string, start: number, end: number, hash: number): number {
    const len = end - start;
    const { stamp, gen, mask, hashes, lens, offs, arena } = this;
    let i = (hash ^ (hash >>> 16)) & mask;
    for (;;) {
      if (stamp[i] !== gen) return ~i;
      if (hashes[i] === hash && lens[i] === len) {
        const o = offs[i]!;
        let k = 0;
        while (k < len && arena[o + k] === s.charCodeAt(start + k)) k++;
        if (k === len) return i;
      }
      i = (i + 1) & mask;
    }
  }

  /** The id of `s[start, end)` whose `spanHash` is `hash`, creating it if new. */
  intern(s: string, start: number, end: number, hash: number): number {
    if (this.size * 2 >= this.mask) this.grow();
    const i = this.find(s, start, end, hash);
    if (i >= 0) return this.val[i]!;
    const j = ~i;
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const a = new Uint16Array(Math.max(2 * this.arena.length, this.arenaUsed + len));
      a.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = a;
    }
    const o = this.arenaUsed;
    const arena = this.arena;
    for (let k = 0; k < len; k++) arena[o + k] = s.charCodeAt(start + k);
    this.arenaUsed += len;
    this.stamp[j] = this.gen;
    this.offs[j] = o;
    this.lens[j] = len;
    this.hashes[j] = hash;
    const id = this.ids.next++;
    this.val[j] = id;
    this.size++;
    return id;
  }

  /** The id of the span, or −1. */
  get(s: string, start: number, end: number, hash: number): number {
    const i = this.find(s, start, end, hash);
    return i >= 0 ? this.val[i]! : -1;
  }

  private grow(): void {
    const old = { offs: this.offs, lens: this.lens, hashes: this.hashes, val: this.val, stamp: this.stamp, gen: this.gen };
    const cap = (this.mask + 1) * 2;
    this.offs = new Int32Array(cap);
    this.lens = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.stamp = new Uint32Array(cap);
    this.mask = cap - 1;
    this.gen = 1;
    for (let i = 0; i < old.stamp.length; i++) {
      if (old.stamp[i] !== old.gen) continue;
      const h = old.hashes[i]!;
      let j = (h ^ (h >>> 16)) & this.mask;
      while (this.stamp[j] === 1) j = (j + 1) & this.mask;
      this.stamp[j] = 1;
      this.offs[j] = old.offs[i]!;
      this.lens[j] = old.lens[i]!;
      this.hashes[j] = h;
      this.val[j] = old.val[i]!;
    }
  }
}

/** Largest directly addressed table of `NextOrder` (cells); 4 M cells = 16 MB. */
export let DIRECT_LIMIT = 1 << 22;

/** Test hook: lowers the direct-table limit so the hash-table path runs on small inputs. */
export function setDirectLimit(cells: number): void {
  DIRECT_LIMIT = cells;
}

/**
 * n-gram ids of the next order: (id at the previous order, last unit) → id. Ids and units are 1-based and
 * 0 means "none" (an n-gram or unit the other side does not have): looking up a key with a 0 gives 0, so
 * callers need no branch for missing n-grams. The table is directly addressed when the product of the two
 * ranges is small (the usual case: a few hundred distinct (n−1)-grams times a few dozen characters), which
 * costs one memory access per n-gram; a hash table otherwise.
 */
export class NextOrder {
  private ids = new IdSpace();
  private pairs = new PairTable(this.ids, 4096);
  private direct = new Int32Array(1 << 16);
  private used = new IntBuffer();
  private width = 0;
  private useDirect = false;
  /** Number of ids given so far in this order (they are 1..next). */
  next = 0;

  /** Prepares for keys with prev in [0, prevCount] and unit in [0, units]. */
  begin(prevCount: number, units: number): void {
    // Reset the cells the previous order set.
    const d = this.direct;
    const u = this.used;
    for (let i = 0; i < u.length; i++) d[u.data[i]!] = 0;
    u.clear();
    this.next = 0;
    this.width = units + 1;
    const cells = (prevCount + 1) * (units + 1);
    this.useDirect = cells <= DIRECT_LIMIT;
    if (this.useDirect && d.length < cells) this.direct = new Int32Array(Math.min(DIRECT_LIMIT, 2 * cells));
    if (!this.useDirect) {
      this.pairs.clear();
      this.ids.reset();
    }
  }

  /** The id (≥ 1) of (prev ≥ 1, unit ≥ 1), creating it if new. */
  intern(prev: number, unit: number): number {
    if (!this.useDirect) {
      const id = this.pairs.intern(prev, unit) + 1;
      this.next = this.ids.next;
      return id;
    }
    const key = prev * this.width + unit;
    const v = this.direct[key]!;
    if (v !== 0) return v;
    const id = ++this.next;
    this.direct[key] = id;
    this.used.push(key);
    return id;
  }

  /** The id of (prev, unit), or 0 when it was never interned (always 0 when either is 0). */
  get(prev: number, unit: number): number {
    if (!this.useDirect) return this.pairs.get(prev, unit) + 1;
    return this.direct[prev * this.width + unit]!;
  }
}

/** A growable Int32Array whose first `n` cells can be zeroed cheaply between uses. */
export class Counts {
  data = new Int32Array(1024);
  ensure(n: number): Int32Array {
    if (this.data.length < n) {
      let cap = this.data.length;
      while (cap < n) cap *= 2;
      this.data = new Int32Array(cap);
    }
    return this.data;
  }
}

/** A growable Int32Array buffer. */
export class IntBuffer {
  data = new Int32Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  clear(): void {
    this.length = 0;
  }
}
