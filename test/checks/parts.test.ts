/**
 * The building blocks: similarity and the sound key, number/date reading, entity extraction, and
 * properties that must hold for any text (a text against itself gives nothing; spans come back exactly).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkEntities, extractEntities, jaroWinkler, levenshtein, phoneticKey, tokenizeDoc, wordSimilarity } from '../../src/5-checks/index.js';
import { tooFarApart } from '../../src/5-checks/similarity.js';
import { TOKEN_RE } from '../../src/5-checks/tokens.js';
import { asciiDigits, comparableNumbers, extractNumbers, numberKey, sameNumber } from '../../src/5-checks/numbers.js';
import { pair } from './helpers.js';

describe('similarity', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['KASA', 'KASA', 0],
    ['', 'abc', 3],
    ['flaw', 'lawn', 2],
  ])('levenshtein(%s, %s) = %i', (a, b, d) => expect(levenshtein(a, b)).toBe(d));

  it('Jaro-Winkler matches the textbook values and ignores case', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('KASA', 'kasa')).toBe(1);
    expect(jaroWinkler('abc', '')).toBe(0);
  });

  it('the sound key keeps K/C and S/SS together (where DoubleMetaphone gives KASA → K)', () => {
    expect(phoneticKey('KASA')).toBe(phoneticKey('Cassa'));
    expect(phoneticKey('KASI')).toBe(phoneticKey('Cassi'));
    expect(phoneticKey('Kandahari')).toBe(phoneticKey('Kanhdhari'));
    expect(phoneticKey('SPHEREx')).toBe(phoneticKey('SPAREX'));
    expect(phoneticKey('KASA')).not.toBe(phoneticKey('NASA'));
    expect(phoneticKey('')).toBe('');
  });

  it('close: garbled spellings yes, other words no', () => {
    for (const [a, b] of [['KASA', 'Cassa'], ['Feldstein', 'Feldestein'], ['NOAA', 'Noa'], ['CEOS', 'CEOSS'], ['Kandahari', 'Kanhdhari']]) expect(wordSimilarity(a!, b!).close, `${a}/${b}`).toBe(true);
    for (const [a, b] of [['KASA', 'NASA'], ['MDA', 'Mudhah'], ['Seoul', 'Busan'], ['UN', 'US'], ['FAA', 'FCC']]) expect(wordSimilarity(a!, b!).close, `${a}/${b}`).toBe(false);
  });
});

describe('tokenizer', () => {
  /** Tokens the specification regex gives: text, offset, word, capitalised, has a letter. */
  const byRegex = (text: string) => [...text.matchAll(TOKEN_RE)].map((m) => [m.index, m[0], /[\p{L}\p{N}]/u.test(m[0]), /^\p{Lu}/u.test(m[0]), /\p{L}/u.test(m[0])]);
  const byScanner = (text: string) =>
    tokenizeDoc({ text, sentences: [{ id: 'r1', text, start: 0, end: text.length, boilerplate: false }] }).tokens.map((t) => [t.start, t.text, t.word, t.cap, t.letter]);

  it('the hand-written scanner gives exactly the tokens of the token regex on the corpus', () => {
    const dir = fileURLToPath(new URL('../../corpus/', import.meta.url));
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
      const text = readFileSync(dir + f, 'utf8');
      expect(byScanner(text), f).toEqual(byRegex(text));
    }
  });

  it('property: the same on random text (abbreviations, separators, marks, astral and lone surrogates)', () => {
    const unit = fc.constantFrom('U', 'S', 'a', '.', ',', ':', '-', '’', ' ', '\n', '1', '٣', '𝟐', '𞥐', 'é', '\u0301', 'ß', 'Ⅻ', '²', '\u00a0', '😀', '\ud800');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(byScanner(text)).toEqual(byRegex(text));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});

describe('length pre-check', () => {
  it('property: words the pre-check rejects are never close', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'e', 'k', 'c', 's', 'n', 'r', 't', 'h', 'o'), minLength: 1, maxLength: 16 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        if (tooFarApart(a.length, b.length)) expect(wordSimilarity(a, b).close).toBe(false);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });
});

function numbersOf(text: string) {
  const doc = tokenizeDoc({ text, sentences: [{ id: 'r1', text, start: 0, end: text.length, boilerplate: false }] });
  return extractNumbers(doc, 0, new Set());
}

describe('numbers and dates', () => {
  it.each([
    ['They met on April 14, 2025.', ['April 14, 2025'], ['2025-04-14']],
    ['They met on 14 April 2025.', ['14 April 2025'], ['2025-04-14']],
    ['It was held November 8, 2023, in Seoul.', ['November 8, 2023'], ['2023-11-08']],
    ['The plan costs $700 billion.', ['$700 billion'], ['700000000000']],
    ['About 1.5 million people and 30 members came.', ['1.5 million', '30'], ['1500000', '30']],
    ['The 19th meeting and the nineteenth one.', ['19th', 'nineteenth'], ['19', '19']],
    ['It met 17 times from ’13 to ’21.', ['17', '’13', '’21'], ['17', '2013', '2021']],
    ['He left at 12:00 GMT.', ['12:00'], ['12:00']],
    ['Twenty-five states and the twenty-first century.', ['Twenty-five', 'twenty-first'], ['25', '21']],
    ['The 1960s and the 80s.', ['1960s', '80s'], ['1960', '80']],
    ['Prices rose 12% and 3 percent.', ['12%', '3 percent'], ['12', '3']],
  ])('%s', (text, spans, keys) => {
    const n = numbersOf(text);
    expect(n.map((x) => x.text)).toEqual(spans);
    expect(n.map(numberKey)).toEqual(keys);
  });

  it('does not read pronoun "one", weekdays or codes of an acronym as numbers', () => {
    expect(numbersOf('This is one of the best; no one came on Sunday.').map((x) => x.text)).toEqual([]);
  });

  it('compares values after normalising, not the wording', () => {
    const [a] = numbersOf('on April 14, 2025');
    const [b] = numbersOf('on 14 April 2025');
    const [c] = numbersOf('on May 14, 2025');
    expect(sameNumber(a!, b!)).toBe(true);
    expect(sameNumber(a!, c!)).toBe(false);
    const [three] = numbersOf('three innings');
    const [third] = numbersOf('third year');
    expect(sameNumber(three!, third!)).toBe(false);
  });

  it('reads letters-then-digits tokens as codes: comparable only with codes of the same letters', () => {
    const [l4] = numbersOf('point L4');
    const [l4lower] = numbersOf('point l4');
    const [l5] = numbersOf('point L5');
    const [g4] = numbersOf('the G4');
    const [thirty] = numbersOf('about 30 members');
    const [four] = numbersOf('about 4 members');
    expect(l4!.code).toBe(true);
    expect(thirty!.code).toBe(false);
    expect(sameNumber(l4!, l4lower!)).toBe(true);
    expect(comparableNumbers(l4!, l5!)).toBe(true);
    expect(comparableNumbers(l4!, thirty!)).toBe(false);
    expect(comparableNumbers(thirty!, l4!)).toBe(false);
    expect(comparableNumbers(l4!, g4!)).toBe(false);
    expect(sameNumber(l4!, g4!)).toBe(false);
    // One thing written two ways ("G7" / "G-7"): the same value is not a change.
    expect(sameNumber(l4!, four!)).toBe(true);
  });

  it('changes a date only into a date that shares a part with it', () => {
    const [may] = numbersOf('held in May');
    const [year] = numbersOf('held in 2030');
    const [june] = numbersOf('held in June');
    const [april25] = numbersOf('on April 25');
    const [may25] = numbersOf('on May 25');
    const [y2024] = numbersOf('in 2024');
    const [april2024] = numbersOf('in April 2024');
    expect(comparableNumbers(may!, year!)).toBe(false);
    expect(comparableNumbers(year!, may!)).toBe(false);
    expect(comparableNumbers(may!, june!)).toBe(true);
    expect(comparableNumbers(april25!, may25!)).toBe(true);
    expect(comparableNumbers(april25!, y2024!)).toBe(false);
    expect(comparableNumbers(april2024!, year!)).toBe(true);
  });
});

describe('numerals of other scripts', () => {
  // Arabic-Indic, Devanagari, fullwidth, Adlam (U+1E950), mathematical bold (U+1D7D0): decimal digits (\p{Nd});
  // superscript, vulgar fraction, Roman numeral, circled digit, New Tai Lue (U+19DA, U+19DE): numerals or
  // symbols Number() cannot read.
  const decimal: [string, string][] = [['٣', '3'], ['३', '3'], ['３', '3'], ['𞥐', '0'], ['𝟐', '2'], ['৭', '7'], ['๙', '9']];
  const other = ['²', '½', 'Ⅻ', '①', '᧚', '᧞', '𐄇'];

  it.each(decimal)('reads the decimal digit %s as %s', (ch, ascii) => {
    expect(asciiDigits(`1${ch}`)).toBe(`1${ascii}`);
    expect(numbersOf(`They counted 1${ch} boats.`).map(numberKey)).toEqual([String(Number(`1${ascii}`))]);
  });

  it('reads whole numbers and dates written in other digits', () => {
    expect(numbersOf('On ١٤ April ٢٠٢٥ they paid ٣٠ dollars.').map(numberKey)).toEqual(['2025-04-14', '30']);
    expect(numbersOf('It cost ３,０００ yen in २०२६.').map(numberKey)).toEqual(['3000', '2026']);
  });

  it.each(other)('a token with %s is not a number (never NaN)', (ch) => {
    // U+19DE is \p{N} in newer Unicode versions and a symbol in older ones: either way not a number.
    if (/\p{N}/u.test(ch)) expect(asciiDigits(`3${ch}`)).toBeUndefined();
    expect(numbersOf(`We saw 3${ch} cats.`).filter((n) => n.text.includes(ch))).toEqual([]);
    for (const text of [`Chapter ${ch} opened.`, `We saw 3${ch} cats on ${ch} April.`, `${ch}`, `In 20${ch}5 and ${ch}${ch}.`]) {
      for (const n of numbersOf(text)) expect(Number.isFinite(n.value ?? 0), `${text}: ${n.text}`).toBe(true);
    }
  });

  it.each([...decimal.map(([c]) => c), ...other])('a text with %s against itself gives no findings', (ch) => {
    for (const text of [ch, `${ch}\n`, `We saw 3${ch} cats and ${ch}1 dogs on ${ch} April 20${ch}5.`, `It cost $1,${ch}00 or ${ch}.${ch} million, the ${ch}th time at 1${ch}:00.`, `NASA-${ch} and CAS50${ch}-4 flew in the ${ch}0s.`]) {
      expect(checkEntities(pair(text, text)), text).toEqual([]);
    }
  });

  it('a digit of another script compares by value: same value is harmless, another value is a change', () => {
    expect(checkEntities(pair('On ١٤ April ٢٠٢٥ they paid ٣٠ dollars.', 'On 14 April 2025 they paid 30 dollars.'))).toEqual([]);
    const f = checkEntities(pair('They paid ٣٠ dollars.', 'They paid 31 dollars.'));
    expect(f.map((x) => [x.rule, x.reference?.text, x.candidate?.text, x.evidence.expected, x.evidence.actual])).toEqual([['entity/number-or-date-changed', '٣٠', '31', '30', '31']]);
  });

  it('equal written forms are never a change, whatever they read as', () => {
    const nums = numbersOf('The 1,٣٣٣ boats and ３,０００ yen.');
    for (const n of nums) expect(sameNumber(n, n)).toBe(true);
  });

  it('property: any text of digits, numerals and words against itself gives no findings', () => {
    const unit = fc.constantFrom(...decimal.map(([c]) => c), ...other, '0', '1', '9', ' ', ',', '.', ':', '-', 'April', 'th', 'NASA', 'members', '$', '%', '’');
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 30 }), (parts) => {
        const text = parts.join('');
        if (!text.trim()) return;
        expect(checkEntities(pair(text, text))).toEqual([]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

function entitiesOf(text: string) {
  const doc = tokenizeDoc({ text, sentences: [{ id: 'r1', text, start: 0, end: text.length, boilerplate: false }] });
  return extractEntities(doc).map((e) => `${e.type}:${e.text}`);
}

describe('extraction', () => {
  it('acronyms with digits and hyphens, joined only when they form one code', () => {
    expect(entitiesOf('It flies CAS500-4, SWFO-L1 and the ASIA-AQ mission.')).toEqual(['acronym:CAS500-4', 'acronym:SWFO-L1', 'acronym:ASIA-AQ']);
  });

  it('definitions in both orders are linked', () => {
    const text = 'NASA’s IMAP (Interstellar Mapping and Acceleration Probe) and the Commercial Lunar Payload Services (CLPS) initiative.';
    const doc = tokenizeDoc({ text, sentences: [{ id: 'r1', text, start: 0, end: text.length, boilerplate: false }] });
    const e = extractEntities(doc);
    const imap = e.find((x) => x.text === 'IMAP')!;
    const clps = e.find((x) => x.text === 'CLPS')!;
    expect(e.find((x) => x.id === imap.linked)?.text).toBe('Interstellar Mapping and Acceleration Probe');
    expect(e.find((x) => x.id === clps.linked)?.text).toBe('Commercial Lunar Payload Services');
  });

  it('titles apart from the people and organisations around them', () => {
    expect(entitiesOf('The Deputy Assistant Secretary for Space Affairs Rahima Kandahari spoke.')).toEqual(['title:Deputy Assistant Secretary', 'name:Space Affairs', 'name:Rahima Kandahari']);
  });

  it('sentence-initial common words are not names; names with connectors are one', () => {
    expect(entitiesOf('Officials from the Ministry of Foreign Affairs met in Seoul.')).toEqual(['name:Ministry of Foreign Affairs', 'name:Seoul']);
    expect(entitiesOf('Noting the success, the two sides met.')).toEqual(['number:two']);
    expect(entitiesOf('They discussed Moon and Mars exploration and the Korea Astronomy and Space Science Institute.')).toEqual(['name:Moon', 'name:Mars', 'name:Korea Astronomy and Space Science Institute']);
    // At a sentence start a dictionary word followed by a lower-case word is grammar, not a name.
    expect(entitiesOf('Moon and Mars exploration continues.')).toEqual(['name:Mars']);
  });
});

describe('properties', () => {
  const word = fc.constantFrom('NASA', 'KASA', 'Seoul', 'the', 'agency', 'met', 'in', 'April', '14', '2025', 'Korea', 'Coast', 'Guard', 'U.S.', 'two', 'sides', 'Director', 'Lee', ',', '(KCG)', '19th', 'Rahima', 'of');
  const sentence = fc.array(word, { minLength: 1, maxLength: 25 }).map((w) => `${w.join(' ')}.`);
  it('a text against itself gives no findings', () => {
    fc.assert(
      fc.property(sentence, (s) => {
        expect(checkEntities(pair(s, s))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
  it('every span is the document text at its offsets', () => {
    fc.assert(
      fc.property(sentence, sentence, (a, b) => {
        for (const f of checkEntities(pair(a, b))) {
          if (f.reference) expect(a.slice(f.reference.start, f.reference.end)).toBe(f.reference.text);
          if (f.candidate) expect(b.slice(f.candidate.start, f.candidate.end)).toBe(f.candidate.text);
        }
      }),
      { numRuns: 200 },
    );
  });
});
