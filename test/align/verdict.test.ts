/**
 * The document verdict on short documents (one to three sentences), where link confidence alone cannot
 * carry it (see src/3-align/verdict.ts), and the short-document verdict sets behind its thresholds:
 *
 * - DEMETR (../shared/eval/demetr/, dev = item_id % 5 ≠ 0, test = item_id % 5 == 0): the reference against the
 *   clean MT of the same item is a translation; the reference against the clean MT of another item of the same
 *   split, at least 10 items away (FLORES items run in article order), drawn with a seeded generator, is
 *   unrelated. Also as 2- and 3-sentence documents: consecutive items joined, negatives a block ≥ 20 items away.
 *
 * The accuracies are printed (with the date) and held to bars a little under the measured dev / test figures.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { align } from '../../src/3-align/index.js';
import { decideVerdict, VERDICT_THRESHOLDS, type VerdictFigures } from '../../src/3-align/verdict.js';
import type { Verdict } from '../../src/types.js';
import { loadSegmenter } from './segmenter.js';
import { doc } from './helpers.js';
import { rng } from '../support/random.js';

const DEMETR = fileURLToPath(new URL('../../../shared/eval/demetr/demetr_all.jsonl', import.meta.url));
const hasDemetr = existsSync(DEMETR);
if (!hasDemetr && process.env.CI) throw new Error('verdict tests: ../shared/eval/demetr is absent but CI=true');
if (!hasDemetr) console.log(`verdict tests: ${DEMETR} is absent; the DEMETR short-document sets are skipped`);

const seg = (await loadSegmenter()).fn;

export interface ShortPair {
  split: 'dev' | 'test';
  sentences: number;
  expected: Verdict;
  reference: string;
  candidate: string;
}

/** The DEMETR short-document verdict sets: `k` consecutive items per document, k ∈ sizes. */
export function demetrShortPairs(sizes: readonly number[] = [1, 2, 3], seed = 20240601): ShortPair[] {
  const items = new Map<number, { ref: string; mt: string }>();
  for (const line of readFileSync(DEMETR, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { item_id: number; reference: string; hypothesis_clean: string };
    if (!items.has(r.item_id)) items.set(r.item_id, { ref: r.reference, mt: r.hypothesis_clean });
  }
  const ids = [...items.keys()].sort((a, b) => a - b);
  const rand = rng(seed);
  const out: ShortPair[] = [];
  for (const split of ['dev', 'test'] as const) {
    const spIds = ids.filter((j) => (j % 5 === 0 ? 'test' : 'dev') === split);
    for (const k of sizes) {
      const gap = k === 1 ? 10 : 20;
      for (let s0 = 0; s0 + k <= spIds.length; s0 += k) {
        const block = (from: number) => spIds.slice(from, from + k).map((j) => items.get(j)!);
        const reference = block(s0).map((x) => x.ref).join(' ');
        out.push({ split, sentences: k, expected: 'translation', reference, candidate: block(s0).map((x) => x.mt).join(' ') });
        let o: number;
        do o = Math.floor(rand() * (spIds.length - k + 1));
        while (Math.abs(o - s0) < gap);
        out.push({ split, sentences: k, expected: 'unrelated', reference, candidate: block(o).map((x) => x.mt).join(' ') });
      }
    }
  }
  return out;
}

/** Share of pairs judged as expected, by split, size and expected verdict. */
export function shortVerdictAccuracy(pairs: readonly ShortPair[]): Map<string, { n: number; right: number }> {
  const acc = new Map<string, { n: number; right: number }>();
  for (const p of pairs) {
    const a = align(seg(p.reference, 'reference.txt', 'r'), seg(p.candidate, 'candidate.txt', 'c'));
    const key = `${p.split} ${p.sentences} ${p.expected}`;
    const e = acc.get(key) ?? { n: 0, right: 0 };
    e.n++;
    if (a.verdict === p.expected) e.right++;
    acc.set(key, e);
  }
  return acc;
}

const figures = (over: Partial<VerdictFigures>): VerdictFigures => ({
  coverage: 0,
  matchedAnywhere: 0,
  candidateCoverage: 0,
  meanSimilarity: 0,
  sharedEntities: 0,
  sharedRareWords: 0,
  orderAgreement: 1,
  lengthRatio: 1,
  confidentLinks: 0,
  stemOverlap: 0,
  referenceSentences: 1,
  ...over,
});

describe('decideVerdict', () => {
  it('a short document with overlapping content stems is a translation without confident links', () => {
    const t = VERDICT_THRESHOLDS.shortTranslationOverlap;
    expect(decideVerdict(figures({ stemOverlap: t, referenceSentences: 1 }))).toBe('translation');
    expect(decideVerdict(figures({ stemOverlap: t - 0.01, referenceSentences: 1 }))).toBe('unrelated');
    expect(decideVerdict(figures({ stemOverlap: 0.6, referenceSentences: VERDICT_THRESHOLDS.shortDocumentSentences }))).toBe('translation');
  });

  it('a long document needs coverage by confident links: vocabulary overlap alone is not enough', () => {
    const long = VERDICT_THRESHOLDS.shortDocumentSentences + 1;
    expect(decideVerdict(figures({ stemOverlap: 0.6, referenceSentences: long }))).toBe('unrelated');
    expect(decideVerdict(figures({ stemOverlap: 0.6, referenceSentences: long, matchedAnywhere: 0.2 }))).toBe('related');
    expect(decideVerdict(figures({ coverage: 0.8, referenceSentences: long }))).toBe('translation');
  });
});

describe('align: verdict of one-sentence documents', () => {
  it('an independent rendering of one sentence is a translation, another sentence is unrelated', () => {
    const ref = doc(['Scientists hope to understand how planets form, especially how the Earth formed, since comets collided with the Earth long ago.'], 'r');
    const mt = doc(['Scientists hope to understand how the planets were formed, especially the Earth, since the comets hit the Earth a long time ago.'], 'c');
    const other = doc(['The secret to their success is the concept of the niche, a special job each cat holds that keeps it from competing with others.'], 'c');
    const a = align(ref, mt);
    expect(a.verdict).toBe('translation');
    expect(Number(a.verdictEvidence.referenceSentences)).toBe(1);
    expect(Number(a.verdictEvidence.stemOverlap)).toBeGreaterThanOrEqual(VERDICT_THRESHOLDS.shortTranslationOverlap);
    const b = align(ref, other);
    expect(b.verdict).toBe('unrelated');
    expect(Number(b.verdictEvidence.stemOverlap)).toBeLessThan(VERDICT_THRESHOLDS.shortTranslationOverlap);
  });
});

describe.skipIf(!hasDemetr)('align: DEMETR short-document verdict sets', () => {
  it('judges reference vs clean MT a translation and reference vs another item unrelated (1–3 sentences)', () => {
    const acc = shortVerdictAccuracy(demetrShortPairs());
    const lines = [...acc.entries()].sort().map(([k, v]) => `  ${k.padEnd(22)} ${v.right}/${v.n} (${((100 * v.right) / v.n).toFixed(1)} %)`);
    console.log(`DEMETR short-document verdicts (split, sentences, expected) — ${new Date().toISOString()}\n${lines.join('\n')}`);
    for (const [k, v] of acc) {
      // Measured: dev 99.9–100 %, test 100 % on every cell (one dev one-sentence translation below the overlap).
      expect(v.right / v.n, k).toBeGreaterThanOrEqual(0.99);
    }
  }, 60_000);
});
