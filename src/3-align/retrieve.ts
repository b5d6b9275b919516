/**
 * Best counterpart of each reference sentence anywhere in the candidate, ignoring order: the evidence that
 * two texts report the same event even when written independently (different order, different sentence
 * boundaries). Candidates come from an inverted index on each sentence's rarest stems (postings capped),
 * so the cost stays linear; small pairs are compared exhaustively.
 */
import type { PairFeatures } from './features.js';
import type { PairScorer } from './cost.js';

/** Below this many sentence pairs every pair is compared. */
const EXHAUSTIVE_PAIRS = 250_000;
const KEYS_PER_SENTENCE = 4;
const MAX_POSTINGS = 64;

/** For the given reference sentences, the lowest normalised dissimilarity z to any single candidate sentence. */
export function bestCounterparts(f: PairFeatures, scorer: PairScorer, refs: readonly number[]): Map<number, number> {
  const nC = f.cand.n;
  const best = new Map<number, number>();
  const z = (i: number, j: number): number => {
    const bg = (scorer.background('ref', i, 1) + scorer.background('cand', j, 1)) / 2;
    return (1 - scorer.sim(i, 1, j, 1)) / bg;
  };
  if (refs.length * nC <= EXHAUSTIVE_PAIRS) {
    for (const i of refs) {
      let b = Infinity;
      for (let j = 0; j < nC; j++) b = Math.min(b, z(i, j));
      best.set(i, b);
    }
    return best;
  }
  const postings = new Map<number, number[]>();
  const C = f.cand.stems;
  for (let j = 0; j < nC; j++) {
    for (let k = C.ptr[j]!; k < C.ptr[j + 1]!; k++) {
      const id = C.ids[k]!;
      let p = postings.get(id);
      if (!p) postings.set(id, (p = []));
      if (p.length <= MAX_POSTINGS) p.push(j);
    }
  }
  const df = (id: number): number => f.stemDfRef[id]! + f.stemDfCand[id]!;
  const R = f.ref.stems;
  const seen = new Set<number>();
  for (const i of refs) {
    let b = Infinity;
    const ids = Array.from(R.ids.subarray(R.ptr[i]!, R.ptr[i + 1]!)).filter((id) => (postings.get(id)?.length ?? 0) > 0);
    ids.sort((a, b) => df(a) - df(b) || a - b);
    seen.clear();
    for (const id of ids.slice(0, KEYS_PER_SENTENCE)) {
      const p = postings.get(id)!;
      if (p.length > MAX_POSTINGS) continue;
      for (const j of p) {
        if (seen.has(j)) continue;
        seen.add(j);
        b = Math.min(b, z(i, j));
      }
    }
    best.set(i, b);
  }
  return best;
}
