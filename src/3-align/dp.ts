/**
 * Monotonic dynamic programme over a band (Gale & Church 1993; the link shapes of Moore 2002 / Vecalign
 * up to 3 sentences a side). D(i,j) = min over shapes (a,b) of D(i−a, j−b) + cost(ref[i−a,i), cand[j−b,j)).
 * Memory is one float and one byte per band cell.
 */
import type { Band } from './band.js';
import type { PairScorer } from './cost.js';

/** A link in index space: reference [r, r+a), candidate [c, c+b). */
export interface IndexLink {
  r: number;
  a: number;
  c: number;
  b: number;
}

/** Why the DP stopped early. */
export interface DpAbort {
  aborted: true;
  reason: string;
}

/**
 * Runs the DP; returns links in order, or an abort when `deadline` (a `performance.now()` value) passes.
 * `offR`/`offC` shift the band onto a window of the documents (reference rows offR…offR+nRef).
 */
export function monotonicDp(
  band: Band,
  scorer: PairScorer,
  deadline: number = Infinity,
  offR = 0,
  offC = 0,
  now: () => number = () => performance.now(),
): IndexLink[] | DpAbort {
  const { nRef, lo, hi } = band;
  const shapes = scorer.shapes;
  const nShapes = shapes.length;
  const shapeA = Int32Array.from(shapes, (x) => x[0]);
  const shapeB = Int32Array.from(shapes, (x) => x[1]);
  const floors = scorer.shapeFloors;
  const start = new Float64Array(nRef + 2);
  for (let i = 0; i <= nRef; i++) start[i + 1] = start[i]! + (hi[i]! - lo[i]! + 1);
  const cells = start[nRef + 1]!;
  const D = new Float64Array(cells).fill(Infinity);
  const back = new Uint8Array(cells).fill(255);
  D[0] = 0; // (0, 0): lo[0] is 0.

  for (let i = 0; i <= nRef; i++) {
    if ((i & 255) === 0 && now() > deadline) return { aborted: true, reason: `time budget exceeded at row ${i} of ${nRef}` };
    const li = lo[i]!;
    const hiI = hi[i]!;
    const base = start[i]!;
    for (let j = li; j <= hiI; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bestK = 255;
      for (let k = 0; k < nShapes; k++) {
        const a = shapeA[k]!;
        const b = shapeB[k]!;
        const pi = i - a;
        const pj = j - b;
        if (pi < 0 || pj < 0) continue;
        const pl = lo[pi]!;
        if (pj < pl || pj > hi[pi]!) continue;
        const prev = D[start[pi]! + pj - pl]!;
        if (prev === Infinity || floors[k]! >= best - prev) continue;
        const c = prev + scorer.cost(pi + offR, a, pj + offC, b, best - prev);
        if (c < best) {
          best = c;
          bestK = k;
        }
      }
      D[base + j - li] = best + scorer.cutCost(i + offR, j + offC);
      back[base + j - li] = bestK;
    }
  }

  const links: IndexLink[] = [];
  let i = nRef;
  let j = band.nCand;
  while (i > 0 || j > 0) {
    const k = back[start[i]! + j - lo[i]!]!;
    if (k === 255) throw new Error('align: DP backtrace left the band (band not connected)');
    const [a, b] = shapes[k]!;
    links.push({ r: i - a + offR, a, c: j - b + offC, b });
    i -= a;
    j -= b;
  }
  links.reverse();
  return links;
}
