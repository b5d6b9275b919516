/**
 * Corpus vectors on real newstest2017 en-de (3,004 segments, 16 systems): BLEU against Moses mteval-v13a /
 * v14 international, chrF and chrF++ against chrF++.py, TER against tercom 7.25, compared the way
 * sacreBLEU's test.sh compares them; and, tighter, against the value sacreBLEU 2.6.0 itself computes.
 */
import { describe, expect, it } from 'vitest';
import { run, type Vector } from './sacrebleu-args.js';
import { hasShared, readVectors } from './shared.js';

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

describe.skipIf(!hasShared)('newstest2017 en-de corpus vectors', () => {
  // 28 MB: read once for the file.
  const rows: Vector[] = hasShared ? readVectors('sacrebleu_wmt17_ende_corpus_vectors.jsonl') : [];
  it('has the 37 vectors', () => expect(rows).toHaveLength(37));
  it.each(rows.map((r) => [r.id, r] as const))('%s', (_id, v) => {
    const value = run(v).value as number;
    const expected = v.expected as number;
    if (v.metric === 'chrF') {
      // test.sh prints with -w 4 and compares to chrF++.py within 1e-6
      expect(Math.abs(round(value, 4) - expected)).toBeLessThanOrEqual(v.tolerance + 1e-9);
    } else {
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(v.tolerance + 1e-9);
    }
    const computed = v.computed_sacrebleu_2_6_0 as number;
    const mine = v.metric === 'TER' ? value * 100 : value;
    expect(Math.abs(mine - computed), `${v.id}: ${mine} vs sacreBLEU ${computed}`).toBeLessThanOrEqual(1e-9);
  });
});
