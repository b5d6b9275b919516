import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../src/4-compare/diff.js';
import { documentDrift } from '../../src/4-compare/compare.js';
import {
  DRIFT_CLASS_BOUNDS,
  driftClassOf,
  driftWithFindings,
  holesIn,
  lexicalDrift,
  linkDrift,
  missingWords,
  roundDrift,
  wordTokens,
} from '../../src/4-compare/drift.js';
import { sentenceScores } from '../../src/4-compare/metrics/index.js';
import { kendallTauB, kendallTauBNaive } from '../eval/common.js';
import type { Finding, ScoredLink, SegmentedDoc, Sentence, Severity } from '../../src/types.js';

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

describe('lexicalDrift', () => {
  it('is 0 for a perfect chrF with nothing missing and 1 for a chrF of 0', () => {
    expect(lexicalDrift({ chrF: 100 })).toBe(0);
    expect(lexicalDrift({ chrF: 0 })).toBe(1);
    expect(lexicalDrift({ chrF: 0 }, { contentWords: 3, namesNumbers: 2 })).toBe(1);
  });

  it('keeps chrF/100 of the reference, less 5 % per missing content word and 10 % per missing name or number', () => {
    // 1 − 0.8 · 0.95² · 0.9 = 1 − 0.6498
    expect(lexicalDrift({ chrF: 80 }, { contentWords: 2, namesNumbers: 1 })).toBeCloseTo(0.3502, 10);
    // 1 − 0.5 · 0.95 = 0.525
    expect(lexicalDrift({ chrF: 50 }, { contentWords: 1, namesNumbers: 0 })).toBeCloseTo(0.525, 10);
  });

  it('rises with worse chrF and with every missing word, and stays below 1 while any chrF is left', () => {
    const base = lexicalDrift({ chrF: 70 }, { contentWords: 1, namesNumbers: 0 });
    expect(lexicalDrift({ chrF: 60 }, { contentWords: 1, namesNumbers: 0 })).toBeGreaterThan(base);
    expect(lexicalDrift({ chrF: 70 }, { contentWords: 2, namesNumbers: 0 })).toBeGreaterThan(base);
    expect(lexicalDrift({ chrF: 70 }, { contentWords: 1, namesNumbers: 1 })).toBeGreaterThan(
      lexicalDrift({ chrF: 70 }, { contentWords: 2, namesNumbers: 0 }),
    );
    // 60 missing words: no clamping, so two badly drifted links still rank.
    const many = lexicalDrift({ chrF: 30 }, { contentWords: 60, namesNumbers: 0 });
    expect(many).toBeLessThan(1);
    expect(lexicalDrift({ chrF: 30 }, { contentWords: 61, namesNumbers: 0 })).toBeGreaterThan(many);
  });

  it('ignores TER and BLEU (they moved against chrF on DEMETR removals)', () => {
    expect(lexicalDrift({ chrF: 70, bleu: 0, ter: 300 } as never)).toBe(lexicalDrift({ chrF: 70, bleu: 100, ter: 0 } as never));
  });
});

describe('missingWords', () => {
  const table: Array<[string, string, string, { contentWords: number; namesNumbers: number }]> = [
    ['a corrupted acronym is a missing name and content word', 'NASA and KASA’s October 2024 completion of a study', 'NASA and Cassa October 2024 completion of a study', { contentWords: 1, namesNumbers: 1 }],
    ['an inflected word is still there (six-letter stems)', 'The hormone was administered to the patients.', 'The administration of the hormone to patients.', { contentWords: 0, namesNumbers: 0 }],
    ['number words and digits are one figure', 'The crash killed seventeen people in the fifties.', 'The crash killed 17 people in the 50s.', { contentWords: 0, namesNumbers: 0 }],
    ['a changed figure is missing', 'The crash killed seventeen people.', 'The crash killed 28 people.', { contentWords: 0, namesNumbers: 1 }],
    ['a run of number words is one figure', 'Two hundred and ten people and twenty-five cars.', '210 people and 25 cars.', { contentWords: 0, namesNumbers: 0 }],
    ['"a hundred" is a figure too', 'They made a hundred-run partnership.', 'They made a 95-run partnership.', { contentWords: 0, namesNumbers: 1 }],
    ['"both" is two, "a dozen" twelve', 'Both parties sent a dozen delegates.', 'The two parties sent 12 delegates.', { contentWords: 0, namesNumbers: 0 }],
    ['"both" → "three" changes a figure', 'Both parties agreed.', 'The three parties agreed.', { contentWords: 0, namesNumbers: 1 }],
    ['"a hundred" matches 100', 'They made a hundred-run partnership.', 'They made a 100-run partnership.', { contentWords: 0, namesNumbers: 0 }],
    ['times agree across the 12- and 24-hour clocks', 'It started at 8:30 p.m. sharp.', 'It started at 20:30 sharp.', { contentWords: 0, namesNumbers: 0 }],
    ['ordinal suffixes and thousands separators are spelling', 'On July 26th, 160,000 cases.', 'On July 26, 160000 cases.', { contentWords: 0, namesNumbers: 0 }],
    ['a name that opens the candidate sentence still counts as present', 'Yesterday Mr. Smith met the ROK delegation.', 'Smith met the ROK delegation yesterday.', { contentWords: 0, namesNumbers: 0 }],
    ['"ROK" → "Rock": the acronym is gone, the content word too', 'The ROK delegation arrived.', 'The Rock delegation arrived.', { contentWords: 1, namesNumbers: 1 }],
    ['function words may come and go, negations may not', 'They did not sign the deal.', 'They signed a deal.', { contentWords: 1, namesNumbers: 0 }],
    ['an acronym the candidate spells out is present', 'Relations with the UAE and Egypt.', 'Relations with the United Arab Emirates and Egypt.', { contentWords: 0, namesNumbers: 0 }],
    ['an expansion the candidate abbreviates is present', 'European Union members agreed.', 'EU members agreed.', { contentWords: 0, namesNumbers: 0 }],
    ['a two-letter acronym needs capitalised words', 'The EU rules apply.', 'Every user rules apply.', { contentWords: 1, namesNumbers: 1 }],
    ['each occurrence counts once', 'In Seoul and Seoul and Busan', 'In Seoul and Busan', { contentWords: 1, namesNumbers: 1 }],
  ];
  it.each(table)('%s', (_name, reference, candidate, expected) => {
    expect(missingWords(reference, candidate)).toMatchObject(expected);
  });

  it('counts tense, aspect and mood words on either side only, and content words present in another form', () => {
    // "is" lost, "will" and "be" added.
    expect(missingWords('The bridge is closed.', 'The bridge will be closed.')).toMatchObject({ contentWords: 0, grammarWords: 3, otherForms: 0 });
    // "reopened" → "reopening": same stem, other form; "was" added.
    expect(missingWords('The museum reopened in June.', 'The museum was reopening in June.')).toMatchObject({ contentWords: 0, grammarWords: 1, otherForms: 1 });
    // Contractions are the full words; names keep their own part.
    expect(missingWords("We'll sign it.", 'We will sign it.')).toMatchObject({ grammarWords: 0, otherForms: 0 });
    expect(missingWords('Kim met them.', 'Kim met them.')).toMatchObject({ grammarWords: 0, otherForms: 0 });
  });

  it('reads negative contractions as the auxiliary and a negation', () => {
    const g = (r: string, c: string) => missingWords(r, c);
    // The negated copy differs by its negation only; "wasn" is not a lost "was".
    expect(g('It was here.', "It wasn't here.")).toMatchObject({ contentWords: 0, grammarWords: 1 });
    expect(g('It will go.', "It won't go.")).toMatchObject({ contentWords: 0, grammarWords: 1 });
    expect(g('It can be.', 'It cannot be.')).toMatchObject({ contentWords: 0, grammarWords: 1 });
    expect(g("They don't know.", 'They do not know.')).toMatchObject({ contentWords: 0, grammarWords: 0 });
    expect(g('The sun never sets.', 'The sun sets.').grammarWords).toBe(1);
    // "bent", "want" are no contractions.
    expect(g('It was bent, they want more.', 'It was bent, they want more.').grammarWords).toBe(0);
  });

  it('finds the holes a removed word leaves, and none in correct sentences', () => {
    expect(holesIn('The health of the released nationals is good.')).toBe(0);
    expect(holesIn('The of the released nationals is good.')).toBe(1);
    expect(holesIn('Returning to after living abroad, the is strange.')).toBe(2);
    expect(holesIn('Was destroyed and rebuilt by the Portuguese.')).toBe(1);
    expect(holesIn('Was it destroyed by the Portuguese?')).toBe(0);
    // Nouns that look like auxiliaries, hyphenated compounds, a stranded preposition.
    expect(holesIn('The will of the people, a must for the in-laws, is what they asked for.')).toBe(0);
    // Only holes beyond the reference's own count.
    expect(missingWords('The of the nationals.', 'The of the nationals.').holes).toBe(0);
    expect(missingWords('The crash is over.', 'The is over.').holes).toBe(1);
  });

  it('raises drift for a changed tense that leaves chrF where it was', () => {
    const ref = 'The health of the released nationals is generally good.';
    const same = lexicalDrift({ chrF: 70 }, missingWords(ref, 'The health of the released nationals is generally good.'));
    const future = lexicalDrift({ chrF: 70 }, missingWords(ref, 'The health of the released nationals will be generally good.'));
    expect(future).toBeGreaterThan(same);
  });

  it('finds nothing missing between a text and itself (corpus 000, sentence by sentence)', () => {
    const text = readFileSync(join(import.meta.dirname, '../../corpus/000_f32ec7d94fac71fb.txt'), 'utf8');
    const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');
    expect(sentences.length).toBeGreaterThan(20);
    for (const s of sentences) expect(missingWords(s, s)).toEqual({ contentWords: 0, namesNumbers: 0, grammarWords: 0, otherForms: 0, holes: 0 });
  });

  it('marks names (not at a sentence start), acronyms anywhere and figures as salient', () => {
    const salient = wordTokens('NASA said. The U.S. team met Kim in 1990s; three left').filter((t) => t.salient).map((t) => t.key);
    expect(salient).toEqual(['nasa', 'us', 'kim', '1990', '3']);
    const figures = (t: string) => wordTokens(t).filter((w) => w.salient).map((w) => w.key);
    expect(figures('two hundred thousand, twenty-first, nineteen eighty-four')).toEqual(['200000', '21', '19', '84']);
    expect(figures('one of the hundreds of first steps')).toEqual([]);
  });
});

describe('linkDrift', () => {
  const drift = (r: string, c: string) => linkDrift(r, c, sentenceScores(c, r));
  const ref = 'The Commercial Lunar Payload Services (CLPS) initiative delivers science to the Moon.';
  it('ranks a corrupted expansion above a punctuation change and above nothing at all', () => {
    const punct = drift(ref, 'The Commercial Lunar Payload Services (CLPS) initiative delivers science to the Moon');
    const corrupted = drift(ref, 'The Commercial Lunar Attack Services initiative delivers science to the Moon.');
    expect(drift(ref, ref)).toBe(0);
    expect(punct).toBeGreaterThan(0);
    expect(corrupted).toBeGreaterThan(punct + 0.1);
    expect(corrupted).toBeLessThan(drift(ref, 'Prices of rice rose sharply in March.'));
  });
});

describe('number checks as drift sees them', () => {
  it('reads a magnitude glued to the digits ("103bn") as the figure, not as a changed number', async () => {
    const { auditPair } = await import('../eval/common.js');
    const ref = 'The budget is PLN 103 billion for 10 years.';
    const same = auditPair(ref, 'The budget is PLN 103bn for 10 years.');
    const changed = auditPair(ref, 'The budget is PLN 104bn for 10 years.');
    expect(same.findings.filter((f) => f.kind === 'number-or-date-changed')).toEqual([]);
    expect(changed.findings.filter((f) => f.kind === 'number-or-date-changed').map((f) => f.candidate?.text)).toEqual(['104bn']);
    expect(changed.summary.drift).toBeGreaterThan(same.summary.drift);
  });
});

describe('driftWithFindings', () => {
  it('takes away as much for a major finding as for a critical one (the entity is lost either way), less for a minor one', () => {
    const crit = driftWithFindings(0.2, [finding('critical')]);
    const maj = driftWithFindings(0.2, [finding('major')]);
    const min = driftWithFindings(0.2, [finding('minor')]);
    // 1 − 0.8 · 0.7, 1 − 0.8 · 0.7, 1 − 0.8 · 0.97
    expect(crit).toBeCloseTo(0.44, 10);
    expect(maj).toBeCloseTo(0.44, 10);
    expect(min).toBeCloseTo(0.224, 10);
  });

  it('stays in [0, 1] and still ranks two findings above one on a badly drifted link', () => {
    const one = driftWithFindings(0.9, [finding('critical')]);
    const two = driftWithFindings(0.9, [finding('critical'), finding('critical')]);
    expect(two).toBeGreaterThan(one);
    expect(two).toBeLessThan(1);
    expect(driftWithFindings(1, [finding('critical')])).toBe(1);
  });
});

describe('driftClassOf', () => {
  it('classes a link by its findings first, then by its drift', () => {
    expect(driftClassOf(0, true, [])).toBe('identical');
    expect(driftClassOf(0.05, false, [])).toBe('minor');
    expect(driftClassOf(0.05, false, [finding('critical')])).toBe('meaning-changed');
    expect(driftClassOf(0.05, false, [finding('major')])).toBe('major');
    expect(driftClassOf(DRIFT_CLASS_BOUNDS.major - 0.001, false, [])).toBe('minor');
    expect(driftClassOf(DRIFT_CLASS_BOUNDS.major, false, [])).toBe('major');
    expect(driftClassOf(DRIFT_CLASS_BOUNDS.meaningChanged, false, [])).toBe('meaning-changed');
    expect(driftClassOf(0.95, false, [])).toBe('meaning-changed');
  });
});

describe('roundDrift', () => {
  it('keeps six decimals, so small chrF differences in long sentences do not round into ties', () => {
    expect(roundDrift(0.1234564)).toBe(0.123456);
    expect(roundDrift(0.1234566)).toBe(0.123457);
    expect(roundDrift(0.5000004)).not.toBe(roundDrift(0.5000016));
  });
});

describe('documentDrift', () => {
  const sentence = (id: string, text: string, start: number): Sentence => ({ id, text, start, end: start + text.length, boilerplate: false });
  const docOf = (prefix: string, texts: string[]): SegmentedDoc => {
    let at = 0;
    const sentences = texts.map((t, i) => {
      const s = sentence(`${prefix}${i + 1}`, t, at);
      at += t.length + 1;
      return s;
    });
    return { path: prefix, sha256: '', text: texts.join(' '), sentences, warnings: [], language: 'en' };
  };
  const unlinked = (ref: string[], cand: string[]): ScoredLink => ({
    ref,
    cand,
    type: `${ref.length}-${cand.length}`,
    confidence: 0,
    moved: false,
    scores: null,
    drift: 1,
    driftClass: ref.length > 0 ? 'omitted' : 'added',
    diff: null,
  });
  const r = 'The ministers agreed to expand cooperation on lunar exploration.';
  const c = 'The ministers decided to widen their cooperation in exploring the Moon.';

  it('scores an omitted sentence next to an added one as a replaced passage, not as a blank page', () => {
    const d = documentDrift([unlinked(['r1'], []), unlinked([], ['c1'])], docOf('r', [r]), docOf('c', [c]));
    const pair = linkDrift(r, c, sentenceScores(c, r));
    expect(d).toBeLessThan(1);
    expect(d).toBeCloseTo(pair, 2);
  });

  it('keeps drift 1 for an omitted sentence with no candidate text beside it', () => {
    expect(documentDrift([unlinked(['r1'], [])], docOf('r', [r]), docOf('c', [c]))).toBe(1);
  });
});

describe('kendallTauB (eval helper, Knight 1966)', () => {
  it('matches scipy.stats.kendalltau(variant="b") on tied data', () => {
    // Values printed by scipy 1.17: kendalltau(x, y, variant='b').statistic
    expect(kendallTauB([1, 2, 2, 3, 4, 4, 5], [2, 1, 3, 3, 5, 4, 4])).toBeCloseTo(0.6842105263157894, 12);
    expect(kendallTauB([0, 0, 1, 1, 2, 2], [1, 0, 1, 0, 1, 0])).toBeCloseTo(0, 12);
    expect(kendallTauB([-5, -1, -0, -25, -2.1, -1], [0.3, 0.1, 0.05, 0.9, 0.2, 0.15])).toBeCloseTo(-0.9660917830792959, 12);
  });

  it('agrees with the O(n²) definition on random data with many ties', () => {
    let seed = 7;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    for (let t = 0; t < 50; t++) {
      const n = 2 + rnd(40);
      const x = Array.from({ length: n }, () => rnd(5));
      const y = Array.from({ length: n }, () => rnd(t % 2 ? 4 : 1000));
      const naive = kendallTauBNaive(x, y);
      if (Number.isFinite(naive)) expect(kendallTauB(x, y)).toBeCloseTo(naive, 12);
      else expect(kendallTauB(x, y)).toBeNaN();
    }
  });
});
