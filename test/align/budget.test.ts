import { describe, it, expect } from 'vitest';
import { align } from '../../src/3-align/index.js';
import { doc, expectInvariants, STORY } from './helpers.js';

describe('align: budgets return a flagged fallback, never hang', () => {
  const ref = doc(STORY, 'r');
  const cand = doc([...STORY.slice(0, 4), ...STORY.slice(5)], 'c');

  it('cell budget', () => {
    const a = align(ref, cand, { maxCells: 10 });
    expect(a.gaveUp?.reason).toMatch(/exceeds the budget of 10 cells/);
    expectInvariants(a, ref, cand);
    expect(a.mode).toBe('monotonic');
  });

  it('time budget', () => {
    const a = align(ref, cand, { budgetMs: 0 });
    expect(a.gaveUp?.reason).toMatch(/budget of 0 ms exceeded/);
    expectInvariants(a, ref, cand);
  });

  it('no gaveUp when within budget', () => {
    const a = align(ref, cand, { budgetMs: 60_000, maxCells: 1_000_000 });
    expect(a.gaveUp).toBeUndefined();
    expect(a.links.find((l) => l.ref.includes('r5'))?.type).toBe('1-0');
  });

  it('a large pair goes through anchors and a band, not the full table', () => {
    // 3,000 × 3,000 sentences: the full table (9M cells) is above the full-table limit; the band is linear.
    const big = Array.from({ length: 3000 }, (_, k) => `${STORY[k % STORY.length]!.replace(/\.$/, '')} in district ${k} (entry ${k * 7 + 3}).`);
    const r = doc(big, 'r');
    const c = doc(big.filter((_, k) => k % 50 !== 7), 'c');
    const a = align(r, c, { maxCells: 400_000 });
    expect(a.gaveUp).toBeUndefined();
    expect(a.links.filter((l) => l.type === '1-0').map((l) => l.ref[0])).toEqual(big.map((_, k) => k).filter((k) => k % 50 === 7).map((k) => `r${k + 1}`));
  });
});
