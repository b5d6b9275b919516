import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { align } from '../../src/3-align/index.js';
import type { SegmentedDoc } from '../../src/types.js';
import { loadSegmenter } from './segmenter.js';
import { hasBible, loadBible, joinVerses } from './bible.js';
import { expectInvariants, linkOf } from './helpers.js';

const dir = fileURLToPath(new URL('../../corpus/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const seg = (await loadSegmenter()).fn;
const load = (k: number, prefix: string): SegmentedDoc => seg(readFileSync(dir + files[k]!, 'utf8'), `corpus/${files[k]}`, prefix);

if (!hasBible && process.env.CI) throw new Error('align tests: ../shared/eval/bible-nt is absent but CI=true');

describe('align: corpus verdicts', () => {
  const ref = load(0, 'r');

  it('000 → 001 (machine round-trip, scraped) is a translation, every content sentence linked', () => {
    const cand = load(1, 'c');
    const a = align(ref, cand);
    expectInvariants(a, ref, cand);
    expect(a.verdict).toBe('translation');
    expect(a.mode).toBe('monotonic');
    expect(Number(a.verdictEvidence.coverage)).toBeGreaterThan(0.9);
    // The scraper's "[ad_1]" line is boilerplate and stands alone.
    const ad = cand.sentences.find((s) => s.text.trim() === '[ad_1]');
    if (ad?.boilerplate) expect(linkOf(a, ad.id).type).toBe('0-1');
    // The KASA → Cassa sentence is still linked to its original.
    const cassa = cand.sentences.find((s) => s.text.includes('Cassa'))!;
    const l = linkOf(a, cassa.id);
    expect(l.ref.map((id) => ref.sentences.find((s) => s.id === id)!.text).join(' ')).toMatch(/KASA/);
    expect(l.confidence).toBeGreaterThan(0.9);
  });

  it('000 → 002 (independent report of the same meeting) is related', () => {
    const a = align(ref, load(2, 'c'));
    expect(a.verdict).toBe('related');
  });

  it('000 → 003 and 000 → 004 (other meetings) are unrelated', () => {
    expect(align(ref, load(3, 'c')).verdict).toBe('unrelated');
    expect(align(ref, load(4, 'c')).verdict).toBe('unrelated');
  });

  it.skipIf(!hasBible)('every corpus document against a bible chapter is unrelated, both ways', () => {
    if (!hasBible) console.log('skipped: ../shared/eval/bible-nt is absent');
    const ch = loadBible().find((c) => c.id === 'BSB-vs-Twenty:John:3')!;
    const bibleRef = seg(joinVerses(ch.versesA).text, 'john3', 'r');
    const bibleCand = seg(joinVerses(ch.versesB).text, 'john3', 'c');
    for (let k = 0; k < files.length; k++) {
      expect(align(load(k, 'r'), bibleCand).verdict).toBe('unrelated');
      expect(align(bibleRef, load(k, 'c')).verdict).toBe('unrelated');
    }
    expect(align(bibleRef, bibleCand).verdict).toBe('translation');
  });
});
