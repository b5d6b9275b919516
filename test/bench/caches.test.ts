/**
 * The speed caches that outlive one pair (the checks' reference side, the aligner's sentence memos, word stems)
 * must not change a report: an audit gives the same bytes whatever was audited before it in the process, on a
 * cache hit, after an eviction, and cold.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/1-ingest/decode.js';
import { audit } from '../../src/pipeline.js';
import { formatJson } from '../../src/6-report/model.js';
import { rng } from '../support/random.js';
import { perturb } from './batch.js';

const corpus = (name: string): string => readFileSync(fileURLToPath(new URL(`../../corpus/${name}`, import.meta.url)), 'utf8');
const source = (text: string, path: string) => decode(Buffer.from(text), path);
const run = (ref: string, cand: string): string => formatJson(audit(source(ref, 'ref.txt'), source(cand, 'cand.txt')));

describe('caches across pairs', () => {
  it('give the same report on a hit, after evictions and for another candidate of the same reference', () => {
    const ref = corpus('000_f32ec7d94fac71fb.txt');
    const first = run(ref, corpus('001_378ec3acaf265ec0.txt'));
    const second = run(ref, corpus('002_b29c560fde53bf74.txt'));
    expect(first).not.toBe(second);
    // Same reference again: the cached reference side is used.
    expect(run(ref, corpus('001_378ec3acaf265ec0.txt'))).toBe(first);
    // Ten other references push it out of every bounded cache; the reports stay the same.
    const random = rng(3);
    for (let i = 0; i < 10; i++) {
      const other = perturb(ref, random, 0.2);
      run(other, perturb(other, random));
    }
    expect(run(ref, corpus('002_b29c560fde53bf74.txt'))).toBe(second);
    expect(run(ref, corpus('001_378ec3acaf265ec0.txt'))).toBe(first);
  });
});
