import { describe, it, expect } from 'vitest';
import { deltaCost, deltaCostLowerBound, lengthCost } from '../../src/3-align/cost.js';

describe('align cost', () => {
  it('the pruning bound never exceeds the Gale–Church length cost (fine grid of δ)', () => {
    let tightest = Infinity;
    for (let d = 0; d <= 80; d += 0.001) {
      const gap = deltaCost(d) - deltaCostLowerBound(d);
      expect(gap).toBeGreaterThanOrEqual(0);
      if (d >= 1) tightest = Math.min(tightest, gap);
    }
    // The bound is useful: within a unit of the cost wherever it is not zero.
    expect(tightest).toBeLessThan(1);
  });

  it('length cost: 0 for proportional lengths, growing with the difference', () => {
    expect(lengthCost(100, 100, 1.5)).toBeCloseTo(0, 6);
    expect(lengthCost(0, 0, 1.5)).toBe(0);
    const costs = [100, 120, 150, 200, 300].map((lc) => lengthCost(100, lc, 1.5));
    for (let k = 1; k < costs.length; k++) expect(costs[k]!).toBeGreaterThan(costs[k - 1]!);
    expect(lengthCost(100, 200, 1.5, 2)).toBeCloseTo(0, 6);
  });
});
