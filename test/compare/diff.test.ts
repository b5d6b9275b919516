import { diffArrays } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../src/4-compare/diff.js';
import type { DiffOp } from '../../src/types.js';

const side = (ops: DiffOp[], keep: '-' | '+') => ops.filter(([op]) => op === '=' || op === keep).map(([, t]) => t).join('');
const TOKEN = /[\p{L}\p{N}\p{M}_]+|\s+|[^\p{L}\p{N}\p{M}_\s]/gu;
const edits = (ops: DiffOp[]) => ops.filter(([op]) => op !== '=').reduce((n, [, t]) => n + (t.match(TOKEN)?.length ?? 0), 0);

const words = fc.constantFrom('the', 'KASA', 'Cassa', ' ', '  ', ',', '.', 'space', 'Dialogue', '2024', 'é', '서울', '\n', 'of');
const text = fc.array(words, { maxLength: 40 }).map((w) => w.join(''));

describe('wordDiff (Myers over tokens)', () => {
  it('keeps every character of both sides, for any texts', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ops = wordDiff(a, b)!;
        expect(side(ops, '-')).toBe(a);
        expect(side(ops, '+')).toBe(b);
        for (let i = 1; i < ops.length; i++) expect(ops[i]![0]).not.toBe(ops[i - 1]![0]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('is minimal: as few token edits as jsdiff finds over the same tokens', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ta = a.match(TOKEN) ?? [];
        const tb = b.match(TOKEN) ?? [];
        const reference = diffArrays(ta, tb).filter((c) => c.added || c.removed).reduce((n, c) => n + c.count!, 0);
        expect(edits(wordDiff(a, b)!)).toBe(reference);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('shows a replaced word as a deletion then an insertion', () => {
    expect(wordDiff('The KASA met.', 'The Cassa met.')).toEqual([
      ['=', 'The '],
      ['-', 'KASA'],
      ['+', 'Cassa'],
      ['=', ' met.'],
    ]);
  });

  it('handles empty sides', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'new text')).toEqual([['+', 'new text']]);
    expect(wordDiff('old text', '')).toEqual([['-', 'old text']]);
  });
});
