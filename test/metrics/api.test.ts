/**
 * The API the pipeline and the CLI call: per-link scores, corpus scores from summed statistics, and the
 * pure core of `fidelity score` (line streams in, sacreBLEU-like text or JSON out).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BLEU,
  CHRF,
  TER,
  corpusScores,
  formatScoreResult,
  scoreLines,
  scoreOptionsFromFlags,
  sentenceScores,
  splitLines,
  SCORE_SIGNATURES,
} from '../../src/4-compare/metrics/index.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../corpus');
function corpusLines(prefix: string): string[] {
  const f = readdirSync(CORPUS).find((n) => n.startsWith(prefix))!;
  return splitLines(readFileSync(resolve(CORPUS, f), 'utf8')).filter((l) => l.trim() !== '');
}

// Corpus 000 (official statement) and 001 (machine round-trip: "KASA" → "Cassa", "ROK" → "Rock", …).
const official = corpusLines('000');
const garbled = corpusLines('001');
const findLine = (ls: string[], word: string): string => ls.find((l) => l.includes(word))!;

describe('sentenceScores', () => {
  it('uses sacreBLEU sentence defaults (sentence BLEU with effective order, chrF2, TER)', () => {
    // the same paragraph in both: "noted NASA and KASA’s October 2024 completion" / "noticed NASA and Cassa October 2024"
    const ref = findLine(official, 'KASA’s October 2024');
    const hyp = findLine(garbled, 'Cassa October 2024');
    const s = sentenceScores(hyp, ref);
    expect(s.bleu).toBeCloseTo(new BLEU({ effectiveOrder: true }).sentenceScore(hyp, [ref]).score, 12);
    expect(s.chrF).toBeCloseTo(new CHRF().sentenceScore(hyp, [ref]).score, 12);
    expect(s.ter).toBeCloseTo(new TER().sentenceScore(hyp, [ref]).score, 12);
    // a garbled rendering of the same sentence: clearly related, clearly not identical
    expect(s.chrF).toBeGreaterThan(30);
    expect(s.chrF).toBeLessThan(100);
    expect(s.ter).toBeGreaterThan(0);
    expect(SCORE_SIGNATURES.sentence.bleu).toBe('nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0');
  });
  it('identical sentences score 100 / 100 / 0', () => {
    const s = sentenceScores(official[2]!, official[2]!);
    expect(s.bleu).toBeCloseTo(100, 9);
    expect(s.chrF).toBeCloseTo(100, 9);
    expect(s.ter).toBe(0);
  });
  it('the garbled name costs more than the unchanged words around it', () => {
    const ref = 'The Korea AeroSpace Administration (KASA) signed the agreement.';
    const renamed = sentenceScores('The Korea AeroSpace Administration (Cassa) signed the agreement.', ref);
    const same = sentenceScores(ref, ref);
    expect(renamed.chrF).toBeLessThan(same.chrF);
    expect(renamed.bleu).toBeLessThan(same.bleu);
  });
});

describe('corpusScores', () => {
  it('sums statistics over pairs (equals sacreBLEU corpus scores, not the mean of sentence scores)', () => {
    const n = Math.min(official.length, 12);
    const pairs = official.slice(0, n).map((ref, i) => ({ hyp: garbled[i]!, ref }));
    const c = corpusScores(pairs);
    const hyps = pairs.map((p) => p.hyp);
    const refs = [pairs.map((p) => p.ref)];
    expect(c.bleu).toBe(new BLEU().corpusScore(hyps, refs).score);
    expect(c.chrF).toBe(new CHRF().corpusScore(hyps, refs).score);
    expect(c.ter).toBe(new TER().corpusScore(hyps, refs).score);
    const meanChrf = pairs.reduce((a, p) => a + sentenceScores(p.hyp, p.ref).chrF, 0) / n;
    expect(Math.abs(c.chrF - meanChrf)).toBeGreaterThan(1e-6);
  });
  it('streams any iterable and gives zeros for no pair', () => {
    function* gen(): Generator<{ hyp: string; ref: string }> {
      yield { hyp: 'a b c', ref: 'a b c' };
    }
    expect(corpusScores(gen()).ter).toBe(0);
    expect(corpusScores([])).toEqual({ chrF: 0, bleu: 0, ter: 0 });
  });
});

describe('fidelity score core', () => {
  const hyps = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
  const refs = [
    ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
    ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
  ];
  it('text output: one sacreBLEU line per metric, with its signature', () => {
    const out = formatScoreResult(scoreLines(refs, hyps), { format: 'text' });
    const ls = out.trimEnd().split('\n');
    expect(ls).toHaveLength(3);
    expect(ls[0]).toBe(
      'BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 48.5 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)',
    );
    expect(ls[1]).toMatch(/^chrF2\|nrefs:2\|case:mixed\|eff:yes\|nc:6\|nw:0\|space:no\|version:2\.6\.0 = \d+\.\d$/);
    expect(ls[2]).toMatch(/^TER\|nrefs:2\|case:lc\|tok:tercom\|norm:no\|punct:yes\|asian:no\|version:2\.6\.0 = \d+\.\d$/);
  });
  it('JSON output: one line, sacreBLEU objects with the signature fields spread', () => {
    const out = formatScoreResult(scoreLines(refs, hyps, { metrics: ['bleu'] }), { format: 'json', width: 2 });
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    const [bleu] = JSON.parse(out) as Record<string, unknown>[];
    expect(bleu).toMatchObject({ name: 'BLEU', score: 48.53, nrefs: '2', tok: '13a', smooth: 'exp', version: '2.6.0' });
  });
  it('--sentence-level --format json: one JSON object per segment', () => {
    const r = scoreLines(refs, hyps, { sentenceLevel: true });
    const out = formatScoreResult(r, { format: 'json', sentenceLevel: true });
    const objs = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
    expect(objs).toHaveLength(3);
    expect(objs[0]).toEqual({
      segment: 1,
      BLEU: new BLEU({ effectiveOrder: true }).sentenceScore(hyps[0]!, [refs[0]![0]!, refs[1]![0]!]).score,
      chrF2: new CHRF().sentenceScore(hyps[0]!, [refs[0]![0]!, refs[1]![0]!]).score,
      TER: new TER().sentenceScore(hyps[0]!, [refs[0]![0]!, refs[1]![0]!]).score,
    });
    expect(objs[0]!.BLEU).toBeCloseTo(100, 9);
    expect(r.segmentSignatures!.BLEU).toContain('eff:yes');
  });
  it('--sentence-level text: signatures first, then a line per segment', () => {
    const out = formatScoreResult(scoreLines([refs[0]!], hyps, { sentenceLevel: true, metrics: ['ter'] }), {
      format: 'text',
      sentenceLevel: true,
    });
    // by hand: identical; "it wasn't surprising." → "it was not unexpected." 2 substitutions + 1 insertion
    // over 4 words; "the man had just bitten him." → "the man bit him first." 3 substitutions + 1 deletion
    // over 5 words (no shift helps: "him." ≠ "him")
    expect(out).toBe('# TER|nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0\n1\tTER = 0.0\n2\tTER = 75.0\n3\tTER = 80.0\n');
  });
  it('refuses streams that are not line-aligned and unknown metrics', () => {
    expect(() => scoreLines([['a']], ['a', 'b'])).toThrow(/reference 1 has 1 lines but the hypothesis has 2/);
    expect(() => scoreLines([['a']], ['a'], { metrics: ['meteor' as never] })).toThrow(/unknown metric 'meteor'/);
  });
  it('maps sacreBLEU-style flags to options and rejects bad values', () => {
    const { score, format } = scoreOptionsFromFlags({
      metrics: 'chrf,ter',
      chrfWordOrder: '2',
      terNormalized: true,
      lowercase: true,
      smoothMethod: 'floor',
      smoothValue: '0.2',
      format: 'json',
      width: '3',
    });
    expect(score.metrics).toEqual(['chrf', 'ter']);
    expect(score.chrf).toMatchObject({ wordOrder: 2, lowercase: true });
    expect(score.ter).toMatchObject({ normalized: true, caseSensitive: false });
    expect(score.bleu).toMatchObject({ smoothMethod: 'floor', smoothValue: 0.2, lowercase: true });
    expect(format).toEqual({ format: 'json', sentenceLevel: false, width: 3 });
    expect(() => scoreOptionsFromFlags({ tokenize: 'zh' })).toThrow(/--tokenize should be one of 13a, intl, char, none/);
    expect(() => scoreOptionsFromFlags({ metrics: 'bleu,rouge' })).toThrow(/unknown metric 'rouge'/);
    expect(() => scoreOptionsFromFlags({ chrfCharOrder: '-1' })).toThrow(/--chrf-char-order should be an integer ≥ 0/);
    expect(() => scoreOptionsFromFlags({ format: 'xml' })).toThrow(/--format should be text or json/);
  });
  it('splits file text into lines like Python text mode', () => {
    expect(splitLines('a\r\nb\rc\n')).toEqual(['a', 'b', 'c']);
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(splitLines('')).toEqual([]);
  });
});
