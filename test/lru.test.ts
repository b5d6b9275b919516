import { describe, expect, it } from 'vitest';
import { LruCache } from '../src/lru.js';

describe('LruCache', () => {
  it('evicts the least recently used entry past its entry bound', () => {
    const c = new LruCache<number>(2, 1000);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // 'a' is now the most recent
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
  });

  it('evicts past its character bound, and does not keep a key longer than the bound', () => {
    const c = new LruCache<string>(10, 10);
    c.set('xxxx', 'first');
    c.set('yyyy', 'second');
    c.set('zzzz', 'third'); // 12 characters: the oldest goes
    expect(c.get('xxxx')).toBeUndefined();
    expect(c.get('yyyy')).toBe('second');
    c.set('k'.repeat(11), 'too long');
    expect(c.get('k'.repeat(11))).toBeUndefined();
    expect(c.size).toBe(2);
  });

  it('replaces a value without counting its key twice, and getOrMake makes once', () => {
    const c = new LruCache<number>(10, 8);
    c.set('abcd', 1);
    c.set('abcd', 2);
    c.set('efgh', 3); // 8 characters in all: both fit
    expect([c.get('abcd'), c.get('efgh')]).toEqual([2, 3]);
    let made = 0;
    const make = () => ++made;
    expect(c.getOrMake('ijkl', make)).toBe(1);
    expect(c.getOrMake('ijkl', make)).toBe(1);
    expect(made).toBe(1);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.getOrMake('ijkl', make)).toBe(2);
  });
});
