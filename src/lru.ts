/**
 * A small least-recently-used cache keyed by strings, bounded both in entries and in the total length of its
 * keys (the keys are the texts whose analysis is kept, so their length stands for the memory held). Stages
 * keep the analysis of the last few texts in one, so that a batch auditing many candidates against one
 * official text analyses that text once; what they keep depends on the key alone, which keeps reports
 * independent of what was audited before (test/bench/caches.test.ts).
 */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  /** The value kept for `key`, now the most recently used, or undefined. */
  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      // A Map iterates in insertion order: re-inserting makes the first entry the one to evict.
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  /** Keeps `value` for `key` (a key longer than the character bound is not kept), evicting the oldest. */
  set(key: string, value: V): void {
    if (key.length > this.maxChars) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.chars -= key.length;
    }
    this.map.set(key, value);
    this.chars += key.length;
    for (const [k] of this.map) {
      if (this.map.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.map.delete(k);
      this.chars -= k.length;
    }
  }

  /** The kept value for `key`, or `make()`'s, kept. */
  getOrMake(key: string, make: () => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const fresh = make();
    this.set(key, fresh);
    return fresh;
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.map.size;
  }
}
