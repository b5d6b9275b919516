import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../src/4-compare/diff.js';
import { driftClassOf, driftWithFindings, lexicalDrift } from '../../src/4-compare/drift.js';
import type { Finding, Severity } from '../../src/types.js';

const side = (ops: ReturnType<typeof wordDiff>, keep: '-' | '+') =>
  ops!.filter(([op]) => op === '=' || op === keep).map(([, t]) => t).join('');

describe('wordDiff', () => {
  it('marks the replaced word and keeps every character of both sides', () => {
    const ref = 'NASA and KASA’s October 2024 completion of a study agreement';
    const cand = 'NASA and Cassa October 2024 the completion of a study agreement';
    const ops = wordDiff(ref, cand)!;
    expect(side(ops, '-')).toBe(ref);
    expect(side(ops, '+')).toBe(cand);
    expect(ops).toContainEqual(['-', 'KASA’s']);
    expect(ops).toContainEqual(['+', 'Cassa']);
  });

  it('returns a single kept run for identical texts', () => {
    expect(wordDiff('Same text here.', 'Same text here.')).toEqual([['=', 'Same text here.']]);
  });

  it('gives up (null) instead of running long when the edit budget is exceeded', () => {
    const a = Array.from({ length: 2000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 2000 }, (_, i) => `b${i}`).join(' ');
    expect(wordDiff(a, b)).toBeNull();
  });
});

const finding = (severity: Severity): Finding => ({
  rule: 'entity/test',
  kind: 'misspelling',
  severity,
  message: 'x',
  reference: null,
  candidate: null,
  evidence: {},
});

describe('drift', () => {
  it('is 0 for perfect scores and 1 for nothing in common', () => {
    expect(lexicalDrift({ chrF: 100, bleu: 100, ter: 0 })).toBe(0);
    expect(lexicalDrift({ chrF: 0, bleu: 0, ter: 100 })).toBe(1);
    expect(lexicalDrift({ chrF: 0, bleu: 0, ter: 250 })).toBe(1);
  });

  it('rises with worse chrF and worse TER', () => {
    const base = lexicalDrift({ chrF: 70, bleu: 40, ter: 30 });
    expect(lexicalDrift({ chrF: 60, bleu: 40, ter: 30 })).toBeGreaterThan(base);
    expect(lexicalDrift({ chrF: 70, bleu: 40, ter: 40 })).toBeGreaterThan(base);
  });

  it('adds more for a critical finding than for a major or a minor one, and stays within [0,1]', () => {
    const crit = driftWithFindings(0.2, [finding('critical')]);
    const maj = driftWithFindings(0.2, [finding('major')]);
    const min = driftWithFindings(0.2, [finding('minor')]);
    expect(crit).toBeGreaterThan(maj);
    expect(maj).toBeGreaterThan(min);
    expect(min).toBeGreaterThan(0.2);
    expect(driftWithFindings(0.9, [finding('critical'), finding('critical')])).toBe(1);
  });

  it('classes a link by its findings first, then by its drift', () => {
    expect(driftClassOf(0, true, [])).toBe('identical');
    expect(driftClassOf(0.05, false, [])).toBe('minor');
    expect(driftClassOf(0.05, false, [finding('critical')])).toBe('meaning-changed');
    expect(driftClassOf(0.05, false, [finding('major')])).toBe('major');
    expect(driftClassOf(0.95, false, [])).toBe('meaning-changed');
  });
});
