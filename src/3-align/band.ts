/**
 * The search space of the dynamic programme: for each DP row i (0…nRef) an inclusive column range
 * [lo[i], hi[i]] (0…nCand). Both bounds are non-decreasing in i, row 0 starts at column 0 and the last row
 * ends at column nCand, so a monotonic path from (0,0) to (nRef,nCand) always exists inside the band.
 *
 * A band is what makes the aligner linear: the full table is nRef×nCand cells, a band of width w is
 * about (nRef+nCand)·w cells (Gale & Church 1993 already restricted the search to a diagonal band; Vecalign
 * refines a coarse path inside a band — Thompson & Koehn 2019).
 */
export interface Band {
  nRef: number;
  nCand: number;
  lo: Int32Array;
  hi: Int32Array;
}

/** The full nRef×nCand table (small documents). */
export function fullBand(nRef: number, nCand: number): Band {
  const lo = new Int32Array(nRef + 1);
  const hi = new Int32Array(nRef + 1).fill(nCand);
  return { nRef, nCand, lo, hi };
}

/** Number of cells of a band. */
export function bandCells(band: Band): number {
  let cells = 0;
  for (let i = 0; i <= band.nRef; i++) cells += band.hi[i]! - band.lo[i]! + 1;
  return cells;
}

/**
 * A band around a guide path given as anchor points (DP coordinates, strictly increasing on both axes,
 * starting at (0,0) and ending at (nRef,nCand)). Between two consecutive anchors the whole rectangle is
 * searched when it has at most `maxGapCells` cells, otherwise a diagonal strip of half-width `halfWidth`
 * joining the two anchors; `margin` more columns on each side of every row let links straddle an anchor
 * and tolerate a slightly misplaced anchor.
 */
export function anchoredBand(
  nRef: number,
  nCand: number,
  anchors: ReadonlyArray<readonly [number, number]>,
  opts: { maxGapCells: number; halfWidth: number; margin: number },
): Band {
  const lo = new Int32Array(nRef + 1).fill(nCand);
  const hi = new Int32Array(nRef + 1).fill(0);
  const widen = (i: number, a: number, b: number): void => {
    if (i < 0 || i > nRef) return;
    if (a < lo[i]!) lo[i] = Math.max(0, a);
    if (b > hi[i]!) hi[i] = Math.min(nCand, b);
  };
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [i0, j0] = anchors[k]!;
    const [i1, j1] = anchors[k + 1]!;
    const di = i1 - i0;
    const dj = j1 - j0;
    if ((di + 1) * (dj + 1) <= opts.maxGapCells) {
      for (let i = i0; i <= i1; i++) widen(i, j0 - opts.margin, j1 + opts.margin);
    } else {
      // A strip around the straight line between the anchors. When the gap is much wider than tall (or the
      // reverse) the strip must still connect: each row covers the columns the line crosses from its
      // previous row to its next row.
      const at = (i: number): number => j0 + ((i - i0) * dj) / Math.max(1, di);
      for (let i = i0; i <= i1; i++) {
        const a = Math.min(at(Math.max(i0, i - 1)), at(i));
        const b = Math.max(at(Math.min(i1, i + 1)), at(i));
        widen(
          i,
          Math.max(j0 - opts.margin, Math.floor(a) - opts.halfWidth),
          Math.min(j1 + opts.margin, Math.ceil(b) + opts.halfWidth),
        );
      }
    }
  }
  // Rows no segment touched cannot occur (anchors start at row 0 and end at nRef), but make the band
  // well-formed anyway: monotone bounds, start at 0, end at nCand.
  lo[0] = 0;
  hi[nRef] = nCand;
  for (let i = 1; i <= nRef; i++) if (lo[i]! < lo[i - 1]!) lo[i] = lo[i - 1]!;
  for (let i = nRef - 1; i >= 0; i--) if (hi[i]! > hi[i + 1]!) hi[i] = hi[i + 1]!;
  for (let i = 0; i <= nRef; i++) if (hi[i]! < lo[i]!) hi[i] = lo[i]!;
  // Successive rows must overlap or touch so that a 1-0 / 0-1 path always exists.
  for (let i = 1; i <= nRef; i++) if (lo[i]! > hi[i - 1]!) lo[i] = hi[i - 1]!;
  return { nRef, nCand, lo, hi };
}
