/** Small helpers for the align tests: documents from sentence lists and link invariants. */
import { expect } from 'vitest';
import type { Alignment, SegmentedDoc } from '../../src/types.js';
import { docFromSentences } from './perturb.js';

export { docFromSentences };

export const doc = (sentences: readonly string[], prefix: 'r' | 'c', boilerplate?: readonly boolean[]): SegmentedDoc =>
  docFromSentences(sentences, `${prefix}.txt`, prefix, boilerplate);

/**
 * Every sentence in exactly one link, types consistent, confidence in [0,1], boilerplate alone in its link,
 * candidate order kept, reference order kept when monotonic.
 */
export function expectInvariants(a: Alignment, ref: SegmentedDoc, cand: SegmentedDoc): void {
  const seenR = new Map<string, number>();
  const seenC = new Map<string, number>();
  for (const l of a.links) {
    expect(l.type).toBe(`${l.ref.length}-${l.cand.length}`);
    expect(l.ref.length + l.cand.length).toBeGreaterThan(0);
    expect(l.confidence).toBeGreaterThanOrEqual(0);
    expect(l.confidence).toBeLessThanOrEqual(1);
    for (const id of l.ref) seenR.set(id, (seenR.get(id) ?? 0) + 1);
    for (const id of l.cand) seenC.set(id, (seenC.get(id) ?? 0) + 1);
    if (l.cand.some((id) => cand.sentences.find((s) => s.id === id)?.boilerplate)) {
      expect(l.ref).toEqual([]);
      expect(l.cand).toHaveLength(1);
    }
    if (l.ref.some((id) => ref.sentences.find((s) => s.id === id)?.boilerplate)) {
      expect(l.cand).toEqual([]);
      expect(l.ref).toHaveLength(1);
    }
  }
  expect([...seenR.keys()].sort()).toEqual(ref.sentences.map((s) => s.id).sort());
  expect([...seenC.keys()].sort()).toEqual(cand.sentences.map((s) => s.id).sort());
  expect([...seenR.values(), ...seenC.values()].every((n) => n === 1)).toBe(true);
  // Candidate order is always kept; reference order too unless links are flagged moved.
  const idx = (id: string): number => Number(id.slice(1));
  const cands = a.links.flatMap((l) => l.cand.map(idx));
  expect(cands).toEqual([...cands].sort((x, y) => x - y));
  const refs = a.links.filter((l) => !l.moved).flatMap((l) => l.ref.map(idx));
  if (a.mode === 'monotonic') {
    expect(a.links.every((l) => !l.moved)).toBe(true);
    expect(refs).toEqual([...refs].sort((x, y) => x - y));
  }
  for (const l of a.links) {
    expect(l.ref.map(idx)).toEqual([...l.ref.map(idx)].sort((x, y) => x - y));
    expect(l.cand.map(idx)).toEqual([...l.cand.map(idx)].sort((x, y) => x - y));
  }
}

/** The link holding a sentence id. */
export function linkOf(a: Alignment, id: string): Alignment['links'][number] {
  const l = a.links.find((x) => x.ref.includes(id) || x.cand.includes(id));
  if (!l) throw new Error(`no link holds ${id}`);
  return l;
}

/** A short news-like text whose sentences have distinct content words. */
export const STORY = [
  'The harbour authority opened a new ferry terminal in Bergen on Monday.',
  'Construction of the terminal took three years and cost 240 million kroner.',
  'Mayor Ingrid Solheim praised the engineers who designed the floating pier.',
  'The pier rises and falls with the tide, so passengers never face steep ramps.',
  'Ferries to Stavanger will leave every forty minutes during the summer season.',
  'Local fishermen complained that the works had disturbed the cod spawning grounds.',
  'A marine biologist from the university will monitor the fish population next spring.',
  'Tickets can be bought with a mobile application or at automatic kiosks.',
  'The old terminal building will become a maritime museum by 2027.',
  'Volunteers have already collected old photographs, ship models and brass instruments.',
  'Rail connections to the airport are planned but not yet funded.',
  'Officials expect two million travellers to use the terminal each year.',
];
