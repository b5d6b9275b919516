/**
 * Sentence spans, hand-checked: the traps of the corpus (hyphenated "ROK-U.S.", title lines, numbered
 * paragraphs, bullets, Korean menu lines) and the usual ones (abbreviations, initials, numbers, quotes,
 * lists, hard wraps, ellipses, missing spaces).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { segmentDocument, segmentSentences } from '../../src/2-segment/index.js';

const texts = (t: string): string[] => segmentSentences(t).map((s) => t.slice(s.start, s.end));

const corpus = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../corpus/${name}`, import.meta.url)), 'utf8');

describe('segmentSentences: exact spans', () => {
  it('returns offsets into the text, end exclusive, trimmed', () => {
    expect(segmentSentences('Hello World. My name is Jonas.')).toEqual([
      { start: 0, end: 12 },
      { start: 13, end: 30 },
    ]);
    expect(segmentSentences('  Indented start.  \n\n  Second paragraph.  ')).toEqual([
      { start: 2, end: 17 },
      { start: 23, end: 40 },
    ]);
  });

  it('handles empty and whitespace-only text', () => {
    expect(segmentSentences('')).toEqual([]);
    expect(segmentSentences(' \n\t\r\n ')).toEqual([]);
    expect(segmentSentences('a')).toEqual([{ start: 0, end: 1 }]);
  });

  it('keeps CRLF line ends outside the spans', () => {
    const t = 'Title line\r\nFirst sentence here. Second one.\r\n';
    expect(segmentSentences(t)).toEqual([
      { start: 0, end: 10 },
      { start: 12, end: 32 },
      { start: 33, end: 44 },
    ]);
  });
});

describe('segmentSentences: corpus traps', () => {
  it('does not split a hyphenated prefix before "U.S." (wink-nlp splits after "ROK-U.")', () => {
    const t =
      'Noting the success of the ROK-U.S. Space Industry Symposium held November 8, 2023, in Seoul, the United States and ROK intend to continue. The two sides agreed.';
    expect(texts(t)).toEqual([
      'Noting the success of the ROK-U.S. Space Industry Symposium held November 8, 2023, in Seoul, the United States and ROK intend to continue.',
      'The two sides agreed.',
    ]);
  });

  it('keeps "U.S.-ROK", "U.S. Department", "D.C. on" inside sentences and ends one at "U.S. The"', () => {
    expect(texts('The fourth U.S.-ROK Civil Space Dialogue met. The U.S. Department of State hosted it.')).toEqual([
      'The fourth U.S.-ROK Civil Space Dialogue met.',
      'The U.S. Department of State hosted it.',
    ]);
    expect(texts('It was held in Washington, D.C. on August 10, 2021.')).toHaveLength(1);
    expect(texts('They met in Washington, D.C. The talks went well.')).toEqual([
      'They met in Washington, D.C.',
      'The talks went well.',
    ]);
    expect(texts('Both sides thanked the U.S. They will meet again.')).toEqual([
      'Both sides thanked the U.S.',
      'They will meet again.',
    ]);
  });

  it('makes a title line without final punctuation its own sentence (corpus 000)', () => {
    const t = corpus('000_f32ec7d94fac71fb.txt');
    const spans = segmentSentences(t);
    const firstBreak = t.indexOf('\n');
    expect(spans[0]).toEqual({ start: 0, end: firstBreak });
    expect(t.slice(spans[0]!.start, spans[0]!.end)).toMatch(/^Joint Statement from the Governments/);
    expect(t.slice(spans[1]!.start, spans[1]!.end)).toMatch(/^The text of the following statement/);
    const symposium = texts(t).filter((s) => s.includes('ROK-U.S. Space Industry Symposium'));
    expect(symposium).toHaveLength(1);
    expect(symposium[0]).toMatch(/^Noting the success of the ROK-U\.S\. Space Industry Symposium held November 8, 2023/);
    expect(symposium[0]).toMatch(/\.$/);
  });

  it('keeps initials inside names: "John D. Hill", "Jonas E. Smith"', () => {
    expect(texts('It was attended by John D. Hill, Deputy Assistant Secretary. He spoke first.')).toEqual([
      'It was attended by John D. Hill, Deputy Assistant Secretary.',
      'He spoke first.',
    ]);
  });

  it("segments 003's numbered paragraphs, title lines and Korean menu lines", () => {
    const t = corpus('003_45089278d132dd9b.txt');
    const s = texts(t);
    expect(s.slice(0, 6)).toEqual([
      '바로가기 메뉴',
      '본문 바로가기',
      '주메뉴 바로가기',
      '검색창 열기',
      'Press Releases',
      '4th ROK-U.S. Space Policy Dialogue held in Washington, D.C. on August 10, 2021',
    ]);
    const para1 = s.find((x) => x.startsWith('1. Mr. Park Il, Director-General'));
    expect(para1).toBeDefined();
    expect(para1).toMatch(/the United States Department of State\.$/);
    expect(s).toContain('2. The ROK-U.S. SPD kicked off in 2015 to jointly deal with global issues, particularly to enhance bilateral and multilateral cooperation in the field of space security.');
    expect(s).toContain('Last year, the 3rd ROK-U.S. SPD was held in a virtual format due to the COVID-19 situation.');
    expect(s).toContain('* ROK-U.S. Leaders’ Joint Statement (May 21, 2021)');
    expect(s).toContain('1. The Alliance: Opening a New Chapter');
    expect(s).toContain('2. The Way Forward: Comprehensive Partnership for a Better Future');
    expect(s.filter((x) => /^\d\. /.test(x)).map((x) => x.slice(0, 2))).toEqual(['1.', '2.', '3.', '1.', '2.', '4.', '5.']);
  });

  it("segments 004's bullets, byline lines and a sentence ending in ’20.", () => {
    const t = corpus('004_b243b48ca90857ab.txt');
    const s = texts(t);
    expect(s.slice(0, 6)).toEqual([
      'Constellations, Launch, New Space and more…',
      'U.S.-South Korea to Deepen Cooperation in Defense Space Sector',
      'By Doug Messier',
      'Parabolic Arc',
      'May 14, 2022',
      'Filed under , , , , , , ,',
    ]);
    const bullets = s.filter((x) => x.startsWith('•'));
    expect(bullets).toEqual([
      '• Sharing information for a common understanding of the space domain',
      '• Training space experts through participation in exercises and training',
      '• Improving interoperability We have decided to continue cooperation in defense and space, such as enhancing our joint space operation performance capabilities.',
    ]);
    expect(s).toContain('“Korea-US space policy joint research” was published in ’20.');
    expect(s.some((x) => x.includes('John D. Hill, Deputy Assistant Secretary of Defense'))).toBe(true);
    expect(s[s.length - 1]).toBe('Leave a Reply');
  });

  it('keeps the scraper lines of 001 as separate sentences', () => {
    const s = texts(corpus('001_378ec3acaf265ec0.txt'));
    expect(s[1]).toBe('[ad_1]');
    expect(s[3]).toBe('Start the text');
    expect(s[s.length - 1]).toBe('The final text');
  });
});

describe('segmentSentences: abbreviations, numbers, punctuation', () => {
  const cases: Array<[string, string[]]> = [
    ['Dr. Kim met Mr. Park at 10 a.m. on Jan. 5. They talked.', ['Dr. Kim met Mr. Park at 10 a.m. on Jan. 5.', 'They talked.']],
    ['See No. 3 and p. 12 for details. Then read on.', ['See No. 3 and p. 12 for details.', 'Then read on.']],
    ['Bring items, e.g. a hat, i.e. headwear. Done.', ['Bring items, e.g. a hat, i.e. headwear.', 'Done.']],
    ['The budget is $1.5 billion, up 3.14 percent. It rose.', ['The budget is $1.5 billion, up 3.14 percent.', 'It rose.']],
    ['He left at 6 P.M. Travelers stayed.', ['He left at 6 P.M.', 'Travelers stayed.']],
    ['Samsung Electronics Co. Ltd. said so. Analysts agreed.', ['Samsung Electronics Co. Ltd. said so.', 'Analysts agreed.']],
    ['Apples, pears, etc. The rest is fruit.', ['Apples, pears, etc.', 'The rest is fruit.']],
    ['He shouted "Stop! Now!" and left. She stayed.', ['He shouted "Stop! Now!" and left.', 'She stayed.']],
    ['They said: “We agree. It is done.” Talks ended.', ['They said: “We agree. It is done.”', 'Talks ended.']],
    ['The ministry (MOFA. est. 1948) hosted. Others came.', ['The ministry (MOFA. est. 1948) hosted.', 'Others came.']],
    ['Is it done? Yes! It is.', ['Is it done?', 'Yes!', 'It is.']],
    ['Wait... What happened?', ['Wait...', 'What happened?']],
    ['It was … well, fine. Next.', ['It was … well, fine.', 'Next.']],
    ['The meeting ended.The delegates left.', ['The meeting ended.', 'The delegates left.']],
    ['Visit www.state.gov. Or write to info@state.gov today.', ['Visit www.state.gov.', 'Or write to info@state.gov today.']],
    ['Version 2.0.1 shipped. It works.', ['Version 2.0.1 shipped.', 'It works.']],
    ['The rate was 5.5%. Growth slowed.', ['The rate was 5.5%.', 'Growth slowed.']],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => expect(texts(input)).toEqual(expected));
  }
});

describe('segmentSentences: lines, lists, wraps', () => {
  it('splits a heading from the paragraph under it', () => {
    expect(texts('Press Releases\nThe ministry announced talks. They start today.')).toEqual([
      'Press Releases',
      'The ministry announced talks.',
      'They start today.',
    ]);
  });

  it('splits bullet and numbered items, each line its own sentence', () => {
    expect(texts('We agreed to:\n  • share data\n  • train experts\n- meet yearly\n1. First point\n2) Second point')).toEqual([
      'We agreed to:',
      '• share data',
      '• train experts',
      '- meet yearly',
      '1. First point',
      '2) Second point',
    ]);
  });

  it('splits run-in numbered lists only when the numbers follow each other', () => {
    expect(texts('1. Mr. Park Il held talks 2. The sides agreed')).toEqual(['1. Mr. Park Il held talks', '2. The sides agreed']);
    expect(texts('Pay 5% for 1. above and 2% for 2. above.')).toEqual(['Pay 5% for 1. above and 2% for 2. above.']);
  });

  it('joins a PDF-style wrap (next line lower case, or the line ends in a space)', () => {
    expect(texts('The two sides discussed\ncooperation in space.')).toEqual(['The two sides discussed\ncooperation in space.']);
    expect(texts('It was a cold \nnight in the city.')).toEqual(['It was a cold \nnight in the city.']);
  });

  it('keeps a lower-case list without any full stop as separate lines', () => {
    expect(texts('features\ncontact manager\nevents, activities\n')).toEqual(['features', 'contact manager', 'events, activities']);
  });

  it('joins lines of a hard-wrapped text but keeps its short title line apart', () => {
    const t = [
      'Civil Space Dialogue',
      'The two sides discussed enhancing space exploration cooperation in Artemis',
      'and other missions and noted the October 2024 completion of a study agreement',
      'on future Artemis cooperation. The two sides shared progress on implementing',
      'the study agreement and noted ongoing discussions on the use of the Korean',
      'Deep Space Antennae to support future missions.',
    ].join('\n');
    const s = texts(t);
    expect(s).toHaveLength(3);
    expect(s[0]).toBe('Civil Space Dialogue');
    expect(s[1]).toMatch(/^The two sides discussed enhancing .*\non future Artemis cooperation\.$/s);
    expect(s[2]).toMatch(/^The two sides shared progress .*Korean\nDeep Space Antennae to support future missions\.$/s);
  });

  it('joins a wrap before a capitalised word in hard-wrapped text only when the word did not fit', () => {
    const lines = [
      'The delegation was led by the Director-General of the Climate Change and',
      'Environment Bureau and included representatives of several ministries and',
      'agencies who discussed cooperation in space science and exploration today.',
      'Korea Aerospace Administration',
      'The agency will host the next round of talks in Seoul in the coming year.',
    ];
    const s = texts(lines.join('\n'));
    expect(s).toEqual([lines.slice(0, 3).join('\n'), lines[3], lines[4]]);
  });

  it('continues a line that ends where no sentence or title can end, even before a capital', () => {
    expect(texts('The agreement was signed by\nPresident Biden and President Yoon.')).toEqual([
      'The agreement was signed by\nPresident Biden and President Yoon.',
    ]);
    expect(texts('Officials from Korea,\nJapan and the U.S. met.')).toEqual(['Officials from Korea,\nJapan and the U.S. met.']);
    expect(texts('WASHINGTON —\nThe two sides met.')).toEqual(['WASHINGTON —\nThe two sides met.']);
    expect(texts('Deepening Cooperation in May\nThe two sides met.')).toEqual(['Deepening Cooperation in May', 'The two sides met.']);
    expect(texts('----\nThe two sides met.')).toEqual(['----', 'The two sides met.']);
  });

  it('does not take one-paragraph-per-line text for hard-wrapped text', () => {
    const lines = [
      'Joint Statement on the Fourth Civil Space Dialogue between the Two Governments',
      'The two sides discussed enhancing space exploration cooperation in Artemis.',
      'They noted the October 2024 completion of a study agreement on cooperation.',
      'The two sides shared progress on implementing the study agreement in detail.',
      'They intend to hold the next dialogue in Seoul in two years from this date.',
    ];
    expect(texts(lines.join('\n'))).toEqual(lines);
  });

  it('treats a line starting with closing punctuation as part of the previous line', () => {
    expect(texts('contact us for pricing\n. Pricing info')).toEqual(['contact us for pricing\n.', 'Pricing info']);
  });
});

describe('segmentSentences: over-long input', () => {
  it('splits a run without punctuation at whitespace every ~2,000 characters and reports it', () => {
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa ';
    const text = words.repeat(Math.ceil(200_000 / words.length));
    const doc = segmentDocument({ path: 'x.txt', text, sha256: 'h', warnings: [] });
    expect(doc.sentences.length).toBeGreaterThanOrEqual(100);
    for (const [k, s] of doc.sentences.entries()) {
      expect(s.end - s.start).toBeLessThanOrEqual(2000);
      if (k < doc.sentences.length - 1) expect(s.end - s.start).toBeGreaterThan(1900);
      expect(s.text).toBe(text.slice(s.start, s.end));
    }
    expect(doc.warnings.some((w) => /split at whitespace/.test(w))).toBe(true);
  });

  it('splits a run without any whitespace hard at the cap', () => {
    const text = 'x'.repeat(4500);
    expect(segmentSentences(text)).toEqual([
      { start: 0, end: 2000 },
      { start: 2000, end: 4000 },
      { start: 4000, end: 4500 },
    ]);
  });
});
