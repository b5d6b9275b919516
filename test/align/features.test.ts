import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TOKEN_RE, tokenize, extractFeatures, sparseDot } from '../../src/3-align/features.js';

const viaRegex = (t: string): string[] => [...t.matchAll(new RegExp(TOKEN_RE.source, 'gu'))].map((m) => m[0]);

describe('align features', () => {
  it.each([
    "U.S.-ROK's Director-General met on April 14, 2025.",
    'e.g. 3.5 ‘quoted’ x.– déjà vu, 한국어 텍스트, Korea-U.S. end.',
    'Astral 𝒜bc𝒟 letters, and a trailing dot.',
    '',
    '... -- !!',
  ])('the scanner finds exactly the TOKEN_RE tokens: %s', (text) => {
    expect(tokenize(text)).toEqual(viaRegex(text));
  });

  it('the scanner equals TOKEN_RE on random text (property)', () => {
    const alphabet = fc.constantFrom(...'aZ9 .-\'’,é한𝒜\n()"'.split(/(?:)/u));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(tokenize(text)).toEqual(viaRegex(text));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the garbled rendering of a sentence among its neighbours, in both views; function words weigh nothing', () => {
    const ref = [
      'Karen Feldstein led the delegation to Washington.',
      'The weather was fine all week.',
      'Officials signed an agreement on satellite data.',
      'The museum opens in the spring.',
    ];
    const cand = [
      'Karen Feldestein led the American delegation in Washington.',
      'It rained every day of the week.',
      'The officials signed a satellite data agreement.',
      'In spring the museum will open.',
    ];
    const f = extractFeatures(ref, cand);
    const cos = (view: 'words' | 'chars', a: number, b: number): number => {
      const na = view === 'words' ? f.ref.wordNorm2[a]! : f.ref.charNorm2[a]!;
      const nb = view === 'words' ? f.cand.wordNorm2[b]! : f.cand.charNorm2[b]!;
      return sparseDot(f.ref[view], a, f.cand[view], b) / Math.sqrt(na * nb);
    };
    for (const view of ['words', 'chars'] as const) {
      for (let a = 0; a < ref.length; a++) {
        for (let b = 0; b < cand.length; b++) if (b !== a && a !== 1) expect(cos(view, a, a)).toBeGreaterThan(cos(view, a, b));
      }
    }
    // "the", "was", "all" are function words: the only shared content stem of pair 1 is "week".
    const shared = [...f.ref.words.ids.subarray(f.ref.words.ptr[1]!, f.ref.words.ptr[2]!)].filter((id) =>
      f.cand.words.ids.subarray(f.cand.words.ptr[1]!, f.cand.words.ptr[2]!).includes(id),
    );
    expect(shared).toHaveLength(1);
    // Entities: "Feldstein" and "Washington" are capitalised mid-sentence; sentence-initial "Karen" is not
    // evidence of a name.
    expect(f.ref.entities.ptr[1]! - f.ref.entities.ptr[0]!).toBe(2);
  });

  it('features do not depend on what was analysed before (token and sentence memos)', () => {
    const ref = ['The Director met Karen Feldstein in Washington on April 14.', 'They signed a lunar payload agreement.', 'The Director met Karen Feldstein in Washington on April 14.'];
    const cand = ['Karen Feldestein and the Director met in Washington.', 'A lunar payload agreement was signed on April 14.'];
    const first = extractFeatures(ref, cand);
    // Other texts bring new words, stems and n-grams (new global ids) in another order, and the same
    // sentences in other company.
    extractFeatures(['Zebras graze quietly near the lunar station.', ref[1]!], ['Quiet zebras, a station, Washington.']);
    extractFeatures(cand, ref);
    expect(extractFeatures(ref, cand)).toEqual(first);
  });

  it('rows are sorted, distinct and consistent with their norms, in small and in large vocabularies', () => {
    // Seeded random "words": the last sentences reuse words first seen far apart, so their ids are spread
    // over a large id space (the sorting path) while the first ones are dense (the bit-set path).
    let seed = 7;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const word = (k: number): string => `w${k.toString(36)}x${'abcdefghij'[k % 10]}`;
    const sentences: string[] = [];
    for (let s = 0; s < 400; s++) sentences.push(Array.from({ length: 12 }, (_, t) => word(s * 12 + t)).join(' ') + '.');
    for (let s = 0; s < 20; s++) sentences.push(Array.from({ length: 12 }, () => word(Math.floor(rand() * 4800))).join(' ') + '.');
    const f = extractFeatures(sentences.slice(0, 210), sentences.slice(210));
    for (const side of [f.ref, f.cand]) {
      for (const [view, norms] of [
        [side.words, side.wordNorm2],
        [side.chars, side.charNorm2],
      ] as const) {
        for (let r = 0; r < side.n; r++) {
          let n2 = 0;
          for (let k = view.ptr[r]!; k < view.ptr[r + 1]!; k++) {
            if (k > view.ptr[r]!) expect(view.ids[k]!).toBeGreaterThan(view.ids[k - 1]!);
            n2 += view.vals[k]! * view.vals[k]!;
          }
          expect(n2).toBeCloseTo(norms[r]!, 3);
          expect(sparseDot(view, r, view, r)).toBeCloseTo(norms[r]!, 3);
        }
      }
    }
    // Each sentence has 12 distinct content words: 12 stems per row.
    for (let r = 0; r < f.cand.n; r++) expect(f.cand.words.ptr[r + 1]! - f.cand.words.ptr[r]!).toBeLessThanOrEqual(12);
  });
});
