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
});
