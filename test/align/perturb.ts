/**
 * Seeded synthetic perturbations for the align eval and bench: a candidate made from a list of sentences by
 * moving blocks, dropping, inserting foreign sentences, splitting and merging — with the truth kept, so
 * that links can be scored.
 */
import type { SegmentedDoc, Sentence } from '../../src/types.js';
import { rng } from '../support/random.js';

/** A candidate sentence and where it came from. */
export interface CandPiece {
  text: string;
  /** Indices of the source sentences whose text it carries (empty for a foreign sentence). */
  origin: number[];
  /** True when it belongs to a block moved out of order. */
  moved: boolean;
  /** True when the piece is a split half or a merge (its link is not 1-1). */
  reshaped: boolean;
}

export interface PerturbOptions {
  seed: number;
  /** Share of paragraphs (blocks of `paragraphSize` sentences) moved elsewhere. */
  move: number;
  drop: number;
  insert: number;
  /** Share of sentences split in two (at a comma or the middle word), and the same share merged with the next. */
  splitMerge: number;
  paragraphSize: number;
}

export const STRESS: Omit<PerturbOptions, 'seed'> = { move: 0.2, drop: 0.1, insert: 0.1, splitMerge: 0.1, paragraphSize: 5 };

/** Splits a sentence in two at the comma nearest its middle, else at the middle space; null if too short. */
function splitText(t: string): [string, string] | null {
  const mid = t.length / 2;
  let best = -1;
  for (let k = t.indexOf(','); k >= 0; k = t.indexOf(',', k + 1)) if (best < 0 || Math.abs(k - mid) < Math.abs(best - mid)) best = k;
  if (best < 10 || best > t.length - 10) {
    best = t.indexOf(' ', Math.floor(mid));
    if (best < 10 || best > t.length - 10) return null;
    return [t.slice(0, best).trim(), t.slice(best + 1).trim()];
  }
  return [t.slice(0, best + 1).trim(), t.slice(best + 1).trim()];
}

/**
 * Perturbs `source` (sentence texts). `foreign` supplies inserted sentences. The result is in candidate
 * order; pieces carry their origin.
 */
export function perturb(source: readonly string[], foreign: readonly string[], o: PerturbOptions): CandPiece[] {
  const rand = rng(o.seed);
  let pieces: CandPiece[] = [];
  for (let k = 0; k < source.length; k++) {
    const t = source[k]!;
    const x = rand();
    if (x < o.drop) continue;
    if (x < o.drop + o.splitMerge) {
      const parts = splitText(t);
      if (parts) {
        pieces.push({ text: parts[0], origin: [k], moved: false, reshaped: true });
        pieces.push({ text: parts[1], origin: [k], moved: false, reshaped: true });
        continue;
      }
    }
    if (x < o.drop + 2 * o.splitMerge && k + 1 < source.length) {
      pieces.push({ text: `${t} ${source[k + 1]!}`, origin: [k, k + 1], moved: false, reshaped: true });
      k++;
      continue;
    }
    pieces.push({ text: t, origin: [k], moved: false, reshaped: false });
  }
  // Insert foreign sentences at random places.
  const nInsert = Math.round(source.length * o.insert);
  for (let q = 0; q < nInsert && foreign.length > 0; q++) {
    const at = Math.floor(rand() * (pieces.length + 1));
    const text = foreign[Math.floor(rand() * foreign.length)]!;
    pieces.splice(at, 0, { text, origin: [], moved: false, reshaped: false });
  }
  // Move paragraphs: cut blocks and re-insert them elsewhere.
  if (o.move > 0) {
    const nBlocks = Math.floor(pieces.length / o.paragraphSize);
    const nMove = Math.round(nBlocks * o.move);
    const chosen = new Set<number>();
    while (chosen.size < nMove) chosen.add(Math.floor(rand() * nBlocks));
    const blocks: CandPiece[][] = [];
    for (let b = 0; b * o.paragraphSize < pieces.length; b++) blocks.push(pieces.slice(b * o.paragraphSize, (b + 1) * o.paragraphSize));
    const kept: CandPiece[][] = [];
    const movedBlocks: CandPiece[][] = [];
    blocks.forEach((bl, b) => (chosen.has(b) ? movedBlocks : kept).push(bl));
    for (const bl of movedBlocks) {
      // At least two blocks away from where it was, so that the move is a real one.
      const at = Math.floor(rand() * (kept.length + 1));
      for (const p of bl) p.moved = true;
      kept.splice(at, 0, bl);
    }
    pieces = kept.flat();
  }
  return pieces;
}

/** Joins sentence texts into a document whose sentences are exactly those texts (one per line). */
export function docFromSentences(texts: readonly string[], path: string, idPrefix: string, boilerplate?: readonly boolean[]): SegmentedDoc {
  let text = '';
  const sentences: Sentence[] = [];
  texts.forEach((t, k) => {
    if (k > 0) text += '\n';
    sentences.push({ id: `${idPrefix}${k + 1}`, text: t, start: text.length, end: text.length + t.length, boilerplate: boilerplate?.[k] ?? false });
    text += t;
  });
  return { path, sha256: '', text, sentences, warnings: [], language: 'en' };
}
