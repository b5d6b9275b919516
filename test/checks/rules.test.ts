/**
 * One table per finding kind: hand-written sentence pairs with the exact finding expected (rule, severity,
 * reference and candidate spans), and pairs that must give no finding of that kind.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkEntities, ENTITY_RULES, type Glossary } from '../../src/5-checks/index.js';
import type { Finding } from '../../src/types.js';
import { docs, pair } from './helpers.js';

interface Expect {
  rule: string;
  severity: string;
  ref: string | null;
  cand: string | null;
}

function run(ref: string, cand: string, glossary?: Glossary): Finding[] {
  return checkEntities({ ...pair(ref, cand), ...(glossary ? { glossary } : {}) });
}

function expectFinding(findings: Finding[], e: Expect, ref: string, cand: string): void {
  const f = findings.find((x) => x.rule === e.rule && (x.reference?.text ?? null) === e.ref && (x.candidate?.text ?? null) === e.cand);
  expect(f, `expected ${e.rule} ${e.ref} → ${e.cand}; got ${findings.map((x) => `${x.rule}:${x.severity} ${x.reference?.text}→${x.candidate?.text}`).join(' | ')}`).toBeDefined();
  expect(f!.severity).toBe(e.severity);
  if (f!.reference) {
    expect(ref.slice(f!.reference.start, f!.reference.end)).toBe(f!.reference.text);
    expect(f!.reference.sentence).toBe('r1');
  }
  if (f!.candidate) {
    expect(cand.slice(f!.candidate.start, f!.candidate.end)).toBe(f!.candidate.text);
    expect(f!.candidate.sentence).toBe('c1');
  }
  expect(f!.message.length).toBeGreaterThan(10);
  expect(ENTITY_RULES.some((r) => r.id === f!.rule && r.kind === f!.kind)).toBe(true);
}

type Row = [ref: string, cand: string, expected: Expect];

function table(name: string, rows: Row[], clean: [string, string][], cleanRule: string) {
  describe(name, () => {
    for (const [ref, cand, e] of rows) {
      it(`finds ${e.ref ?? '∅'} → ${e.cand ?? '∅'}`, () => expectFinding(run(ref, cand), e, ref, cand));
    }
    for (const [ref, cand] of clean) {
      it(`no ${cleanRule} for “${cand.slice(0, 60)}”`, () => {
        const got = run(ref, cand).filter((f) => f.rule === cleanRule);
        expect(got.map((f) => `${f.reference?.text} → ${f.candidate?.text}`)).toEqual([]);
      });
    }
  });
}

table(
  'misspelling',
  [
    ['NASA and KASA signed the agreement.', 'NASA and Cassa signed the agreement.', { rule: 'entity/misspelling', severity: 'major', ref: 'KASA', cand: 'Cassa' }],
    ['The talks were led by Karen Feldstein of NASA.', 'The talks were led by Karen Feldestein of NASA.', { rule: 'entity/misspelling', severity: 'major', ref: 'Feldstein', cand: 'Feldestein' }],
    ['Officials met in Ulaanbaatar on Monday.', 'Officials met in Ulanbaatar on Monday.', { rule: 'entity/misspelling', severity: 'major', ref: 'Ulaanbaatar', cand: 'Ulanbaatar' }],
    ['The data came from NOAA satellites.', 'The data came from Noa satellites.', { rule: 'entity/misspelling', severity: 'major', ref: 'NOAA', cand: 'Noa' }],
    ['The meeting of CEOS ended.', 'The meeting of CEOSS ended.', { rule: 'entity/misspelling', severity: 'major', ref: 'CEOS', cand: 'CEOSS' }],
    ['Minister Tshabalala spoke first.', 'Minister Tschabalala spoke first.', { rule: 'entity/misspelling', severity: 'major', ref: 'Tshabalala', cand: 'Tschabalala' }],
  ],
  [
    ['NASA and KASA signed the agreement.', 'NASA and KASA signed the agreement.'],
    ['NASA and KASA signed the agreement.', 'nasa and kasa signed the agreement.'],
    ['The Artemis Accords were signed.', 'The Artemis Accord was signed.'],
    ['Officials met in Seoul and Busan.', 'Officials met in Busan and Seoul.'],
    // A different, unrelated name is a replacement, not a misspelling.
    ['The deal was signed by Siemens.', 'The deal was signed by Toyota.'],
    // Spelling conventions are not misspellings.
    ['The World Health Organisation met at Victoria Harbour.', 'The World Health Organization met at Victoria Harbor.'],
    ['The office is on Talstraße in Munich.', 'The office is on Talstrasse in Munich.'],
    // An acronym and its plural name the same thing.
    ['Firms that build CLDs were invited.', 'Firms that build CLD were invited.'],
    ['Firms that build Orbital Transfer Vehicles (OTVs) were invited.', 'Firms that build Orbital Transfer Vehicles (OTV) were invited.'],
    ['Many NGO leaders came.', 'Many NGOs came with their leaders.'],
    // A country's other name is not a misspelling of its abbreviation.
    ['The ROK will host the meeting.', 'Korea will host the meeting.'],
    // A syllable of a hyphenated given name is not a word that could be a misspelled name.
    ['They discussed Moon and Mars exploration.', 'Han Min-young discussed exploration.'],
  ],
  'entity/misspelling',
);

table(
  'case-only',
  [
    ['The Rapid Science Synthesis Report is due.', 'The rapid science synthesis report is due.', { rule: 'entity/case-only', severity: 'minor', ref: 'Rapid Science Synthesis Report', cand: 'rapid science synthesis report' }],
    ['Companies that build Commercial LEO Destinations (CLDs) were invited.', 'Companies that build Commercial LEO Destinations (CLDS) were invited.', { rule: 'entity/case-only', severity: 'minor', ref: 'CLDs', cand: 'CLDS' }],
    ['The ROK delegation arrived.', 'The Rok delegation arrived.', { rule: 'entity/case-only', severity: 'minor', ref: 'ROK', cand: 'Rok' }],
  ],
  [
    ['The ROK delegation arrived.', 'The ROK delegation arrived.'],
    // A capital gained at the start of a sentence is grammar.
    ['They met NASA officials.', 'NASA officials met them.'],
    // Another name of the same country is a variant, not a change of capitals.
    ['The ROK will host the meeting.', 'Korea will host the meeting.'],
    ['The ROK Ministry of Science met.', 'The Korea Ministry of Science met.'],
    ['Officials of the ROK and the U.S. met.', 'Officials of South Korea and the United States met.'],
    ['Firms that build CLDs were invited.', 'Firms that build CLD were invited.'],
  ],
  'entity/case-only',
);

table(
  'mistranslated',
  [
    ['The U.S.-ROK Alliance stands firm.', 'The United States Alliance Rock stands firm.', { rule: 'entity/mistranslated', severity: 'critical', ref: 'ROK', cand: 'Rock' }],
    ['Officials from MARS attended.', 'Officials from Mars attended.', { rule: 'entity/case-only', severity: 'minor', ref: 'MARS', cand: 'Mars' }],
  ],
  [
    ['The U.S.-ROK Alliance stands firm.', 'The Korea-U.S. alliance stands firm.'],
    ['The ROK delegation arrived.', 'The Korean delegation arrived.'],
    ['The film won the Oscars race.', 'The film won the Oscar race.'],
  ],
  'entity/mistranslated',
);

table(
  'expansion-corrupted',
  [
    [
      'They will use the Commercial Lunar Payload Services (CLPS) initiative.',
      'They will use the Commercial Lunar Attack Services (CLPS) initiative.',
      { rule: 'entity/expansion-corrupted', severity: 'critical', ref: 'Commercial Lunar Payload Services', cand: 'Commercial Lunar Attack Services' },
    ],
    [
      'Delegates came from the National Oceanic and Atmospheric Administration (NOAA).',
      'Delegates came from the National Oceanic and Air Force Administration (NOAA).',
      { rule: 'entity/expansion-corrupted', severity: 'critical', ref: 'National Oceanic and Atmospheric Administration', cand: 'National Oceanic and Air Force Administration' },
    ],
    [
      'The Korea Coast Guard (KCG) patrols the coast.',
      'The Korea Coast Force (KCG) patrols the coast.',
      { rule: 'entity/expansion-corrupted', severity: 'critical', ref: 'Korea Coast Guard', cand: 'Korea Coast Force' },
    ],
    [
      'The network uses the Korean Deep Space Antennae (KDSA) for tracking.',
      'The network uses the Korean Space Antennae (KDSA) for tracking.',
      { rule: 'entity/expansion-corrupted', severity: 'major', ref: 'Korean Deep Space Antennae', cand: 'Korean Space Antennae' },
    ],
    [
      'She visited the National Maritime Intelligence-Integration Office last week.',
      'She visited the National Maritime Integration Office last week.',
      { rule: 'entity/expansion-corrupted', severity: 'major', ref: 'National Maritime Intelligence-Integration Office', cand: 'National Maritime Integration Office' },
    ],
  ],
  [
    // Same words in another order, inflection, "U.S." ↔ "American", "UN" ↔ "United Nations": the same name.
    ['The Korea Astronomy and Space Science Institute (KASI) joined.', 'The Korea Institute of Astronomy and Space Science (KASI) joined.'],
    ['Data from the U.S. Geological Survey (USGS) was shared.', 'Data from the American Geological Survey (USGS) was shared.'],
    ['The UN Committee on the Peaceful Uses of Outer Space met.', 'The United Nations Committee on the Peaceful Uses of Outer Space met.'],
    ['The Working Group on Export Controls met.', 'The Work Group on Export Controls met.'],
  ],
  'entity/expansion-corrupted',
);

table(
  'replaced',
  [
    ['According to initial investigations, a Munich resident pushed him.', 'According to initial investigations, a Europe resident pushed him.', { rule: 'entity/replaced', severity: 'critical', ref: 'Munich', cand: 'Europe' }],
    ['"We are expecting floods," AP quoted the official.', '"We are expecting floods," ADG quoted the official.', { rule: 'entity/replaced', severity: 'critical', ref: 'AP', cand: 'ADG' }],
    ['In 1975, writer Alice Walker went to the grave.', 'In 1975, writer Stephen Dickson went to the grave.', { rule: 'entity/replaced', severity: 'critical', ref: 'Alice Walker', cand: 'Stephen Dickson' }],
  ],
  [['According to initial investigations, a Munich resident pushed him.', 'Initial investigations show that a Munich resident pushed him.']],
  'entity/replaced',
);

table(
  'dropped',
  [
    ['The ROK joined NASA’s Interstellar Mapping and Acceleration Probe (IMAP) mission.', 'The ROK joined the NASA mission.', { rule: 'entity/dropped', severity: 'critical', ref: 'Interstellar Mapping and Acceleration Probe (IMAP', cand: null }],
    ['The number of missing weapons is alarming, she told RND reporters.', 'The number of missing weapons is alarming, she told reporters.', { rule: 'entity/dropped', severity: 'critical', ref: 'RND', cand: null }],
    ['In addition, Peña Nieto promised to fight the cartels.', 'In addition, he promised to fight the cartels.', { rule: 'entity/dropped', severity: 'major', ref: 'Peña Nieto', cand: null }],
    ['It is one of South Africa’s main parks and the flagship of South African National Parks.', 'It is one of the main parks and the flagship of South African National Parks.', { rule: 'entity/dropped', severity: 'major', ref: 'South Africa', cand: null }],
    ['They joined the Group on Earth Observations (GEO) last year.', 'They joined the GEO last year.', { rule: 'entity/dropped', severity: 'major', ref: 'Group on Earth Observations', cand: null }],
  ],
  [
    ['Officials met in Washington, DC on April 14.', 'Officials met in Washington, D.C. on April 14.'],
    ['The U.S. delegation arrived.', 'The American delegation arrived.'],
    ['The UN envoy spoke.', 'The United Nations envoy spoke.'],
  ],
  'entity/dropped',
);

table(
  'number-or-date-changed',
  [
    ['The agreement was signed in October 2024.', 'The agreement was signed in October 2025.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: 'October 2024', cand: 'October 2025' }],
    ['The meeting was held on April 25, 2022.', 'The meeting was held on April 52, 2022.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: 'April 25, 2022', cand: 'April 52, 2022' }],
    ['The meeting was held on April 25.', 'The meeting was held on May 25.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: 'April 25', cand: 'May 25' }],
    ['Delegations of about 30 members took part.', 'Delegations of about 40 members took part.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: '30', cand: '40' }],
    ['The company registered 1.5 million applications.', 'The company registered 1.2 million applications.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: '1.5 million', cand: '1.2 million' }],
    ['The protest took place in only nine states.', 'The protest took place in only six states.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: 'nine', cand: 'six' }],
    ['It hosts the 19th annual meeting.', 'It hosts the 18th annual meeting.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: '19th', cand: '18th' }],
    ['The council met 17 times from ’13 to ’21.', 'The council met 17 times from ’13 to ’22.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: '’21', cand: '’22' }],
    ['During the 1960s he worked in Boston.', 'During the 1970s he worked in Boston.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: '1960s', cand: '1970s' }],
    ['Prices rose by 12% last year.', 'Prices rose by 21% last year.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: '12%', cand: '21%' }],
    ['He is tested daily for Covid-19.', 'He is tested daily for Covid-22.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: '19', cand: '22' }],
    ['The F-35 fighter is made by Lockheed Martin.', 'The F-43 fighter is made by Lockheed Martin.', { rule: 'entity/number-or-date-changed', severity: 'critical', ref: '35', cand: '43' }],
  ],
  [
    ['It hosts the 19th annual meeting.', 'It hosts the nineteenth annual meeting.'],
    ['They met on 14 April 2025.', 'They met on April 14, 2025.'],
    ['The fund holds $700 billion.', 'The fund holds $ 700 billion.'],
    ['Eight people live there.', 'eight people live there.'],
    ['The first three innings were played by third-year players.', 'The first three innings were played by third-year players'],
    ['The study started in 2024 and ends in 2026.', 'The study ends in 2026; it started in 2024.'],
    // A European thousands separator is the same value.
    ['The fair drew 272.000 visitors.', 'The fair drew 272,000 visitors.'],
  ],
  'entity/number-or-date-changed',
);

table(
  'title-or-role-changed',
  [
    ['The Deputy Assistant Secretary for Space Affairs Rahima Kandahari spoke.', 'The Deputy Assistant Minister for Space Affairs Rahima Kandahari spoke.', { rule: 'entity/title-or-role-changed', severity: 'major', ref: 'Deputy Assistant Secretary', cand: 'Deputy Assistant Minister' }],
    ['The Director-General of the Bureau, Minyoung Han, attended.', 'The Director of the Bureau, Minyoung Han, attended.', { rule: 'entity/title-or-role-changed', severity: 'major', ref: 'Director-General', cand: 'Director' }],
  ],
  [
    ['The Deputy Assistant Secretary for Space Affairs Rahima Kandahari spoke.', 'Rahima Kandahari, Deputy Assistant Secretary for Space Affairs, spoke.'],
    // Another person's title elsewhere in the sentence is not this title changed.
    ['The Director of the Bureau met reporters after the talks with President Moon.', 'After the talks with President Moon, the head of the bureau met reporters.'],
  ],
  'entity/title-or-role-changed',
);

table(
  'inserted',
  [
    ['John Lee led the delegation of the Mission Directorate.', 'John Lee, Director of Al -Mudhah Mission Directorate, led the delegation.', { rule: 'entity/inserted', severity: 'major', ref: null, cand: 'Al -Mudhah' }],
    ['They will increase the interoperability of satellites.', 'They will increase operating capacity Albin for the satellites.', { rule: 'entity/inserted', severity: 'major', ref: null, cand: 'Albin' }],
    ['Wolf children may have been abandoned.', 'Spectee children may have been abandoned.', { rule: 'entity/inserted', severity: 'major', ref: null, cand: 'Spectee' }],
  ],
  [
    ['Officials met in Seoul.', 'Officials met in Seoul, Korea.'],
    ['The two sides met in October.', 'In October, the two sides met.'],
  ],
  'entity/inserted',
);

describe('glossary', () => {
  const glossary: Glossary = { terms: [{ term: 'Artemis Accords', variants: ['Artemis Agreements'] }, { term: 'Korea AeroSpace Administration' }] };
  it('accepts the term verbatim or an allowed variant', () => {
    expect(run('Korea signed the Artemis Accords in 2021.', 'Korea signed the Artemis Agreements in 2021.', glossary).filter((f) => f.rule === 'glossary/violation')).toEqual([]);
    expect(run('Korea signed the Artemis Accords in 2021.', 'Korea signed the Artemis Accords in 2021.', glossary)).toEqual([]);
  });
  it('reports a protected term rendered otherwise, once, before the entity rules', () => {
    const ref = 'The Korea AeroSpace Administration was founded in May.';
    const cand = 'The Korea Aerospace Agency was founded in May.';
    const f = run(ref, cand, glossary);
    expectFinding(f, { rule: 'glossary/violation', severity: 'major', ref: 'Korea AeroSpace Administration', cand: 'Korea Aerospace' }, ref, cand);
    // The entity rule does not report the same words a second time.
    expect(f.filter((x) => x.reference && x.reference.start < 34 && x.reference.end > 4)).toHaveLength(1);
  });
});

describe('robustness to alignment', () => {
  it('finds a garbled name in the neighbouring sentence when the link points elsewhere', () => {
    const ref = 'The talks were productive. KASA will lead the mission.';
    const cand = 'The talks were productive. Cassa will lead the mission.';
    const input = docs(ref, cand);
    // Deliberately wrong links: r2 paired with c1, r1 with c2.
    input.links = [
      { ref: ['r1'], cand: ['c2'], type: '1-1', confidence: 0.2, moved: false },
      { ref: ['r2'], cand: ['c1'], type: '1-1', confidence: 0.2, moved: false },
    ];
    const f = checkEntities(input);
    expect(f.map((x) => `${x.rule} ${x.reference?.text} → ${x.candidate?.text}`)).toEqual(['entity/misspelling KASA → Cassa']);
  });
  it('does not report a name that moved to another sentence', () => {
    const input = docs('The mission starts soon. NASA leads it.', 'NASA leads the mission. It starts soon.');
    expect(checkEntities(input).filter((f) => f.severity !== 'minor')).toEqual([]);
  });

  /** Hand-built documents: sentences as given, links as given (no segmenter or aligner involved). */
  function build(refSents: string[], candSents: string[], links: [string[], string[]][]) {
    const mk = (sents: string[], prefix: string) => {
      const text = sents.join(' ');
      let at = 0;
      const sentences = sents.map((t, k) => {
        const s = { id: `${prefix}${k + 1}`, text: t, start: at, end: at + t.length, boilerplate: false };
        at += t.length + 1;
        return s;
      });
      return { path: prefix, sha256: '', text, sentences, warnings: [], language: 'en' };
    };
    return {
      reference: mk(refSents, 'r'),
      candidate: mk(candSents, 'c'),
      links: links.map(([ref, cand]) => ({ ref, cand, type: `${ref.length}-${cand.length}`, confidence: 0.5, moved: false })),
    };
  }
  const serious = (f: Finding[]) => f.filter((x) => x.severity !== 'minor').map((x) => `${x.rule} ${x.reference?.text} → ${x.candidate?.text}`);

  it('takes the occurrence whose neighbouring words agree, not the one at the same relative place, in a long candidate "sentence"', () => {
    // A lower-cased copy cut into one long "sentence": "Delta Harbour" (end of r1) sits near the end of r1 but
    // its own occurrence is near the start of c1; the occurrence at about the same relative place is the
    // start of "Delta Harbour Police", the other entity.
    const ref = ['Talks were held with the Delta Harbour.', 'Officers of the Delta Harbour Police (DHP) joined the talks later that day.'];
    const cand = ['talks were held with the delta harbour. officers of the delta harbour police (dhp) joined the talks later that day, and more people came along to listen to all of it.'];
    const f = checkEntities(build(ref, cand, [[['r1'], ['c1']], [['r2'], []]]));
    expect(serious(f)).toEqual([]);
    expect(f.find((x) => x.reference?.text === 'Delta Harbour')?.candidate?.start).toBe(cand[0]!.indexOf('delta harbour'));
  });

  it('does not read another entity’s exact form as a misspelling while the entity is verbatim elsewhere', () => {
    // Crossed links: "velmora" in c2 looks like "Velmira", but it is the other name, and "velmira" is in c1.
    const f = checkEntities(build(['Velmira spoke first.', 'Then Velmora replied.'], ['velmira spoke first.', 'then velmora replied.'], [[['r1'], ['c2']], [['r2'], ['c1']]]));
    expect(serious(f)).toEqual([]);
    // Without the verbatim occurrence the look-alike is still a misspelling.
    const g = checkEntities(build(['Velmira spoke first.', 'Then Velmora replied.'], ['Velmora spoke first.', 'Then Velmora replied.'], [[['r1'], ['c1']], [['r2'], ['c2']]]));
    expect(serious(g)).toEqual(['entity/misspelling Velmira → Velmora']);
  });

  it('keeps a missing mention of an expansion minor when the expansion is elsewhere and its acronym is there', () => {
    const f = checkEntities(
      build(['The Orbital Survey Office (OSO) met on Monday.', 'The Orbital Survey Office met again on Friday.'], ['The OSO met on Monday.', 'The Orbital Survey Office met again on Friday.'], [
        [['r1'], ['c1']],
        [['r2'], ['c2']],
      ]),
    );
    expect(serious(f)).toEqual([]);
    expect(f.some((x) => x.rule === 'entity/dropped' && x.reference?.text === 'Orbital Survey Office' && x.severity === 'minor')).toBe(true);
    // Gone everywhere: the expansion left out while the acronym stays is major.
    const g = checkEntities(build(['The Orbital Survey Office (OSO) met on Monday.', 'It met again on Friday.'], ['The OSO met on Monday.', 'It met again on Friday.'], [[['r1'], ['c1']], [['r2'], ['c2']]]));
    expect(serious(g)).toEqual(['entity/dropped Orbital Survey Office → undefined']);
  });

  it('finds a number one sentence off before reading another value of the aligned sentence as a change', () => {
    // Crossed links: without the neighbour search, 30 → 15 and 15 → 30 would be two changed values.
    const f = checkEntities(build(['About 30 members came.', 'They visited 15 sites.'], ['About 30 members came.', 'They visited 15 sites.'], [[['r1'], ['c2']], [['r2'], ['c1']]]));
    expect(serious(f)).toEqual([]);
    // A real change is still one.
    const g = checkEntities(build(['About 30 members came.', 'They visited 15 sites.'], ['About 31 members came.', 'They visited 15 sites.'], [[['r1'], ['c1']], [['r2'], ['c2']]]));
    expect(serious(g)).toEqual(['entity/number-or-date-changed 30 → 31']);
  });

  it('finds a name verbatim across a candidate sentence cut in mid-text (an over-long run split at a space)', () => {
    const ref = ['Talks with the National Fund for Environmental Protection went well.'];
    const f = checkEntities(build(ref, ['talks with the national fund for', 'environmental protection went well.'], [[['r1'], ['c1', 'c2']]]));
    expect(serious(f)).toEqual([]);
    const found = f.find((x) => x.reference?.text === 'National Fund for Environmental Protection');
    expect(found?.rule).toBe('entity/case-only');
    expect(found?.candidate?.text).toBe('national fund for environmental protection');
    // A real sentence end between the words is not a cut: the name is broken there.
    const g = checkEntities(build(ref, ['Talks with the National Fund for.', 'Environmental Protection went well.'], [[['r1'], ['c1', 'c2']]]));
    expect(g.some((x) => x.reference?.text === 'National Fund for Environmental Protection' && x.severity !== 'minor')).toBe(true);
  });

  it('does not read a value that is exactly another reference number still looked for as a change', () => {
    // List items paired by position: "1." linked to the candidate's "5." item; "1" is there, further on.
    const ref = ['Steps:', '1.', 'Plan the work.', 'Then wait.', 'Then rest.', 'Then go.', '5.', 'Review it.'];
    const cand = ['Steps:', '5.', 'Review it.', 'Then wait.', 'Then rest.', 'Then go.', '1.', 'Plan the work.'];
    const f = checkEntities(build(ref, cand, ref.map((_, k) => [[`r${k + 1}`], [`c${k + 1}`]] as [string[], string[]])));
    expect(serious(f)).toEqual([]);
    // Without another reference number of that value, it is a change.
    const g = checkEntities(build(['Steps:', '1.', 'Plan the work.'], ['Steps:', '5.', 'Plan the work.'], [[['r1'], ['c1']], [['r2'], ['c2']], [['r3'], ['c3']]]));
    expect(serious(g)).toEqual(['entity/number-or-date-changed 1 → 5']);
  });

  it('counts one candidate word for one entity word when a name repeats a word', () => {
    // "area" looks like "Air", but it cannot stand for both "Air"s: one of three words is not the name.
    const f = checkEntities(build(['They studied the Asian Air Air quality mission.'], ['they studied the use of the area.'], [[['r1'], ['c1']]]));
    expect(f.some((x) => x.rule === 'entity/expansion-corrupted')).toBe(false);
    expect(serious(f)).toEqual(['entity/dropped Asian Air Air → undefined']);
  });

  it('does not pair a number with the digits of a code (a point "L4" is not the value 30)', () => {
    const ref = 'About 30 members discussed the mission to point L4.';
    expect(serious(run(ref, 'About 30 members discussed the mission to point l4.'))).toEqual([]);
    // The value is gone; the code that is there is another thing, not its new value.
    expect(serious(run('About 30 members discussed the mission.', 'Members discussed the L4 mission.'))).toEqual(['entity/dropped 30 → undefined']);
    expect(serious(run('The G7 met.', 'The G8 met.'))).toEqual(['entity/number-or-date-changed G7 → G8']);
  });
});

describe('rule registry examples', () => {
  // Each rule's example, written into a sentence pair: the rule must report exactly what the example says.
  const cases: [rule: string, ref: string, cand: string, refSpan: string | null, candSpan: string | null, glossary?: Glossary][] = [
    ['glossary/violation', 'They signed the Northern Rail Pact in May.', 'They signed the Northern Railway Agreement in May.', 'Northern Rail Pact', 'Northern Railway', { terms: [{ term: 'Northern Rail Pact' }] }],
    ['entity/case-only', 'Many NGOs joined the Coastal Survey Office.', 'Many NGOS joined the coastal survey office.', 'Coastal Survey Office', 'coastal survey office'],
    ['entity/case-only', 'Many NGOs joined the Coastal Survey Office.', 'Many NGOS joined the coastal survey office.', 'NGOs', 'NGOS'],
    ['entity/misspelling', 'Officials of the TESA met on Monday.', 'Officials of the Tessa met on Monday.', 'TESA', 'Tessa'],
    ['entity/misspelling', 'The report by Anna Valdstrom was published.', 'The report by Anna Valdestrom was published.', 'Valdstrom', 'Valdestrom'],
    ['entity/expansion-corrupted', 'The Coastal Flood Warning Service issued a notice.', 'The Coastal Fraud Warning Service issued a notice.', 'Coastal Flood Warning Service', 'Coastal Fraud Warning Service'],
    ['entity/mistranslated', 'Officials from BEL attended.', 'Officials from Bell attended.', 'BEL', 'Bell'],
    ['entity/replaced', 'The plan was drafted in Vardenholt last week.', 'The plan was drafted in Brandtner last week.', 'Vardenholt', 'Brandtner'],
    ['entity/dropped', 'The TRIMOS mission will launch soon.', 'The mission will launch soon.', 'TRIMOS', null],
    ['entity/number-or-date-changed', 'The office opened on 3 March 2019.', 'The office opened on 3 May 2018.', '3 March 2019', '3 May 2018'],
    ['entity/title-or-role-changed', 'Senior Deputy Director Anna Berg spoke.', 'Senior Deputy Minister Anna Berg spoke.', 'Senior Deputy Director', 'Senior Deputy Minister'],
    ['entity/inserted', 'The ministers met in the capital.', 'The ministers met Ostrelli in the capital.', null, 'Ostrelli'],
  ];
  it.each(cases)('%s: %s → %s', (rule, ref, cand, refSpan, candSpan, glossary) => {
    const meta = ENTITY_RULES.find((r) => r.id === rule)!;
    const f = run(ref, cand, glossary);
    expectFinding(f, { rule, severity: meta.defaultSeverity, ref: refSpan, cand: candSpan }, ref, cand);
  });

  it('no example names a string of the corpus or of the annotated fixtures (the tool is measured on texts it has never seen)', () => {
    const dirs = [fileURLToPath(new URL('../../corpus/', import.meta.url)), fileURLToPath(new URL('../fixtures/annotated/', import.meta.url))];
    const texts = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(d + f, 'utf8'))).join('\n');
    for (const r of ENTITY_RULES) {
      const parts = r.example
        .replace(/^glossary term /, '')
        .split(/ → |, /)
        .map((p) => p.replace(/\([^)]*\)/g, '').replace(/["“”]/g, '').trim())
        .filter((p) => p.length >= 3);
      expect(parts.length, r.id).toBeGreaterThan(0);
      for (const p of parts) expect(texts.includes(p), `${r.id}: "${p}" is in the corpus`).toBe(false);
    }
  });
});

describe('rule registry', () => {
  it('lists each rule once with kind, severity, description and example', () => {
    const ids = ENTITY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ENTITY_RULES) {
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.example).toMatch(/→/);
      expect(['critical', 'major', 'minor']).toContain(r.defaultSeverity);
    }
  });
});
