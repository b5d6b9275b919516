/**
 * Builds test/fixtures/report-sample.json: a hand-made report over excerpts of corpus 000 (reference) and
 * 001 (its machine round-trip), written before the pipeline could produce one. Run:
 *
 *   npx tsx test/html/make-fixture.ts
 *
 * The sentence texts are copied verbatim from the corpus. The candidate excerpt changes the order of one
 * sentence (to give the page a moved link) and leaves one out (an omitted row), and says so in its path; the
 * offsets are those of the excerpts below, so `text.slice(start, end)` holds for them. Findings are the
 * ones a reviewer sees in 001 (KASA → Cassa, the CLPS expansion, ROK → Rock …). The figures come from a
 * small chrF (Popović 2015, β = 2, character 1–6-grams), word-level edit rate (TER without shifts) and
 * smoothed BLEU written here, close to sacreBLEU's but not the tool's metrics.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { diffWordsWithSpace } from 'diff';
import type { DiffOp, DriftClass, Finding, FindingKind, Report, ReportLink, Scores, Sentence, Severity } from '../../src/types.js';

const REF_PARAGRAPHS: string[][] = [
  ['Joint Statement from the Governments of the United States of America and the Republic of Korea at the United States-Republic of Korea Civil Space Dialogue'],
  ['The text of the following statement was released by the Governments of the United States of America and the Republic of Korea at the Fourth United States-Republic of Korea Civil Space Dialogue.'],
  [
    'Officials from the United States and the Republic of Korea (ROK) met in Washington, DC on April 14 for the fourth U.S.-ROK Civil Space Dialogue.',
    'The U.S. Department of State’s Deputy Assistant Secretary for Science, Technology, and Space Affairs Rahima Kandahari and National Aeronautics and Space Administration (NASA) Associate Administrator for International Relations Karen Feldstein jointly led an interagency U.S. delegation.',
    'The ROK Ministry of Foreign Affairs (MOFA) Director-General of the Climate Change, Environment and Scientific Affairs Bureau Minyoung Han and Korea AeroSpace Administration (KASA) Vice Administrator of Mission Directorates John Lee jointly led the ROK delegation.',
  ],
  ['Noting that the U.S.-ROK Alliance stands as the linchpin of peace, security, and prosperity on the Korean Peninsula and across the Indo-Pacific, the two sides committed to strengthening the U.S.-ROK Alliance through further space cooperation, including joint research in space exploration and science, Earth observation, and enhanced regulatory cooperation.'],
  [
    'Space officials for the United States and the ROK discussed enhancing space exploration cooperation in Artemis and other missions and noted NASA and KASA’s October 2024 completion of a study agreement on future Artemis cooperation.',
    'The two sides shared progress on the implementation of the study agreement and noted ongoing discussions on the use of the Korean Deep Space Antennae (KDSA) to support Artemis and other missions.',
  ],
  [
    'The two sides intend to explore opportunities for ROK’s participation in lunar exploration through the Commercial Lunar Payload Services (CLPS) initiative.',
    'NASA and KASI noted significant progress towards launching KASI’s lunar science payload on a NASA CLPS mission in 2026.',
    'The two sides discussed the possibility of exchanging radiation test data and enhancing resilient supply chains by mutually recognizing their test reports or certifications.',
  ],
  ['The two sides noted the recent meeting of the U.S.-ROK Working Group on Export Controls as affirmed in the third Civil Space Dialogue.'],
  ['The two countries intend to enhance our close cooperation on advancing the peaceful exploration and use of space at the UN Committee on the Peaceful Uses of Outer Space (UN COPUOS), in the Artemis Accords signatory group, in global fora such as the Group on Earth Observations (GEO) and Committee on Earth Observation Satellites (CEOS), in regional fora such as the Asia-Pacific Regional Space Agency Forum (APRSAF) and in trilateral U.S.-ROK-Japan civil and commercial space cooperation.'],
  ['To further bilateral civil and commercial space cooperation, the two sides plan to hold the U.S.-ROK Civil Space Dialogue every two years, with the ROK hosting the next dialogue in 2027.'],
];

/** `[text, boilerplate]`; the export-controls sentence is moved ahead of the lunar paragraph. */
const CAND_PARAGRAPHS: [string, boolean][][] = [
  [['A joint statement from the governments of the United States of America and the Republic of Korea in the civil space dialogue of the United States of America in Korea', false]],
  [['[ad_1]', true]],
  [['The text of the following statement was issued by the governments of the United States of America and the Republic of Korea in the fourth dialogue of the United States-Ribrter Civil.', false]],
  [['Start the text', false]],
  [
    ['Officials from the United States and the Republic of Korea (ROK) met in Washington, DC on April 14, for the fourth civil space dialogue in the United States.', false],
    ['American Deputy Assistant Minister of Science, Technology and Space Affairs, Raheima Kanhdhari, and the national aircraft of the Aviation and Space Administration (NASA) led the Assistant Director of International Relations, Karen Feldestein, is a joint among American agencies.', false],
    ['The Director of the Ministry of Foreign Affairs (MOFA) was led by the Office of Climate Change, Environment and Scientific Affairs Minyoung Han and Korea Aerospace Management (KASA), Director of Al -Mudhah Mission Directorate, John Lee, resisted ROK’s authorization.', false],
  ],
  [['Noting that the United States Alliance Rock stands as the owner of peace, security and prosperity on the Korean Peninsula and across the Indian Pacific Ocean, the two sides have committed to strengthening the United States coalition through space cooperation, including joint research in space exploring and Earth control, and enhancing organizational cooperation.', false]],
  [
    ['U.S. and ROK space officials discussed enhancing cooperation in space exploration in ARTEMIS and other missions and noticed NASA and Cassa October 2024 the completion of a study agreement on ARTEMIS cooperation in the future.', false],
    ['The two sides shared the progress made in implementing the study agreement and noticed continuous discussions on the use of Korean space antennas (KDSA) to support Artemis and other tasks.', false],
  ],
  [['The two sides noticed the last meeting of the US Rock Work Group on export controls, as shown in the third civil dialogue.', false]],
  [
    ['The two sides intend to explore Rok’s participation opportunities to explore the moon through the Commercial Lunar Attack Services Initiative (CLPS).', false],
    ['NASA and Cassi noticed great progress towards launching a moon’s scientific load in Kasi at the CLPS mission in NASA in 2026.', false],
  ],
  [
    ['The two countries intend to enhance our close cooperation on the progress of the peaceful exploration of the area and its use in the United Nations Committee for the peaceful uses of the outer space (United Nations Copuos), in the ARTEMIS Accords Signature Group, at Global Fora like the GEO group (GEO) in Aprsaf Companities (CEOSS) in Forem Paceal Fore.', false],
    ['Us-Rok-Japan Civils and Commercial Cooperation.', false],
  ],
  [['For more civil and commercial cooperation, the two sides are planning to hold a civil space dialogue in the United States every two years, as Rok hosted the following dialogue in 2027.', false]],
  [['The final text', true]],
];

function buildDoc(paragraphs: [string, boolean][][], prefix: string): { text: string; sentences: (Sentence & { line: number; column: number })[] } {
  let text = '';
  const sentences: (Sentence & { line: number; column: number })[] = [];
  paragraphs.forEach((para, p) => {
    if (p > 0) text += '\n';
    para.forEach(([s, boilerplate], k) => {
      if (k > 0) text += ' ';
      const start = text.length;
      text += s;
      const before = text.slice(0, start);
      const line = before.split('\n').length;
      const column = start - (before.lastIndexOf('\n') + 1) + 1;
      sentences.push({ id: `${prefix}${sentences.length + 1}`, text: s, start, end: text.length, boilerplate, line, column });
    });
  });
  return { text: text + '\n', sentences };
}

const ref = buildDoc(
  REF_PARAGRAPHS.map((p) => p.map((s): [string, boolean] => [s, false])),
  'r',
);
const cand = buildDoc(CAND_PARAGRAPHS, 'c');
const refById = new Map(ref.sentences.map((s) => [s.id, s]));
const candById = new Map(cand.sentences.map((s) => [s.id, s]));

// --- small metrics (see the header comment) ------------------------------------------------------------

function charNgrams(s: string, n: number): Map<string, number> {
  const t = s.replace(/\s+/g, '');
  const m = new Map<string, number>();
  for (let i = 0; i + n <= t.length; i++) m.set(t.slice(i, i + n), (m.get(t.slice(i, i + n)) ?? 0) + 1);
  return m;
}
function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let o = 0;
  for (const [k, v] of a) o += Math.min(v, b.get(k) ?? 0);
  return o;
}
const total = (m: Map<string, number>): number => [...m.values()].reduce((x, y) => x + y, 0);
function chrF(hyp: string, refText: string): number {
  let p = 0;
  let r = 0;
  for (let n = 1; n <= 6; n++) {
    const h = charNgrams(hyp, n);
    const g = charNgrams(refText, n);
    const o = overlap(h, g);
    p += total(h) ? o / total(h) : 0;
    r += total(g) ? o / total(g) : 0;
  }
  p /= 6;
  r /= 6;
  return p + r === 0 ? 0 : (100 * (5 * p * r)) / (4 * p + r);
}
const words = (s: string): string[] => s.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
function editRate(hyp: string, refText: string): number {
  const h = words(hyp);
  const g = words(refText);
  let prev = Array.from({ length: h.length + 1 }, (_, j) => j);
  for (let i = 1; i <= g.length; i++) {
    const cur = [i];
    for (let j = 1; j <= h.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (g[i - 1] === h[j - 1] ? 0 : 1));
    prev = cur;
  }
  return (100 * prev[h.length]!) / Math.max(1, g.length);
}
function bleu(hyp: string, refText: string): number {
  const h = words(hyp);
  const g = words(refText);
  let logSum = 0;
  for (let n = 1; n <= 4; n++) {
    const grams = (ws: string[]) => {
      const m = new Map<string, number>();
      for (let i = 0; i + n <= ws.length; i++) m.set(ws.slice(i, i + n).join(' '), (m.get(ws.slice(i, i + n).join(' ')) ?? 0) + 1);
      return m;
    };
    const hg = grams(h);
    const o = overlap(hg, grams(g));
    const t = total(hg);
    logSum += Math.log(n === 1 ? Math.max(o, 1e-9) / Math.max(t, 1) : (o + 1) / (t + 1));
  }
  const bp = h.length >= g.length ? 1 : Math.exp(1 - g.length / Math.max(1, h.length));
  return 100 * bp * Math.exp(logSum / 4);
}
const r2 = (x: number): number => Math.round(x * 100) / 100;
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

// --- findings -----------------------------------------------------------------------------------------

function span(side: 'ref' | 'cand', id: string, text: string): Finding['reference'] {
  const s = (side === 'ref' ? refById : candById).get(id);
  if (!s) throw new Error(`no sentence ${id}`);
  const at = s.text.indexOf(text);
  if (at < 0) throw new Error(`"${text}" not in ${id}: ${s.text}`);
  return { text, sentence: id, start: s.start + at, end: s.start + at + text.length };
}
function finding(rule: string, kind: FindingKind, severity: Severity, message: string, r: [string, string] | null, c: [string, string] | null, evidence: Record<string, unknown>): Finding {
  return { rule, kind, severity, message, reference: r ? span('ref', ...r) : null, candidate: c ? span('cand', ...c) : null, evidence };
}
const whole = (side: 'ref' | 'cand', id: string): [string, string] => [id, (side === 'ref' ? refById : candById).get(id)!.text];

const findings: Finding[] = [
  finding('entity/expansion-corrupted', 'expansion-corrupted', 'critical', 'The expansion of CLPS changed: "Payload" became "Attack", which names a different programme.', ['r9', 'Commercial Lunar Payload Services (CLPS)'], ['c12', 'Commercial Lunar Attack Services Initiative (CLPS)'], { acronym: 'CLPS', wordsReplaced: ['Payload → Attack'], wordsAdded: ['Initiative'], expansionSimilarity: 0.7813 }),
  finding('entity/expansion-corrupted', 'expansion-corrupted', 'critical', 'The expansion of KASA changed: "AeroSpace Administration" became "Aerospace Management".', ['r5', 'Korea AeroSpace Administration (KASA)'], ['c7', 'Korea Aerospace Management (KASA)'], { acronym: 'KASA', wordsReplaced: ['Administration → Management'], expansionSimilarity: 0.6842 }),
  finding('entity/misspelling', 'misspelling', 'major', 'The acronym KASA appears as "Cassa": a reader cannot recognise the agency.', ['r7', 'KASA'], ['c9', 'Cassa'], { jaroWinkler: 0.7333, metaphone: ['KS', 'KS'], phoneticMatch: true }),
  finding('entity/misspelling', 'misspelling', 'major', 'The acronym ROK appears as the word "Rock".', ['r6', 'ROK'], ['c8', 'Rock'], { jaroWinkler: 0.8222, metaphone: ['RK', 'RK'], phoneticMatch: true }),
  finding('entity/misspelling', 'misspelling', 'major', "The acronym ROK appears as the word \"Rock\" in the working group's name.", ['r12', 'ROK'], ['c11', 'Rock'], { jaroWinkler: 0.8222, metaphone: ['RK', 'RK'], phoneticMatch: true }),
  finding('entity/misspelling', 'misspelling', 'major', 'The name "Rahima Kandahari" is spelled "Raheima Kanhdhari".', ['r4', 'Rahima Kandahari'], ['c6', 'Raheima Kanhdhari'], { jaroWinkler: 0.9412, editDistance: 3 }),
  finding('entity/misspelling', 'misspelling', 'minor', 'The name "Karen Feldstein" is spelled "Karen Feldestein".', ['r4', 'Karen Feldstein'], ['c6', 'Karen Feldestein'], { jaroWinkler: 0.9867, editDistance: 1 }),
  finding('entity/misspelling', 'misspelling', 'major', 'The acronym KASI appears as "Cassi".', ['r10', 'KASI'], ['c13', 'Cassi'], { jaroWinkler: 0.7333, metaphone: ['KS', 'KS'], phoneticMatch: true }),
  finding('entity/title-or-role-changed', 'title-or-role-changed', 'major', 'The title "Deputy Assistant Secretary" became "Deputy Assistant Minister".', ['r4', 'Deputy Assistant Secretary'], ['c6', 'Deputy Assistant Minister'], { titleWordsReplaced: ['Secretary → Minister'] }),
  finding('entity/dropped', 'dropped', 'major', 'The words "Deep Space Antennae" of KDSA are missing from the candidate.', ['r8', 'Korean Deep Space Antennae (KDSA)'], ['c10', 'Korean space antennas (KDSA)'], { acronym: 'KDSA', wordsMissing: ['Deep'] }),
  finding('entity/case-only', 'case-only', 'minor', '"Artemis" is written "ARTEMIS".', ['r7', 'Artemis'], ['c9', 'ARTEMIS'], { caseFolded: 'artemis' }),
  finding('entity/case-only', 'case-only', 'minor', 'The acronym ROK is written "Rok".', ['r9', 'ROK'], ['c12', 'Rok'], { caseFolded: 'rok' }),
  finding('sentence/omitted', 'omitted-sentence', 'major', `Reference sentence r11 has no counterpart in the candidate: "${refById.get('r11')!.text.slice(0, 60)}…".`, whole('ref', 'r11'), null, {}),
  finding('sentence/added', 'added-sentence', 'major', 'Candidate sentence c4 has no counterpart in the reference: "Start the text".', null, whole('cand', 'c4'), {}),
  finding('sentence/meaning-changed', 'meaning-changed', 'major', 'The plan for the ROK to host the next dialogue became a statement that it hosted it.', ['r14', 'with the ROK hosting the next dialogue'], ['c16', 'as Rok hosted the following dialogue'], { tense: 'future → past' }),
];

// --- links --------------------------------------------------------------------------------------------

/** `[reference ids, candidate ids, moved]`, in reference order as the aligner emits them. */
const LINKS: [string[], string[], boolean][] = [
  [['r1'], ['c1'], false],
  [[], ['c2'], false],
  [['r2'], ['c3'], false],
  [[], ['c4'], false],
  [['r3'], ['c5'], false],
  [['r4'], ['c6'], false],
  [['r5'], ['c7'], false],
  [['r6'], ['c8'], false],
  [['r7'], ['c9'], false],
  [['r8'], ['c10'], false],
  [['r9'], ['c12'], false],
  [['r10'], ['c13'], false],
  [['r11'], [], false],
  [['r12'], ['c11'], true],
  [['r13'], ['c14', 'c15'], false],
  [['r14'], ['c16'], false],
  [[], ['c17'], false],
];

const PENALTY: Record<Severity, number> = { critical: 0.3, major: 0.15, minor: 0.03 };
const join = (ids: string[], byId: Map<string, Sentence>): string => ids.map((id) => byId.get(id)!.text).join(' ');

const links: ReportLink[] = LINKS.map(([r, c, moved], i) => {
  const base = { ref: r, cand: c, type: `${r.length}-${c.length}` as const, confidence: r4(0.97 - ((i * 7) % 10) / 40), moved };
  if (r.length === 0) {
    const boilerplate = c.every((id) => candById.get(id)!.boilerplate);
    return { ...base, confidence: 1, scores: null, drift: boilerplate ? 0 : 1, driftClass: boilerplate ? 'boilerplate' : 'added', diff: null };
  }
  if (c.length === 0) return { ...base, confidence: 1, scores: null, drift: 1, driftClass: 'omitted', diff: null };
  const refText = join(r, refById);
  const candText = join(c, candById);
  const scores: Scores = { chrF: r2(chrF(candText, refText)), bleu: r2(bleu(candText, refText)), ter: r2(editRate(candText, refText)) };
  const own = findings.filter((f) => (f.reference ? r.includes(f.reference.sentence) : c.includes(f.candidate!.sentence)));
  let drift = 0.5 * (1 - Math.min(1, scores.chrF / 100)) + 0.5 * Math.min(1, scores.ter / 100);
  for (const f of own) drift += PENALTY[f.severity];
  drift = r4(Math.min(1, drift));
  const driftClass: DriftClass = own.some((f) => f.severity === 'critical') || drift >= 0.7 ? 'meaning-changed' : own.some((f) => f.severity === 'major') || drift >= 0.45 ? 'major' : 'minor';
  const diff: DiffOp[] = [];
  for (const ch of diffWordsWithSpace(refText, candText)) {
    const op = ch.added ? '+' : ch.removed ? '-' : '=';
    const last = diff[diff.length - 1];
    if (last && last[0] === op) last[1] += ch.value;
    else diff.push([op, ch.value]);
  }
  return { ...base, scores, drift, driftClass, diff };
});

const severityRank = (s: Severity): number => ['critical', 'major', 'minor'].indexOf(s);
const sorted = [...findings].sort(
  (a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.reference?.start ?? 1e9) - (b.reference?.start ?? 1e9) || (a.candidate?.start ?? -1) - (b.candidate?.start ?? -1),
);

const content = links.filter((l) => l.scores);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const driftClasses = Object.fromEntries(
  (['identical', 'minor', 'major', 'meaning-changed', 'omitted', 'added', 'boilerplate'] as DriftClass[]).map((k) => [k, links.filter((l) => l.driftClass === k).length]),
) as Record<DriftClass, number>;
const weighted = links.filter((l) => l.driftClass !== 'boilerplate');
const weight = (l: ReportLink): number => (l.ref.length ? l.ref : l.cand).map((id) => (refById.get(id) ?? candById.get(id))!.text.length).reduce((a, b) => a + b, 0);
const docDrift = r4(weighted.reduce((a, l) => a + weight(l) * l.drift, 0) / weighted.reduce((a, l) => a + weight(l), 0));
const sha = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');

const report: Report = {
  schemaVersion: 1,
  tool: { name: 'fidelity', version: '0.1.0' },
  signature: 'fidelity:0.1.0|align:monotonic|drift:1|chrF:nc6|nw0|bleu:tok13a|smooth:exp|ter:nocase|version:fixture',
  reference: { path: 'test/fixtures/000-excerpt.txt', sha256: sha(ref.text), language: 'en', warnings: [], sentences: ref.sentences },
  candidate: { path: 'test/fixtures/001-excerpt-reordered.txt', sha256: sha(cand.text), language: 'en', warnings: [], sentences: cand.sentences },
  alignment: links,
  findings: sorted,
  summary: {
    verdict: 'translation',
    verdictEvidence: { coverage: 0.9286, meanSimilarity: 0.6112, sharedEntities: 0.71 },
    alignmentMode: 'monotonic',
    drift: docDrift,
    scores: { chrF: r2(mean(content.map((l) => l.scores!.chrF))), bleu: r2(mean(content.map((l) => l.scores!.bleu))), ter: r2(mean(content.map((l) => l.scores!.ter))) },
    counts: { critical: sorted.filter((f) => f.severity === 'critical').length, major: sorted.filter((f) => f.severity === 'major').length, minor: sorted.filter((f) => f.severity === 'minor').length },
    driftClasses,
    budgetsHit: [],
  },
};

const out = new URL('../fixtures/report-sample.json', import.meta.url);
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${out.pathname}: ${links.length} links, ${sorted.length} findings, drift ${docDrift}`);
