import { describe, it, expect } from 'vitest';
import { heaviestIncreasingChain } from '../../src/3-align/anchors.js';
import { anchoredBand, bandCells, fullBand } from '../../src/3-align/band.js';

describe('align: heaviest increasing chain', () => {
  it.each([
    // pairs (i, j, w) sorted by i then j; expected chain as indices
    { pi: [0, 1, 2, 3], pj: [0, 1, 2, 3], pw: [1, 1, 1, 1], nC: 4, chain: [0, 1, 2, 3] },
    // a heavy pair out of order beats two light in-order ones only when heavier than both
    { pi: [0, 1, 2], pj: [2, 0, 1], pw: [3, 1, 1], nC: 3, chain: [0] },
    { pi: [0, 1, 2], pj: [2, 0, 1], pw: [1.5, 1, 1], nC: 3, chain: [1, 2] },
    // two pairs of the same row never chain
    { pi: [0, 0, 1], pj: [0, 1, 2], pw: [1, 1, 1], nC: 3, chain: [1, 2] },
    { pi: [], pj: [], pw: [], nC: 0, chain: [] },
  ])('chain of $pi / $pj', ({ pi, pj, pw, nC, chain }) => {
    const got = heaviestIncreasingChain(pi, pj, pw, nC);
    // Strictly increasing on both sides.
    for (let k = 1; k < got.length; k++) {
      expect(pi[got[k]!]!).toBeGreaterThan(pi[got[k - 1]!]!);
      expect(pj[got[k]!]!).toBeGreaterThan(pj[got[k - 1]!]!);
    }
    const weight = (c: number[]): number => c.reduce((s, k) => s + pw[k]!, 0);
    expect(weight(got)).toBeCloseTo(weight(chain), 9);
  });
});

describe('align: bands', () => {
  it('an anchored band is connected, monotone and much smaller than the full table', () => {
    const n = 1000;
    const anchors: Array<[number, number]> = [[0, 0]];
    for (let k = 10; k < n; k += 10) anchors.push([k, k + 5]);
    anchors.push([n, n + 5]);
    const band = anchoredBand(n, n + 5, anchors, { maxGapCells: 2500, halfWidth: 15, margin: 3 });
    expect(band.lo[0]).toBe(0);
    expect(band.hi[n]).toBe(n + 5);
    for (let i = 1; i <= n; i++) {
      expect(band.lo[i]!).toBeGreaterThanOrEqual(band.lo[i - 1]!);
      expect(band.hi[i]!).toBeGreaterThanOrEqual(band.hi[i - 1]!);
      expect(band.lo[i]!).toBeLessThanOrEqual(band.hi[i - 1]!);
    }
    expect(bandCells(band)).toBeLessThan(bandCells(fullBand(n, n + 5)) / 20);
  });
});
