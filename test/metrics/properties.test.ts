/**
 * The fast implementations against the straightforward ones in naive.ts on random input (fast-check):
 * the one-pass 13a scanner against the regex cascade, BLEU and chrF statistics against Map-based counting,
 * TER against a cache-free port that recomputes every candidate shift from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLEU, CHRF, TER, tokenize13a } from '../../src/4-compare/metrics/index.js';
import { terTrace } from '../../src/4-compare/metrics/ter.js';
import { setDirectLimit } from '../../src/4-compare/metrics/intern.js';
import { setBleuFastPath } from '../../src/4-compare/metrics/bleu.js';
import { fastBleuStats, fastTokens13a, MAX_CALL, MAX_ENTRIES, tableEntries13a } from '../../src/4-compare/metrics/bleu-fast.js';
import { prepare13a } from '../../src/4-compare/metrics/tokenizers.js';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { naive13a, naiveBleuStats, naiveChrfStats, naiveTerTrace } from './naive.js';

// Characters that exercise every 13a rule: digits, dots, commas, dashes, P1 punctuation, apostrophes,
// whitespace of both kinds (ASCII, NBSP, U+001C, U+FEFF which Python does not split on), an astral char.
const tricky = fc.constantFrom(
  'a', 'b', 'Z', '1', '9', '0', '.', ',', '-', "'", '(', ')', '"', '&', '/', ':', '$', '@', '[', '`', '~',
  ' ', ' ', '\n', '\t', '\u00a0', '\u001c', '\ufeff', '😀', 'é', '&quot;', '&amp;', '<skipped>', '-\n',
);
const trickyString = fc.array(tricky, { maxLength: 40 }).map((a) => a.join(''));

describe('13a: one-pass scanner = regex cascade', () => {
  it('on random strings of rule-triggering characters', () => {
    fc.assert(
      fc.property(trickyString, (s) => {
        expect(tokenize13a(s)).toEqual(naive13a(s));
      }),
      { numRuns: 3000 },
    );
  });
  it('on known tricky cases', () => {
    for (const s of ['..a', 'a.,b', '1.,2', '3.5', '1,000.5.', 'x-1-2', '1-2', 'e.g.,', ',.,.,', '9.,.9', "it's", '']) {
      expect(tokenize13a(s), s).toEqual(naive13a(s));
    }
  });
});

const words = fc.constantFrom('the', 'a', 'cat', 'sat', 'on', 'mat', '.', ',', 'dog', '1.5', 'ROK', 'KASA', '(CLPS)', 'U.S.-ROK');
const sentence = fc.array(words, { maxLength: 30 }).map((a) => a.join(' '));

describe('BLEU statistics = Map-based counting', () => {
  const bleu = new BLEU();
  it('single and multiple references', () => {
    fc.assert(
      fc.property(sentence, fc.array(sentence, { minLength: 1, maxLength: 3 }), (h, refs) => {
        expect(bleu.stats(h, refs)).toEqual(naiveBleuStats(h, refs));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('BLEU one-reference fast path (UTF-8 words, bleu-fast.ts) = general path = regex cascade', () => {
  // Words long enough to need the byte comparison (> 12 UTF-8 bytes), words that split into 2 and into
  // more tokens, non-ASCII letters (2-4 UTF-8 bytes), and every rule-triggering character.
  const longWords = fc.constantFrom(
    'internationalisation', 'internationalization', 'Commercial-Lunar', 'e.g.,', '(U.S.-ROK)', '1,000.5.', 'x-1-2',
    'naïveté’s', 'ünïcödé-wörds', '“quoted”', 'a.,5', '..a', 'KASA’s', '😀😀😀😀', 'Ⅻ½', 'éééééééééééé', 'ééééééééééééé',
  );
  const token = fc.oneof(tricky, words, longWords);
  const text = fc.array(token, { maxLength: 30 }).map((a) => a.join(''));
  const spaced = fc.array(token, { maxLength: 30 }).map((a) => a.join(' '));
  const both = (h: string, r: string, m: BLEU): void => {
    const fast = m.stats(h, [r]);
    setBleuFastPath(false);
    try {
      expect(fast).toEqual(m.stats(h, [r]));
    } finally {
      setBleuFastPath(true);
    }
  };
  it('13a tokens of the word-at-a-time splitter = regex cascade, on random text', () => {
    fc.assert(
      fc.property(fc.oneof(text, spaced, trickyString), (line) => {
        const fast = fastTokens13a(prepare13a(line));
        // Giving up is allowed only for what UTF-8 cannot represent: lone surrogates.
        if (fast === null) expect(/[\ud800-\udfff]/.test(line)).toBe(true);
        else expect(fast).toEqual(naive13a(line));
      }),
      { numRuns: 3000 },
    );
  });
  it('13a tokens of the word-at-a-time splitter = regex cascade, on every line of the corpus', () => {
    const dir = resolve(__dirname, '../../corpus');
    let lines = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      for (const line of readFileSync(resolve(dir, f), 'utf8').split('\n')) {
        expect(fastTokens13a(prepare13a(line)), line).toEqual(naive13a(line));
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(100);
  });
  it('13a: fast = naive on random text', () => {
    const bleu = new BLEU();
    fc.assert(
      fc.property(fc.oneof(text, spaced), fc.oneof(text, spaced), (h, r) => {
        expect(bleu.stats(h, [r])).toEqual(naiveBleuStats(h, [r]));
      }),
      { numRuns: 2000 },
    );
  });
  it('13a, 13a lowercased and none: fast = general path', () => {
    const ms = [new BLEU(), new BLEU({ lowercase: true }), new BLEU({ tokenize: 'none' })];
    fc.assert(
      fc.property(fc.oneof(text, spaced), fc.oneof(text, spaced), (h, r) => {
        for (const m of ms) both(h, r, m);
      }),
      { numRuns: 1000 },
    );
  });
  it('non-ASCII whitespace (split there) and lone surrogates (general path): the same statistics', () => {
    const bleu = new BLEU();
    for (const [h, r] of [
      ['a\u00a0b c', 'a b c'],
      ['a\u2003b', 'a\u2003b'],
      ['x\u3000y', 'x y'],
      ['lone \ud800 surrogate', 'lone \ufffd surrogate'],
      ['lone \ufffd surrogate', 'lone \ufffd surrogate'],
      ['a\u0085b', 'a b'],
      ['\u00a0 a \u00a0\u00a0 b,\u2009(c)', 'a b, (c) \u00a0'],
      ['\u00a0', 'x'],
    ]) {
      expect(bleu.stats(h!, [r!]), h).toEqual(naiveBleuStats(h!, [r!]));
      both(h!, r!, bleu);
      // Only a lone surrogate makes the fast path give up.
      const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
      expect(fastBleuStats(h!, r!, true) === null, h).toBe(lone.test(h! + r!));
    }
  });
  it('long paragraphs (tables grow) and a hypothesis with many distinct words', () => {
    const bleu = new BLEU();
    let seed = 11;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const word = (): string => `w${Math.floor(rand() * 5000)}${rand() < 0.2 ? ',' : ''}`;
    const para = (n: number): string => Array.from({ length: n }, word).join(' ');
    for (const n of [0, 1, 3, 700, 4000]) {
      const h = para(n);
      const r = para(n + 5);
      expect(bleu.stats(h, [r]), `${n} words`).toEqual(naiveBleuStats(h, [r]));
    }
  });
  it('the word table kept across calls: the same statistics after the call marks wrap around', () => {
    // Marks carry a 15-bit call number; after MAX_CALL calls they are cleared. A stale mark would make a
    // token look like one of this call's: 'zzq' is marked in the hypothesis of call 10 only, and MAX_CALL
    // calls later (the same call number) it is in the reference alone, where it must match nothing.
    const bleu = new BLEU();
    const pairs: [string, string][] = [
      ['the cat sat on the mat .', 'the cat sat on a mat .'],
      ['a dog , a cat', 'the dog and the cat'],
      ['mat on sat cat the', 'the cat sat on the mat'],
      ['(KASA) met NASA', 'KASA met NASA (CLPS)'],
    ];
    const pairAt = (call: number): [string, string] => {
      // 'zzq' gets dense id 4 in call 10; in the later call 4 is 'dog', which the reference lacks.
      if (call === 10) return ['the cat sat zzq', 'the cat sat'];
      if (call === 10 + MAX_CALL) return ['the cat sat dog', 'zzq the cat sat'];
      return pairs[call % pairs.length]!;
    };
    let wrong = 0;
    let checked = 0;
    const expected = new Map<string, string>();
    for (let call = 0; call < MAX_CALL + 100; call++) {
      const [h, r] = pairAt(call);
      const key = `${h}\u0000${r}`;
      if (!expected.has(key)) expected.set(key, JSON.stringify(naiveBleuStats(h, [r])));
      if (JSON.stringify(bleu.stats(h, [r])) !== expected.get(key)) wrong++;
      checked++;
    }
    expect(checked).toBe(MAX_CALL + 100);
    expect(wrong).toBe(0);
  });
  it('the word table kept across calls: emptied past MAX_ENTRIES words, the same statistics after', () => {
    const bleu = new BLEU();
    const perCall = 2000;
    let wrong = 0;
    let checked = 0;
    // Each call brings 2,000 new words (and shares 1,000 with the previous call), until well past the bound.
    for (let call = 0; call * perCall < MAX_ENTRIES + 4 * perCall; call++) {
      const h = Array.from({ length: perCall }, (_, i) => `v${call * perCall + i}`).join(' ');
      const r = Array.from({ length: perCall }, (_, i) => `v${call * perCall + i - perCall / 2}`).join(' ');
      const stats = bleu.stats(h, [r]);
      if (call % 8 === 0 || call * perCall > MAX_ENTRIES - 2 * perCall) {
        checked++;
        if (JSON.stringify(stats) !== JSON.stringify(naiveBleuStats(h, [r]))) wrong++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(wrong).toBe(0);
    // The bound held: the table was emptied and holds only what came after.
    expect(tableEntries13a()).toBeLessThanOrEqual(MAX_ENTRIES);
    expect(tableEntries13a()).toBeGreaterThan(0);
  });
});

describe('chrF statistics = Map-based counting', () => {
  const chrf = new CHRF();
  const chrfpp = new CHRF({ wordOrder: 2 });
  it('chrF and chrF++ on one reference', () => {
    fc.assert(
      fc.property(fc.oneof(sentence, trickyString), fc.oneof(sentence, trickyString), (h, r) => {
        expect(chrf.stats(h, [r])).toEqual(naiveChrfStats(h, r, 6, 0));
        expect(chrfpp.stats(h, [r])).toEqual(naiveChrfStats(h, r, 6, 2));
      }),
      { numRuns: 1500 },
    );
  });
  it('astral characters whose low 16 bits are whitespace are characters, not spaces', () => {
    // U+10020, U+1000A, U+2000A, U+E0020: surrogate pairs; a lookup on c & 0xffff would take them for spaces.
    const astral = fc.constantFrom('\u{10020}', '\u{1000a}', '\u{2000a}', '\u{e0020}', '\u{1f600}', 'a', ' ', 'b', '\u00a0');
    const s = fc.array(astral, { maxLength: 25 }).map((a) => a.join(''));
    fc.assert(
      fc.property(s, s, (h, r) => {
        expect(chrf.stats(h, [r])).toEqual(naiveChrfStats(h, r, 6, 0));
        expect(new CHRF({ whitespace: true }).stats(h, [r])).toEqual(naiveChrfStats(h, r, 6, 0, true));
      }),
      { numRuns: 500 },
    );
  });
  it('several references: the statistics of the best-F reference (the first on ties)', () => {
    fc.assert(
      fc.property(sentence, fc.array(sentence, { minLength: 2, maxLength: 3 }), (h, refs) => {
        for (const m of [chrf, chrfpp]) {
          let best: number[] = [];
          let bestF = -1;
          for (const r of refs) {
            const st = naiveChrfStats(h, r, 6, m.wordOrder);
            const f = m.fScore(st);
            if (f > bestF) [best, bestF] = [st, f];
          }
          expect(m.stats(h, refs)).toEqual(best);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('n-gram ids through the hash table (large vocabularies)', () => {
  it('BLEU and chrF++ statistics are the same when every order goes through the hash table', () => {
    const bleu = new BLEU();
    const chrfpp = new CHRF({ wordOrder: 2 });
    setDirectLimit(0);
    try {
      fc.assert(
        fc.property(fc.oneof(sentence, trickyString), fc.oneof(sentence, trickyString), (h, r) => {
          expect(bleu.stats(h, [r, h.slice(3)])).toEqual(naiveBleuStats(h, [r, h.slice(3)]));
          expect(chrfpp.stats(h, [r])).toEqual(naiveChrfStats(h, r, 6, 2));
        }),
        { numRuns: 500 },
      );
    } finally {
      setDirectLimit(1 << 22);
    }
  });
  it('a long CJK text with thousands of distinct characters', () => {
    let seed = 7;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const text = (n: number): string => Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(rand() * 3000))).join('');
    const h = text(6000);
    const r = h.slice(0, 3000) + text(3000);
    expect(new CHRF().stats(h, [r])).toEqual(naiveChrfStats(h, r, 6, 0));
  });
});

describe('TER edits = cache-free port', () => {
  const small = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'the', 'of');
  const toIds = (ws: string[], vocab: Map<string, number>): Int32Array =>
    Int32Array.from(ws.map((w) => vocab.get(w) ?? (vocab.set(w, vocab.size), vocab.size - 1)));
  /** Same edits, same number of shifts and candidates, same final word order: the same search. */
  const check = (h: string[], r: string[]): number => {
    const vocab = new Map<string, number>();
    const fast = terTrace(toIds(h, vocab), toIds(r, vocab));
    const names = [...vocab.keys()];
    const slow = naiveTerTrace(h, r);
    expect({ ...fast, words: [...fast.words].map((i) => names[i]) }).toEqual(slow);
    return fast.candidates;
  };
  it('short sentences over a tiny vocabulary (many shift candidates)', () => {
    fc.assert(
      fc.property(fc.array(small, { maxLength: 18 }), fc.array(small, { maxLength: 18 }), (h, r) => {
        check(h, r);
      }),
      { numRuns: 800 },
    );
  });
  it('permutations of the same words (shifts fix everything)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'), { minLength: 1, maxLength: 25 }),
        fc.integer(),
        (r, seed) => {
          const h = [...r];
          let s = seed;
          for (let i = h.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            const j = Math.abs(s) % (i + 1);
            [h[i], h[j]] = [h[j]!, h[i]!];
          }
          check(h, r);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('very unequal lengths (the beam widens) and the 1000-candidate budget', () => {
    const rep = (w: string, n: number): string[] => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 'x' : w));
    check(rep('a', 5), rep('a', 140));
    check(rep('a', 140), rep('a', 5));
    check(['a', 'b'], Array.from({ length: 120 }, (_, i) => (i % 2 ? 'a' : 'b')));
    // Repetitive text runs out of the candidate budget: the search must stop exactly where sacreBLEU's does.
    const cyc = (n: number, k: number): string[] => Array.from({ length: n }, (_, i) => `w${i % k}`);
    expect(check(cyc(40, 3), [...cyc(37, 3).reverse(), 'z', 'z', 'z'])).toBeGreaterThanOrEqual(1000);
    // Blocks that have to travel about 50 words (the maximum shift distance).
    const ids = (a: number, b: number): string[] => Array.from({ length: b - a }, (_, i) => `t${a + i}`);
    // Blocks longer than the maximum shift size (10) move in pieces.
    for (const len of [9, 10, 11, 12, 21]) check([...ids(0, len), ...ids(50, 50 + len)], [...ids(50, 50 + len), ...ids(0, len)]);
    for (const gap of [47, 48, 49, 50, 51, 52]) {
      check([...ids(0, 3), ...ids(100, 100 + gap), ...ids(3, 6)], [...ids(100, 100 + gap), ...ids(0, 6)]);
    }
  });
  it('TER metric statistics use these edits', () => {
    const ter = new TER();
    expect(ter.stats('d e f g h a b c', ['a b c d e f g h'])).toEqual([1, 8]);
  });
});
