/**
 * segmentDocument: ids, boilerplate marks on the corpus and on general cases, language guesses,
 * and the span invariants under random input (fast-check).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessLanguage, segmentDocument, segmentSentences } from '../../src/2-segment/index.js';
import type { SegmentedDoc, SourceText } from '../../src/types.js';

const source = (text: string, warnings: string[] = []): SourceText => ({ path: 'doc.txt', text, sha256: 'abc', warnings });

const corpusDoc = (name: string, idPrefix = 'r'): SegmentedDoc => {
  const text = readFileSync(fileURLToPath(new URL(`../../corpus/${name}`, import.meta.url)), 'utf8');
  return segmentDocument({ path: `corpus/${name}`, text, sha256: 'x', warnings: [] }, { idPrefix });
};

const boilerplateOf = (doc: SegmentedDoc): string[] => doc.sentences.filter((s) => s.boilerplate).map((s) => s.text);

const marks = (text: string, patterns: RegExp[] = []): Array<[string, boolean]> =>
  segmentDocument(source(text), { boilerplatePatterns: patterns }).sentences.map((s) => [s.text, s.boilerplate]);

describe('segmentDocument', () => {
  it('numbers sentences with the id prefix and keeps text, offsets and source fields', () => {
    const doc = segmentDocument(source('Title\nFirst one. Second one.', ['1 invalid UTF-8 sequence replaced']), {
      idPrefix: 'c',
    });
    expect(doc.sentences.map((s) => [s.id, s.text, s.start, s.end])).toEqual([
      ['c1', 'Title', 0, 5],
      ['c2', 'First one.', 6, 16],
      ['c3', 'Second one.', 17, 28],
    ]);
    expect(doc.path).toBe('doc.txt');
    expect(doc.sha256).toBe('abc');
    expect(doc.warnings).toEqual(['1 invalid UTF-8 sequence replaced']);
    expect(doc.language).toBe('en');
    expect(segmentDocument(source('One. Two.')).sentences.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('marks exactly the three noise lines of corpus 001', () => {
    expect(boilerplateOf(corpusDoc('001_378ec3acaf265ec0.txt', 'c'))).toEqual(['[ad_1]', 'Start the text', 'The final text']);
  });

  it('marks nothing in the official statement 000, and keeps its title as content', () => {
    const doc = corpusDoc('000_f32ec7d94fac71fb.txt');
    expect(boilerplateOf(doc)).toEqual([]);
    expect(doc.sentences[0]?.text).toMatch(/^Joint Statement from the Governments/);
  });

  it('marks the copyright line of 002 (both of its sentences) and nothing else', () => {
    expect(boilerplateOf(corpusDoc('002_b29c560fde53bf74.txt'))).toEqual([
      '© The Asia Business Daily(www.asiae.co.kr).',
      'All rights reserved.',
    ]);
  });

  it('marks the Korean menu lines of 003 but keeps "Press Releases" and the title as content', () => {
    const doc = corpusDoc('003_45089278d132dd9b.txt');
    expect(boilerplateOf(doc)).toEqual(['바로가기 메뉴', '본문 바로가기', '주메뉴 바로가기', '검색창 열기']);
    expect(doc.language).toBe('en');
  });

  it('marks "Filed under , , ," and "Leave a Reply" in 004, not the byline or dateline', () => {
    const doc = corpusDoc('004_b243b48ca90857ab.txt');
    expect(boilerplateOf(doc)).toEqual(['Filed under , , , , , , ,', 'Leave a Reply']);
  });

  it('recognises general web noise', () => {
    const text = [
      'Skip to content',
      'Home | News | Politics | Contact',
      'Share on Facebook',
      'Facebook Twitter LinkedIn Email',
      '{{ad_slot}}',
      '* * *',
      'Copyright 2024 Example Media. All rights reserved.',
      'Tags: space, Korea, NASA',
      'Read more',
      'The ministers signed the agreement on Tuesday.',
      'Related Articles',
    ].join('\n');
    expect(marks(text)).toEqual([
      ['Skip to content', true],
      ['Home | News | Politics | Contact', true],
      ['Share on Facebook', true],
      ['Facebook Twitter LinkedIn Email', true],
      ['{{ad_slot}}', true],
      ['* * *', true],
      ['Copyright 2024 Example Media.', true],
      ['All rights reserved.', true],
      ['Tags: space, Korea, NASA', true],
      ['Read more', true],
      ['The ministers signed the agreement on Tuesday.', false],
      ['Related Articles', true],
    ]);
  });

  it('is conservative: titles, headings, bracketed sentences and mentions of copyright stay content', () => {
    const text = [
      'Joint Statement from the Governments of the United States and Korea',
      'Press Releases',
      'Next Steps in Space Cooperation',
      '[A sentence in square brackets.]',
      'The copyright office reviewed the text.',
      'Start of the Artemis program',
      'By Doug Messier',
    ].join('\n');
    expect(marks(text).filter(([, bp]) => bp)).toEqual([]);
  });

  it('applies user patterns to sentence text (also global regexes, repeatedly)', () => {
    const re = /^Source: /g;
    expect(marks('Source: Yonhap\nThe talks ended. Source: AP\nThe Source: of it.', [re])).toEqual([
      ['Source: Yonhap', true],
      ['The talks ended.', false],
      ['Source: AP', true],
      ['The Source: of it.', false],
    ]);
  });

  it('warns when the text does not look English', () => {
    const doc = segmentDocument(source('한미 양국은 우주 협력을 강화하기로 합의했다. 회의는 워싱턴에서 열렸다.'));
    expect(doc.language).toBe('other:Hangul');
    expect(doc.warnings.some((w) => w.includes('other:Hangul'))).toBe(true);
  });
});

describe('guessLanguage', () => {
  it('tells English from other Latin-script languages and other scripts', () => {
    expect(guessLanguage('The two sides discussed cooperation in the field of space and agreed to meet again.')).toBe('en');
    const fr = 'Les deux parties ont discuté de la coopération spatiale et se reverront à Séoul. ';
    const de = 'Beide Seiten erörterten die Zusammenarbeit im Weltraum und wollen sich wieder treffen. ';
    expect(guessLanguage(fr.repeat(3))).toBe('other:Latin');
    expect(guessLanguage(de.repeat(3))).toBe('other:Latin');
    // Too few words to judge: the benefit of the doubt goes to English.
    expect(guessLanguage('Title First one. Second one.')).toBe('en');
    expect(guessLanguage('한미 양국은 우주 협력을 강화하기로 합의했다.')).toBe('other:Hangul');
    expect(guessLanguage('双方讨论了空间合作。')).toBe('other:Han');
    expect(guessLanguage('Стороны обсудили сотрудничество в космосе.')).toBe('other:Cyrillic');
    expect(guessLanguage('12345 ... !!!')).toBe('other:none');
    expect(guessLanguage('')).toBe('other:none');
  });

  it('calls every corpus document English (003 opens with Korean menu lines)', () => {
    for (const f of ['000_f32ec7d94fac71fb.txt', '001_378ec3acaf265ec0.txt', '002_b29c560fde53bf74.txt', '003_45089278d132dd9b.txt', '004_b243b48ca90857ab.txt']) {
      expect(corpusDoc(f).language, f).toBe('en');
    }
  });
});

describe('span invariants (property-based)', () => {
  // Texts built from the characters that drive the segmenter's decisions.
  const pieces = [
    'U.S.', 'Mr.', 'e.g.', 'a.m.', 'No.', ' ', ' ', ' ', '\n', '\n\n', '\r\n', '. ', '? ', '! ', '...', '. . .', '…',
    '"', '“', '”', "'", '’', '(', ')', '[', ']', '•', '- ', '1.', '2.', 'a)', 'b)', '(i)', 'The', 'the', 'Korea',
    'ROK-U.S.', '3.14', '$100', 'x', 'A', 'I', '\t', '\u00a0', '한국', '。', 'www.a.com', 'end.Next',
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''));
  const isWs = (c: string): boolean => /\s/.test(c);

  it('spans are ordered, disjoint, trimmed and cover every non-whitespace character once', () => {
    fc.assert(
      fc.property(text, (t) => {
        const spans = segmentSentences(t);
        let prevEnd = 0;
        const covered = new Uint8Array(t.length);
        for (const { start, end } of spans) {
          expect(start).toBeGreaterThanOrEqual(prevEnd);
          expect(end).toBeGreaterThan(start);
          expect(isWs(t[start]!)).toBe(false);
          expect(isWs(t[end - 1]!)).toBe(false);
          for (let k = start; k < end; k++) covered[k] = 1;
          prevEnd = end;
        }
        for (let k = 0; k < t.length; k++) {
          if (!isWs(t[k]!)) expect(covered[k], `char ${k} of ${JSON.stringify(t)}`).toBe(1);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('documents repeat the spans exactly: text === source.slice(start, end)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const doc = segmentDocument(source(t), { maxSentenceLength: 40 });
        for (const s of doc.sentences) {
          expect(s.text).toBe(t.slice(s.start, s.end));
          expect(s.end - s.start).toBeLessThanOrEqual(40);
        }
      }),
      { numRuns: 200 },
    );
  });
});
