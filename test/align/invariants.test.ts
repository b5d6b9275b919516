import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { align } from '../../src/3-align/index.js';
import { doc, expectInvariants, STORY } from './helpers.js';
import { perturb } from './perturb.js';

const FOREIGN = [
  'In the beginning was the Word, and the Word was with God.',
  'Quarterly revenue fell by eight percent in the retail division.',
  'The orchestra rehearsed the second symphony until midnight.',
];

describe('align: invariants on random perturbations (property-based)', () => {
  it('every sentence is in exactly one link; order kept; boilerplate (either side) never linked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.subarray(STORY, { minLength: 0 }),
        fc.constantFrom<'monotonic' | 'non-monotonic' | undefined>('monotonic', 'non-monotonic', undefined),
        fc.array(fc.boolean(), { maxLength: 20 }),
        fc.array(fc.boolean(), { maxLength: 20 }),
        (seed, source, mode, boiler, refBoiler) => {
          const pieces = perturb(source, FOREIGN, { seed, move: 0.2, drop: 0.1, insert: 0.1, splitMerge: 0.1, paragraphSize: 3 });
          const texts = pieces.map((p) => p.text);
          const ref = doc(source, 'r', source.map((_, k) => refBoiler[k] ?? false));
          const cand = doc(texts, 'c', texts.map((_, k) => boiler[k] ?? false));
          const a = align(ref, cand, mode ? { mode } : {});
          expectInvariants(a, ref, cand);
          if (mode) expect(a.mode).toBe(mode);
          expect(['translation', 'related', 'unrelated']).toContain(a.verdict);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is deterministic', () => {
    const pieces = perturb(STORY, FOREIGN, { seed: 42, move: 0.2, drop: 0.1, insert: 0.1, splitMerge: 0.1, paragraphSize: 3 });
    const ref = doc(STORY, 'r');
    const cand = doc(pieces.map((p) => p.text), 'c');
    expect(align(ref, cand)).toEqual(align(ref, cand));
  });
});
