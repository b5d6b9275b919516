import { describe, it, expect } from 'vitest';
import { align } from '../../src/3-align/index.js';
import { doc, expectInvariants, linkOf, STORY } from './helpers.js';

describe('align: link shapes on hand-written documents', () => {
  it('links an identical text 1-1 with full confidence, in monotonic mode', () => {
    const ref = doc(STORY, 'r');
    const cand = doc(STORY, 'c');
    const a = align(ref, cand);
    expectInvariants(a, ref, cand);
    expect(a.mode).toBe('monotonic');
    expect(a.links.map((l) => l.type)).toEqual(STORY.map(() => '1-1'));
    expect(a.links.every((l, k) => l.ref[0] === `r${k + 1}` && l.cand[0] === `c${k + 1}`)).toBe(true);
    expect(Math.min(...a.links.map((l) => l.confidence))).toBeGreaterThan(0.95);
    expect(a.verdict).toBe('translation');
  });

  it('finds a split (1-2) and a merge (2-1)', () => {
    const cand = [
      ...STORY.slice(0, 2),
      'Mayor Ingrid Solheim praised the engineers.',
      'They designed the floating pier.',
      `${STORY[3]} ${STORY[4]}`,
      ...STORY.slice(5),
    ];
    const r = doc(STORY, 'r');
    const c = doc(cand, 'c');
    const a = align(r, c);
    expectInvariants(a, r, c);
    expect(linkOf(a, 'r3')).toMatchObject({ type: '1-2', ref: ['r3'], cand: ['c3', 'c4'] });
    expect(linkOf(a, 'r4')).toMatchObject({ type: '2-1', ref: ['r4', 'r5'], cand: ['c5'] });
    expect(linkOf(a, 'r6')).toMatchObject({ type: '1-1', cand: ['c6'] });
  });

  it('leaves a dropped sentence as 1-0 and an inserted foreign one as 0-1', () => {
    const cand = [...STORY.slice(0, 5), ...STORY.slice(6, 9), 'Blessed are the meek, for they shall inherit the earth.', ...STORY.slice(9)];
    const r = doc(STORY, 'r');
    const c = doc(cand, 'c');
    const a = align(r, c);
    expectInvariants(a, r, c);
    expect(linkOf(a, 'r6')).toMatchObject({ type: '1-0', cand: [], confidence: 0 });
    expect(linkOf(a, 'c9')).toMatchObject({ type: '0-1', ref: [] });
    expect(linkOf(a, 'r7')).toMatchObject({ type: '1-1', cand: ['c6'] });
    expect(linkOf(a, 'r10')).toMatchObject({ type: '1-1', cand: ['c10'] });
  });

  it('keeps boilerplate candidate sentences out of links, in text order', () => {
    const cand = [STORY[0]!, '[ad_1]', ...STORY.slice(1)];
    const r = doc(STORY, 'r');
    const c = doc(cand, 'c', cand.map((t) => t === '[ad_1]'));
    const a = align(r, c);
    expectInvariants(a, r, c);
    expect(a.links[1]).toEqual({ ref: [], cand: ['c2'], type: '0-1', confidence: 0, moved: false });
    expect(linkOf(a, 'r2').cand).toEqual(['c3']);
  });

  it('recovers a moved block as moved links in non-monotonic mode, and not when monotonic is forced', () => {
    // Sentences 9–11 (museum, volunteers, rail) moved to the front.
    const order = [8, 9, 10, 0, 1, 2, 3, 4, 5, 6, 7, 11];
    const r = doc(STORY, 'r');
    const c = doc(order.map((k) => STORY[k]!), 'c');
    const a = align(r, c);
    expectInvariants(a, r, c);
    expect(a.mode).toBe('non-monotonic');
    for (const [k, src] of order.entries()) {
      const l = linkOf(a, `c${k + 1}`);
      expect(l.ref).toEqual([`r${src + 1}`]);
      expect(l.moved).toBe(src >= 8 && src <= 10);
    }
    const m = align(r, c, { mode: 'monotonic' });
    expectInvariants(m, r, c);
    expect(m.mode).toBe('monotonic');
    expect(m.links.some((l) => l.moved)).toBe(false);
    expect(m.links.filter((l) => l.type === '1-0').length).toBeGreaterThanOrEqual(3);
  });

  it('handles empty documents', () => {
    const r = doc(STORY, 'r');
    const empty = doc([], 'c');
    const a = align(r, empty);
    expectInvariants(a, r, empty);
    expect(a.links.every((l) => l.type === '1-0')).toBe(true);
    expect(a.verdict).toBe('unrelated');
    const b = align(doc([], 'r'), doc(STORY, 'c'));
    expect(b.links.every((l) => l.type === '0-1')).toBe(true);
  });
});
