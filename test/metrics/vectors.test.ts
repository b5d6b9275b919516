/**
 * sacreBLEU 2.6.0's own unit vectors (BLEU, chrF, TER, TER tokenizer; test/test_*.py upstream) and 484
 * sentence-level vectors computed with sacreBLEU 2.6.0 on DEMETR English pairs, each within its tolerance,
 * signatures included where the vector records one.
 */
import { describe, expect, it } from 'vitest';
import { run, type Vector } from './sacrebleu-args.js';
import { hasShared, readVectors } from './shared.js';

function check(v: Vector): void {
  const { value, signature } = run(v);
  if (typeof v.expected === 'number') {
    const tol = v.tolerance || 0.01;
    expect(Math.abs((value as number) - v.expected), `${v.id}: got ${String(value)}, expected ${v.expected}`).toBeLessThanOrEqual(
      tol + 1e-12,
    );
  } else {
    expect(value, v.id).toEqual(v.expected);
  }
  if (v.signature) expect(signature, v.id).toBe(v.signature);
}

describe.skipIf(!hasShared)('sacreBLEU 2.6.0 unit vectors', () => {
  const rows = hasShared ? readVectors('sacrebleu_unit_vectors.jsonl') : [];
  it('has the 89 vectors', () => expect(rows).toHaveLength(89));
  it.each(rows.map((r) => [r.id, r.metric, r] as const))('%s (%s)', (_id, _m, v) => check(v));
});

describe.skipIf(!hasShared)('sacreBLEU 2.6.0 sentence vectors on DEMETR English', () => {
  const rows = hasShared ? readVectors('sacrebleu_generated_sentence_vectors_demetr_en.jsonl') : [];
  it('has the 484 vectors', () => expect(rows).toHaveLength(484));
  for (const metric of ['BLEU', 'chrF', 'TER'] as const) {
    it(`${metric}: every vector within 1e-9 and with the same signature`, () => {
      const mine = rows.filter((r) => r.metric === metric);
      expect(mine.length).toBeGreaterThan(100);
      for (const v of mine) check(v);
    });
  }
});
