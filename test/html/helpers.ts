/** Small report builders for the HTML tests: real offsets, real word diffs, no pipeline needed. */
import { readFileSync } from 'node:fs';
import { diffWordsWithSpace } from 'diff';
import type { DiffOp, DriftClass, Finding, FindingKind, Report, ReportLink, Sentence, Severity } from '../../src/types.js';

export const FIXTURE = new URL('../fixtures/report-sample.json', import.meta.url);

export function loadFixture(): Report {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Report;
}

/** Same shape as the compare stage's word diff: `diffWordsWithSpace` runs merged into `[op, text]` pairs. */
export function wordDiff(a: string, b: string): DiffOp[] {
  const ops: DiffOp[] = [];
  for (const ch of diffWordsWithSpace(a, b)) {
    const op = ch.added ? '+' : ch.removed ? '-' : '=';
    const last = ops[ops.length - 1];
    if (last && last[0] === op) last[1] += ch.value;
    else ops.push([op, ch.value]);
  }
  return ops;
}

type DocSentence = Sentence & { line: number; column: number };

function doc(texts: readonly (string | { text: string; boilerplate: boolean })[], prefix: string): DocSentence[] {
  let offset = 0;
  return texts.map((t, i) => {
    const text = typeof t === 'string' ? t : t.text;
    const s: DocSentence = { id: `${prefix}${i + 1}`, text, start: offset, end: offset + text.length, boilerplate: typeof t !== 'string' && t.boilerplate, line: i + 1, column: 1 };
    offset += text.length + 1; // one sentence per line
    return s;
  });
}

export interface FindingSpec {
  kind?: FindingKind;
  rule?: string;
  severity?: Severity;
  message?: string;
  /** `[sentence id, text in it]`; the first occurrence is used. */
  ref?: [string, string];
  cand?: [string, string];
  evidence?: Record<string, unknown>;
}

export interface LinkSpec {
  ref: string[];
  cand: string[];
  moved?: boolean;
  driftClass?: DriftClass;
  /** Replace the computed diff (null = budget hit). */
  diff?: DiffOp[] | null;
}

/** A report over the given sentences; links default to 1-1 in order. */
export function makeReport(opts: {
  ref: readonly string[];
  cand: readonly (string | { text: string; boilerplate: boolean })[];
  links?: LinkSpec[];
  findings?: FindingSpec[];
  path?: { ref?: string; cand?: string };
  signature?: string;
}): Report {
  const ref = doc(opts.ref, 'r');
  const cand = doc(opts.cand, 'c');
  const byId = new Map([...ref, ...cand].map((s) => [s.id, s]));
  const specs = opts.links ?? ref.map((s, i) => ({ ref: [s.id], cand: cand[i] ? [cand[i]!.id] : [] }));
  const links: ReportLink[] = specs.map((l) => {
    const refText = l.ref.map((id) => byId.get(id)!.text).join(' ');
    const candText = l.cand.map((id) => byId.get(id)!.text).join(' ');
    const oneSided = l.ref.length === 0 || l.cand.length === 0;
    const boilerplate = l.ref.length === 0 && l.cand.every((id) => byId.get(id)!.boilerplate);
    const driftClass: DriftClass = l.driftClass ?? (l.ref.length === 0 ? (boilerplate ? 'boilerplate' : 'added') : l.cand.length === 0 ? 'omitted' : refText === candText ? 'identical' : 'minor');
    return {
      ref: l.ref,
      cand: l.cand,
      type: `${l.ref.length}-${l.cand.length}`,
      confidence: 0.9,
      moved: l.moved ?? false,
      scores: oneSided ? null : { chrF: 61.25, bleu: 30.5, ter: 45.75 },
      drift: oneSided ? (boilerplate ? 0 : 1) : refText === candText ? 0 : 0.3,
      driftClass,
      diff: l.diff !== undefined ? l.diff : oneSided ? null : wordDiff(refText, candText),
    };
  });
  const span = (id: string, text: string): Finding['reference'] => {
    const s = byId.get(id);
    if (!s) throw new Error(`no sentence ${id}`);
    const at = s.text.indexOf(text);
    if (at < 0) throw new Error(`${JSON.stringify(text)} is not in ${id}`);
    return { text, sentence: id, start: s.start + at, end: s.start + at + text.length };
  };
  const findings: Finding[] = (opts.findings ?? []).map((f) => ({
    rule: f.rule ?? `entity/${f.kind ?? 'misspelling'}`,
    kind: f.kind ?? 'misspelling',
    severity: f.severity ?? 'major',
    message: f.message ?? 'A name changed.',
    reference: f.ref ? span(...f.ref) : null,
    candidate: f.cand ? span(...f.cand) : null,
    evidence: f.evidence ?? {},
  }));
  const counts = { critical: 0, major: 0, minor: 0 };
  for (const f of findings) counts[f.severity]++;
  const driftClasses = { identical: 0, minor: 0, major: 0, 'meaning-changed': 0, omitted: 0, added: 0, boilerplate: 0 } as Record<DriftClass, number>;
  for (const l of links) driftClasses[l.driftClass]++;
  return {
    schemaVersion: 1,
    tool: { name: 'fidelity', version: '0.0.0-test' },
    signature: opts.signature ?? 'fidelity:test|align:monotonic',
    reference: { path: opts.path?.ref ?? 'ref.txt', sha256: 'a'.repeat(64), language: 'en', warnings: [], sentences: ref },
    candidate: { path: opts.path?.cand ?? 'cand.txt', sha256: 'b'.repeat(64), language: 'en', warnings: [], sentences: cand },
    alignment: links,
    findings,
    summary: {
      verdict: 'translation',
      verdictEvidence: { coverage: 1 },
      alignmentMode: 'monotonic',
      drift: 0.25,
      scores: { chrF: 70.125, bleu: 40.5, ter: 30.25 },
      counts,
      driftClasses,
      budgetsHit: [],
    },
  };
}

/** Strings that try every way out of text: tags, attributes, URLs, templates, bidi reordering. */
export const HOSTILE = {
  script: '<script>window.__pwned = 1; alert(1)</script>',
  img: '<img src=x onerror="window.__pwned=2;alert(2)">',
  textarea: '</textarea></td></tr></table><b id="escaped">bold</b>',
  link: '<a href="javascript:window.__pwned=3">click me</a>',
  template: '{{constructor.constructor("window.__pwned=4")()}}',
  // "safe" ⟶ U+202E RIGHT-TO-LEFT OVERRIDE makes the rest display reversed.
  bidi: 'admin\u202E gnp.exe\u202C done \u2066iso\u2069',
  attr: '" onmouseover="window.__pwned=5" x="',
} as const;

/** A report whose every string field carries hostile text. */
export function hostileReport(): Report {
  const candTexts = [
    `Cassa said ${HOSTILE.script} today.`,
    `An image ${HOSTILE.img} here.`,
    `Close ${HOSTILE.textarea} then.`,
    `Link ${HOSTILE.link} there.`,
    `Template ${HOSTILE.template} inside.`,
    `Bidi ${HOSTILE.bidi} end.`,
    `Attr ${HOSTILE.attr} end.`,
  ];
  const report = makeReport({
    ref: ['KASA said so today.', 'An image here.', 'Close then.', 'Link there.', 'Template inside.', 'Bidi end.', 'Attr end.'],
    cand: candTexts,
    findings: [
      { ref: ['r1', 'KASA'], cand: ['c1', HOSTILE.script], message: `Message ${HOSTILE.img}`, rule: `entity/${HOSTILE.attr}`, evidence: { [HOSTILE.script]: HOSTILE.img, note: HOSTILE.link } },
      { kind: 'inserted', severity: 'minor', cand: ['c6', HOSTILE.bidi], message: `Bidi ${HOSTILE.bidi}` },
      { kind: 'inserted', severity: 'critical', cand: ['c5', HOSTILE.template], message: HOSTILE.template },
    ],
    path: { ref: `ref${HOSTILE.script}.txt`, cand: `javascript:alert(1)//${HOSTILE.attr}` },
    signature: HOSTILE.textarea,
  });
  report.reference.warnings.push(HOSTILE.img);
  report.summary.budgetsHit.push(HOSTILE.link);
  report.summary.verdictEvidence[HOSTILE.attr] = HOSTILE.script;
  return report;
}
