/**
 * Hand-worked tables (hypothesis, references, expected) for BLEU, chrF and TER, edge cases (empty sides,
 * identical strings, Unicode), and the sacreBLEU-style Metric contract (statistics add up, signatures,
 * boundary errors).
 */
import { describe, expect, it } from 'vitest';
import { BLEU, CHRF, TER } from '../../src/4-compare/metrics/index.js';
import { pyFixed, pySplit } from '../../src/4-compare/metrics/pytext.js';

const EPS = 1e-9;

describe('BLEU table', () => {
  const sent = new BLEU({ effectiveOrder: true });
  const corpus = new BLEU();
  const cases: [string, BLEU, string, string[], number][] = [
    ['identical', sent, 'a b c d', ['a b c d'], 100],
    // no 4-gram in a 3-word hypothesis: precision 0 at order 4 without effective order
    ['short, no effective order', corpus, 'the cat sat', ['the cat sat on the mat'], 0],
    // effective order 3, all precisions 100, brevity penalty e^(1 − 6/3)
    ['short, effective order', sent, 'the cat sat', ['the cat sat on the mat'], 100 * Math.exp(1 - 6 / 3)],
    // unigram 1/4; no bigram/trigram/4-gram match: exp smoothing 100/(2·3), 100/(4·2), 100/(8·1)
    ['exp smoothing', sent, 'the the the the', ['the cat'], (25 * (100 / 6) * 12.5 * 12.5) ** 0.25],
    // two references: counts clipped by the highest count in any reference (unigrams 3/3, bigrams 2/2),
    // no trigram match (exp smoothing 100/(2·1)), no 4-gram (effective order 3), closest reference length 3
    ['two references', sent, 'the the cat', ['the cat', 'the the dog'], Math.cbrt(100 * 100 * 50)],
  ];
  it.each(cases)('%s', (_name, m, hyp, refs, expected) => {
    expect(m.sentenceScore(hyp, refs).score).toBeCloseTo(expected, 9);
  });
  it('13a splits punctuation, keeps decimals and dashes between digits apart', () => {
    // "$" is split off, "1.5" stays one token (digits on both sides of the dot), the final "." is split off
    expect(new BLEU().stats('Pay $1.5 now.', ['Pay $ 1.5 now .'])).toEqual([5, 5, 5, 4, 3, 2, 5, 4, 3, 2]);
  });
});

describe('chrF table', () => {
  const chrf = new CHRF();
  const cases: [string, string, string, number][] = [
    ['identical', 'ab', 'ab', 100],
    // orders 1..3: P = R = 2/3, 1/2, 0; orders 4..6 absent → F = P = 7/18
    ['one character differs', 'abc', 'abd', (100 * 7) / 18],
    ['aa / ab', 'aa', 'ab', 25],
    // code points, not UTF-16 units: the two emoji share their high surrogate
    ['astral characters', '😀😀', '😀😁', 25],
    // U+00A0 is whitespace for Python's split(), so it is removed like a space
    ['no-break space ignored', '\u00a0a b', 'ab', 100],
    // U+FEFF is not whitespace for Python: order 1 P = 2/3, R = 1; order 2 P = 1/2, R = 1 → F = 35/40
    ['BOM kept as a character', '\ufeffab', 'ab', 87.5],
  ];
  it.each(cases)('%s', (_name, hyp, ref, expected) => {
    expect(chrf.sentenceScore(hyp, [ref]).score).toBeCloseTo(expected, 9);
  });
  it('chrF++ splits one trailing (or else leading) punctuation character off a word', () => {
    const pp = new CHRF({ wordOrder: 2 });
    expect(pp.sentenceScore('the cat.', ['the cat .']).score).toBeCloseTo(100, 9);
    // '(hi)' → '(hi' + ')' (sacreBLEU issue #124): the words differ from '( hi )'
    expect(pp.stats('(hi)', ['( hi )']).slice(18)).toEqual([2, 3, 1, 1, 2, 0]);
  });
  it('beta weighs recall', () => {
    const s = (beta: number): number => new CHRF({ beta }).sentenceScore('abcd', ['ab']).score;
    // P = 1/2 (order 1), 1/3 (order 2); R = 1 → recall-heavier beta gives a higher score
    expect(s(3)).toBeGreaterThan(s(1));
  });
});

describe('TER table', () => {
  const ter = new TER();
  const cases: [string, TER, string, string, number][] = [
    ['one shift fixes it', ter, 'd e f g h a b c', 'a b c d e f g h', 12.5],
    ['case-insensitive by default', ter, 'A B C', 'a b c', 0],
    ['case-sensitive', new TER({ caseSensitive: true }), 'A B C', 'a b c', 100],
    ['two deletions', ter, 'a b', 'a b c d', 50],
    // normalised: "hello , world !" against "hello world": two insertions over two words
    ['normalized punctuation', new TER({ normalized: true }), 'Hello, world!', 'hello world', 100],
    ['punctuation removed', new TER({ noPunct: true }), 'Hello, world!', 'hello world', 0],
  ];
  it.each(cases)('%s', (_name, m, hyp, ref, expected) => {
    expect(m.sentenceScore(hyp, [ref]).score).toBeCloseTo(expected, 9);
  });
});

describe('edge cases', () => {
  const bleu = new BLEU({ effectiveOrder: true });
  const chrf = new CHRF();
  const ter = new TER();
  const s = 'Officials from the United States and the Republic of Korea (ROK) met in Washington, DC on April 14.';
  it('empty hypothesis', () => {
    expect(bleu.sentenceScore('', [s]).score).toBe(0);
    expect(chrf.sentenceScore('', [s]).score).toBe(0);
    expect(ter.sentenceScore('', [s]).score).toBe(100);
  });
  it('empty reference', () => {
    expect(bleu.sentenceScore(s, ['']).score).toBe(0);
    expect(chrf.sentenceScore(s, ['']).score).toBe(0);
    expect(ter.sentenceScore(s, ['']).score).toBe(100);
  });
  it('both empty', () => {
    expect(bleu.sentenceScore('', ['']).score).toBe(0);
    expect(chrf.sentenceScore('', ['']).score).toBe(0);
    expect(ter.sentenceScore('', ['']).score).toBe(0);
  });
  it('whitespace-only sides behave as empty', () => {
    expect(ter.sentenceScore(' \t ', ['a b']).score).toBe(100);
    expect(chrf.sentenceScore('\u3000', ['']).score).toBe(0);
  });
  it('identical strings', () => {
    expect(bleu.sentenceScore(s, [s]).score).toBeCloseTo(100, 9);
    expect(chrf.sentenceScore(s, [s]).score).toBeCloseTo(100, 9);
    expect(ter.sentenceScore(s, [s]).score).toBe(0);
  });
  it('non-Latin scripts and mixed case', () => {
    const ko = '한미 민간우주대화가 워싱턴에서 열렸다.';
    expect(chrf.sentenceScore(ko, [ko]).score).toBeCloseTo(100, 9);
    expect(bleu.sentenceScore(ko.toUpperCase(), [ko]).score).toBeCloseTo(100, 9);
    // Greek final sigma lowercases like Python's str.lower()
    expect(new CHRF({ lowercase: true }).sentenceScore('ΟΔΟΣ', ['οδο\u03c3']).score).toBeLessThan(100);
    expect(new CHRF({ lowercase: true }).sentenceScore('ΟΔΟΣ', ['οδο\u03c2']).score).toBeCloseTo(100, 9);
  });
  it('null references are skipped (variable number of references), empty strings are kept', () => {
    const refs = [s, null];
    expect(bleu.sentenceScore(s, refs).signature).toContain('nrefs:1|');
    expect(ter.stats('a', ['', null])).toEqual([1, 0]);
    expect(() => ter.stats('a', [null])).toThrow(/TER: no reference/);
  });
});

describe('Metric contract', () => {
  const hyps = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
  const refs = [
    ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
    ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
  ];
  it.each([new BLEU(), new CHRF(), new CHRF({ wordOrder: 2 }), new TER()])('corpus statistics are summed segment statistics (%#)', (m) => {
    const sum: number[] = [];
    hyps.forEach((h, i) => m.stats(h, refs.map((r) => r[i]!)).forEach((v, k) => (sum[k] = (sum[k] ?? 0) + v)));
    const c = m.corpusScore(hyps, refs);
    expect(c.stats).toEqual(sum);
    expect(c.score).toBe(m.value(sum));
    // never the mean of sentence scores
    const mean = hyps.reduce((a, h, i) => a + m.sentenceScore(h, refs.map((r) => r[i]!)).score, 0) / hyps.length;
    expect(Math.abs(c.score - mean)).toBeGreaterThan(1e-6);
  });
  it('prints sacreBLEU output for its README example', () => {
    // sacreBLEU: "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)"
    const c = new BLEU().corpusScore(hyps, refs);
    expect(pyFixed(c.score, 2)).toBe('48.53');
    expect(c.verbose).toBe('82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)');
    expect(c.signature).toBe('nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
  });
  it('signatures name every setting', () => {
    expect(new BLEU({ smoothMethod: 'floor', lowercase: true, tokenize: 'intl' }).signature(1)).toBe(
      'nrefs:1|case:lc|eff:no|tok:intl|smooth:floor[0.10]|version:2.6.0',
    );
    expect(new BLEU({ smoothMethod: 'add-k', smoothValue: 2 }).signature('var')).toBe(
      'nrefs:var|case:mixed|eff:no|tok:13a|smooth:add-k[2.00]|version:2.6.0',
    );
    expect(new CHRF({ wordOrder: 2, whitespace: true, epsSmoothing: true }).signature(1)).toBe(
      'nrefs:1|case:mixed|eff:no|nc:6|nw:2|space:yes|version:2.6.0',
    );
    expect(new TER({ normalized: true, noPunct: true, caseSensitive: true }).signature(3)).toBe(
      'nrefs:3|case:mixed|tok:tercom|norm:yes|punct:no|asian:no|version:2.6.0',
    );
    expect(new CHRF({ wordOrder: 2 }).scoreName).toBe('chrF2++');
  });
  it('a variable number of references shows as nrefs:var', () => {
    const c = new TER().corpusScore(['a b', 'c d'], [['a b', 'c d'], ['a c', null]]);
    expect(c.signature).toContain('nrefs:var|');
  });
  it('rejects bad input at the boundary, naming the metric', () => {
    expect(() => new BLEU({ tokenize: 'zh' as never })).toThrow(/^BLEU: unknown tokenizer 'zh'/);
    expect(() => new BLEU().corpusScore(['a', 'b'], [['a']])).toThrow(/BLEU: each reference stream should have the same length/);
    expect(() => new CHRF().stats(42 as never, ['a'])).toThrow(/CHRF: the hypothesis should be a string/);
    expect(() => new TER().corpusScore([], [[]]).score).toThrow(/TER: no segment/);
  });
});

describe('Python text semantics', () => {
  it('pyFixed rounds exact ties to even like Python', () => {
    expect(pyFixed(0.125, 2)).toBe('0.12');
    expect(pyFixed(0.375, 2)).toBe('0.38');
    expect(pyFixed(2.5, 0)).toBe('2');
    expect(pyFixed(48.530827009929865, 1)).toBe('48.5');
    expect(pyFixed(0.1 + 0.2, 1)).toBe('0.3');
  });
  it('pySplit uses Python whitespace (U+001C splits, U+FEFF does not)', () => {
    expect(pySplit('a\u001cb\ufeffc\u0085d')).toEqual(['a', 'b\ufeffc', 'd']);
  });
});
