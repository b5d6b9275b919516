import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTRAST_PAIRS,
  PALETTE,
  RULE_LEGEND,
  escapeAttr,
  escapeHtml,
  escapeText,
  evidenceValue,
  findingOrder,
  indexEntry,
  renderHtml,
  renderIndex,
  safeHref,
} from '../../src/6-report/html/index.js';
import type { RuleMeta } from '../../src/types.js';
import { HOSTILE, hostileReport, loadFixture, makeReport } from './helpers.js';

/** All `data-finding` values of elements whose opening tag matches `tag`. */
function findingAttrs(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\bdata-finding="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

/** Text of the element with the given id (no nesting of the same tag assumed). */
function elementById(html: string, tag: string, id: string): string {
  const m = new RegExp(`<${tag}\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!m) throw new Error(`no <${tag} id="${id}">`);
  return m[1]!;
}

describe('escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"x" \'y\'', '&quot;x&quot; &#39;y&#39;'],
    ['{{x}}', '&#123;&#123;x&#125;&#125;'],
    ['`', '&#96;'],
    ['plain text, 2024.', 'plain text, 2024.'],
  ])('escapeHtml(%j)', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('shows bidi controls and zero-width characters as visible labelled tokens', () => {
    const out = escapeText('a\u202Eb\u2066c\u200Bd\uFEFF');
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/);
    expect(out).toContain('⟦U+202E⟧');
    expect(out).toContain('title="RIGHT-TO-LEFT OVERRIDE"');
    expect(out).toContain('⟦U+2066⟧');
    expect(out).toContain('⟦U+200B⟧');
    expect(out).toContain('⟦U+FEFF⟧');
    // Joiners are needed by Persian and Indic scripts and emoji: left as they are.
    expect(escapeText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
  });

  it('escapes attribute values without leaving controls in them', () => {
    expect(escapeAttr('" onx="1\u202E')).toBe('&quot; onx=&quot;1⟦U+202E⟧');
  });

  it.each([
    ['reports/a--b.html', 'reports/a--b.html'],
    ['a b.html#row-1', 'a%20b.html#row-1'],
    ['already%20encoded.html', 'already%20encoded.html'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['  javascript:alert(1)', null],
    ['\u0000javascript:alert(1)', null],
    ['data:text/html,<script>', null],
    ['https://example.org/x.html', null],
    ['//example.org/x.html', null],
    ['\\\\host\\share', null],
    ['', null],
  ])('safeHref(%j) = %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it('never lets a generated string out of text content (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', 's', 'c', 'r', 'i', 'p', 't', '=', ' ', '{', '}', '\u202E', 'a') }), (s) => {
        // Apart from the labelled tokens for controls, nothing that HTML or a template engine reads survives.
        const out = escapeText(s).replace(/<span class="ctl" title="[A-Z -]+">⟦U\+[0-9A-F]{4}⟧<\/span>/g, '');
        expect(out).not.toMatch(/[<>"'{}\u202E]/);
      }),
    );
  });
});

describe('renderHtml on the 000→001 fixture', () => {
  const report = loadFixture();
  const html = renderHtml(report);

  it('is one self-contained page: strict CSP, one inline script, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html).not.toMatch(/url\(/);
  });

  it('pins the hash of the very script it inlines', async () => {
    const { createHash } = await import('node:crypto');
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
  });

  it('is deterministic', () => {
    expect(renderHtml(loadFixture())).toBe(html);
  });

  it('counts findings by severity in the header', () => {
    const n = (s: string) => report.findings.filter((f) => f.severity === s).length;
    expect(html).toContain(`>${n('critical')} critical</span>`);
    expect(html).toContain(`>${n('major')} major</span>`);
    expect(html).toContain(`>${n('minor')} minor</span>`);
    expect(n('critical') + n('major') + n('minor')).toBe(report.findings.length);
  });

  it('shows verdict, scores, drift and signature', () => {
    expect(html).toContain(`Verdict: ${report.summary.verdict}`);
    expect(html).toContain(`<dd>${report.summary.scores.chrF.toFixed(1)}</dd>`);
    expect(html).toContain(`<dd>${report.summary.scores.bleu.toFixed(1)}</dd>`);
    expect(html).toContain(`<dd>${report.summary.scores.ter.toFixed(1)}</dd>`);
    expect(html).toContain(`<dd>${report.summary.drift.toFixed(2)}</dd>`);
    expect(html).toContain(escapeHtml(report.signature));
  });

  it('lists every finding once in the findings table, worst first', () => {
    const rows = [...html.matchAll(/<tr id="fr-(\d+)" data-finding="(\d+)"/g)].map((m) => {
      expect(m[1]).toBe(m[2]);
      return m[1]!;
    });
    expect([...rows].sort((a, b) => +a - +b)).toEqual(report.findings.map((_, i) => String(i)));
    const rank = { critical: 0, major: 1, minor: 2 } as const;
    const ranks = rows.map((i) => rank[report.findings[+i]!.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows).toEqual(findingOrder(report.findings).map(String));
  });

  it('marks every finding with a span on each side it has, and links it to its row', () => {
    const marked = new Map<number, number>();
    for (const v of findingAttrs(html, 'mark')) for (const i of v.split(' ')) marked.set(+i, (marked.get(+i) ?? 0) + 1);
    report.findings.forEach((f, i) => {
      const sides = (f.reference ? 1 : 0) + (f.candidate ? 1 : 0);
      expect(marked.get(i) ?? 0, `finding ${i} (${f.rule})`).toBe(sides);
      expect(html).toContain(`<li id="fd-${i}" data-finding="${i}">`);
    });
    // KASA → Cassa: the reference mark holds "KASA", the candidate mark "Cassa".
    const i = report.findings.findIndex((f) => f.candidate?.text === 'Cassa');
    const marks = [...html.matchAll(new RegExp(`<mark [^>]*data-finding="${i}"[^>]*>([^]*?)</mark>`, 'g'))].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(marks).toEqual(['KASA', 'Cassa']);
  });

  it('renders each side of every row exactly as its sentences read, with the diff marked', () => {
    const byId = new Map([...report.reference.sentences, ...report.candidate.sentences].map((s) => [s.id, s.text]));
    const decode = (s: string) =>
      s
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    report.alignment.forEach((link, row) => {
      const tr = new RegExp(`<tr id="row-${row + 1}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)![1]!;
      const cells = [...tr.matchAll(/<td class="txt (ref|cand)"[^>]*>([\s\S]*?)<\/td>/g)];
      for (const [, side, cell] of cells) {
        const ids = side === 'ref' ? link.ref : link.cand;
        if (ids.length === 0) continue;
        const bdi = /<bdi>([\s\S]*)<\/bdi>/.exec(cell!)![1]!;
        expect(decode(bdi)).toBe(ids.map((id) => byId.get(id)).join(' '));
      }
    });
    expect(html).toContain('<del>Payload</del>');
    expect(html).toMatch(/<ins>Attack<\/ins>/);
  });

  it('labels omitted, added, boilerplate, moved and split rows as such', () => {
    const row = (n: number) => new RegExp(`<tr id="row-${n}"[^>]*>[\\s\\S]*?</tr>`).exec(html)![0];
    const find = (pred: (l: (typeof report.alignment)[number]) => boolean) => report.alignment.findIndex(pred) + 1;
    expect(row(find((l) => l.driftClass === 'omitted'))).toContain('omitted: no candidate sentence');
    expect(row(find((l) => l.driftClass === 'added'))).toContain('no reference sentence: added in the candidate');
    expect(row(find((l) => l.driftClass === 'boilerplate'))).toContain('<span class="tag">boilerplate</span>');
    expect(row(find((l) => l.moved))).toContain('<span class="tag">moved</span>');
    expect(row(find((l) => l.ref.length === 1 && l.cand.length === 2))).toContain('split 1→2');
  });

  it('draws one strip mark per reference sentence, each a link to its row', () => {
    const strip = elementById(html, 'nav', 'strip');
    const marks = [...strip.matchAll(/<li>(<a href="#row-(\d+)"[^>]*>)/g)];
    expect(marks).toHaveLength(report.reference.sentences.length);
    for (const [, , n] of marks) expect(html).toContain(`<tr id="row-${n}"`);
    // Colour is never the only signal: a letter and a title on each mark.
    expect(strip).toMatch(/title="Row \d+, reference r1: [^"]+" aria-label="[^"]+">[^<]+<\/a>/);
  });

  it('stays well under 1 MB for a 100-sentence report', () => {
    const base = loadFixture().reference.sentences.map((s) => s.text);
    const ref = Array.from({ length: 100 }, (_, i) => base[i % base.length]!);
    const cand = ref.map((s) => s.replace(/the/g, 'a').replace(/ROK/g, 'Rock'));
    const big = makeReport({
      ref,
      cand,
      findings: ref.flatMap((s, i) => (s.includes('ROK') ? [{ ref: [`r${i + 1}`, 'ROK'] as [string, string], cand: [`c${i + 1}`, 'Rock'] as [string, string] }] : [])),
    });
    const out = renderHtml(big);
    expect(big.findings.length).toBeGreaterThan(20);
    expect(out.length).toBeLessThan(400_000);
  });
});

describe('renderHtml edge cases', () => {
  it('merges overlapping spans into one mark that names both findings', () => {
    const r = makeReport({
      ref: ['The Korea Aerospace Administration (KASA) met.'],
      cand: ['The Korea Space Management (Cassa) met.'],
      findings: [
        { kind: 'expansion-corrupted', severity: 'critical', ref: ['r1', 'Korea Aerospace Administration (KASA)'], cand: ['c1', 'Korea Space Management (Cassa)'] },
        { kind: 'misspelling', severity: 'minor', ref: ['r1', 'KASA'], cand: ['c1', 'Cassa'] },
      ],
    });
    const html = renderHtml(r);
    expect(findingAttrs(html, 'mark')).toEqual(['0 1', '0 1']);
    expect(html).toMatch(/<mark class="sev-critical kind-expansion-corrupted kind-misspelling" data-finding="0 1"/);
    expect(html).toContain('aria-describedby="fd-0 fd-1"');
  });

  it('shows merged rows, and keeps the text (without diff) when the diff is missing or does not match', () => {
    const r = makeReport({
      ref: ['One.', 'Two.', 'Three.'],
      cand: ['One and two.', 'Three!'],
      links: [
        { ref: ['r1', 'r2'], cand: ['c1'], diff: null },
        { ref: ['r3'], cand: ['c2'], diff: [['=', 'Something else']] },
      ],
    });
    const html = renderHtml(r);
    expect(html).toContain('merged 2→1');
    expect(html).toContain('<bdi>One. Two.</bdi> <span class="muted" role="note">(Word diff not shown: the diff budget was hit for this link.)</span>');
    expect(html).toContain('<bdi>Three!</bdi> <span class="muted" role="note">(Word diff not shown: it does not match the sentence texts.)</span>');
  });

  it('finds a span by its text when its offsets are off, and lists spanless findings as whole-document', () => {
    const r = makeReport({ ref: ['NASA and KASA met.'], cand: ['NASA and Cassa met.'], findings: [{ ref: ['r1', 'KASA'], cand: ['c1', 'Cassa'] }] });
    r.findings[0]!.candidate!.start += 3;
    r.findings[0]!.candidate!.end += 3;
    r.findings.push({ rule: 'document/unrelated', kind: 'unrelated-document', severity: 'critical', message: 'Wrong file.', reference: null, candidate: null, evidence: { coverage: 0.12345 } });
    const html = renderHtml(r);
    expect(html).toMatch(/data-finding="0"[^>]*>(<ins>)?Cassa(<\/ins>)?<\/mark>/);
    expect(html).toMatch(/<tr id="fr-1"[\s\S]*?whole document/);
  });

  it('fills the legend from the rules given, counting each rule that fired and explaining unknown ones', () => {
    const rules: RuleMeta[] = [
      { id: 'entity/misspelling', kind: 'misspelling', defaultSeverity: 'major', description: 'Spelled differently.', example: 'Smith → Smyth' },
      { id: 'entity/case-only', kind: 'case-only', defaultSeverity: 'minor', description: 'Case differs.', example: 'NASA → Nasa' },
    ];
    const r = makeReport({
      ref: ['NASA and KASA met.'],
      cand: ['Nasa and Cassa met.'],
      findings: [
        { ref: ['r1', 'KASA'], cand: ['c1', 'Cassa'] },
        { rule: 'custom/thing', kind: 'glossary-violation', ref: ['r1', 'met'], cand: ['c1', 'met'] },
      ],
    });
    const legend = elementById(renderHtml(r, rules), 'section', 'legend');
    expect(legend).toMatch(/<code>entity\/misspelling<\/code>[\s\S]*?<td class="num">1<\/td>/);
    expect(legend).toMatch(/<code>entity\/case-only<\/code>[\s\S]*?<td class="num">0<\/td>/);
    expect(legend).toMatch(/<code>custom\/thing<\/code><\/td><td>A term with a prescribed rendering/);
    // The default legend counts by kind.
    const byKind = elementById(renderHtml(r), 'section', 'legend');
    expect(byKind).toMatch(/<code>kind\/misspelling<\/code>[\s\S]*?<td class="num">1<\/td>/);
    expect(RULE_LEGEND.length).toBeGreaterThanOrEqual(12);
  });

  it('formats evidence values for a reader', () => {
    expect(evidenceValue(0.123456)).toBe('0.123');
    expect(evidenceValue(3)).toBe('3');
    expect(evidenceValue(['KS', 'KS'])).toBe('KS, KS');
    expect(evidenceValue({ a: 1 })).toBe('{"a":1}');
    expect(evidenceValue('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('hostile input', () => {
  const html = renderHtml(hostileReport());

  it('turns no input into markup', () => {
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img\b/);
    expect(html).not.toMatch(/<b id="escaped">/);
    expect(html).not.toMatch(/<a href="javascript/i);
    // No tag carries an event-handler attribute (the text may say "onerror=", as text).
    for (const tag of html.matchAll(/<[a-z][^>]*>/g)) {
      for (const attr of tag[0].matchAll(/\s([\w-]+)=("[^"]*"|'[^']*'|[^\s>]+)/g)) expect(attr[1]!.toLowerCase()).not.toMatch(/^on/);
    }
    expect(html).not.toContain('</textarea>');
    expect(html).not.toContain('{{');
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('keeps the hostile text visible as text', () => {
    expect(html).toContain(escapeHtml(HOSTILE.script));
    expect(html).toContain(escapeHtml(HOSTILE.img));
    expect(html).toContain(escapeHtml(HOSTILE.template));
    expect(html).toContain('⟦U+202E⟧');
  });

  it('puts any string field through escaping (property)', () => {
    const hostileChars = fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', '{', '}', '=', 'a', ' ', '/', '\u202E', 'x') });
    fc.assert(
      fc.property(hostileChars, hostileChars, hostileChars, (a, b, c) => {
        const r = makeReport({ ref: ['KASA met.'], cand: [`Cassa ${a} met.`], findings: [{ ref: ['r1', 'KASA'], cand: ['c1', 'Cassa'], message: b, rule: c, evidence: { [a]: b } }], path: { ref: a, cand: b }, signature: c });
        const out = renderHtml(r);
        expect(out.match(/<script\b/g)).toHaveLength(1);
        // Every attribute is double-quoted and no input character closes one.
        for (const attr of out.matchAll(/\s[\w-]+="([^"]*)"/g)) expect(attr[1]).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/\u202E/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('renderIndex', () => {
  it('lists each pair with its figures, refuses unsafe links and shows failures', () => {
    const report = loadFixture();
    const html = renderIndex([
      indexEntry(report, '000--001.html'),
      { ...indexEntry(report, 'javascript:alert(1)'), reference: HOSTILE.script },
      { href: 'x.html', reference: 'a.txt', candidate: 'b.txt', verdict: null, drift: null, scores: null, counts: null, error: `unreadable ${HOSTILE.img}` },
    ]);
    expect(html).toContain('<a href="000--001.html">000--001</a>');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('title="unsafe link not shown: javascript:alert(1)"');
    // One script, the page's own column sort, allowed by its hash alone: the hostile paths add none.
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(html).toContain(escapeHtml(HOSTILE.script));
    expect(html).toMatch(/<tr class="err">[\s\S]*Failed:<\/strong> unreadable &lt;img/);
    const c = report.summary.counts;
    expect(html).toContain(`3 pairs, 1 failed · ${2 * c.critical} critical, ${2 * c.major} major, ${2 * c.minor} minor findings`);
    // No gate was evaluated for these entries: no gate column.
    expect(html).not.toContain('>Gate<');
  });

  it('shows each pair\'s gate: passed, or failed with the reasons, and how many failed', () => {
    const report = loadFixture();
    const html = renderIndex([
      indexEntry(report, 'a.html', []),
      indexEntry(report, 'b.html', ['2 finding(s) at or above major', `drift 0.5 is above 0.3 ${HOSTILE.script}`]),
      { href: 'x.html', reference: 'a.txt', candidate: 'b.txt', verdict: null, drift: null, scores: null, counts: null, error: 'unreadable' },
    ]);
    expect(html).toContain('<th scope="col">Verdict</th><th scope="col">Gate</th>');
    expect(html).toContain('<span class="gate pass">passed</span>');
    expect(html).toContain(`<span class="gate fail">failed</span> <span class="why">2 finding(s) at or above major; drift 0.5 is above 0.3 ${escapeHtml(HOSTILE.script)}</span>`);
    expect(html).toMatch(/3 pairs, 1 failed, 1 failed the gate · /);
    // The failed pair's message spans every figure column, the gate's included.
    expect(html).toContain('<td colspan="9"><strong>Failed:</strong> unreadable');
    // Every row has as many cells as the header.
    const header = /<thead><tr>([\s\S]*?)<\/tr><\/thead>/.exec(html)![1]!.match(/<th /g)!.length;
    for (const row of html.match(/<tr>(?!<th scope="col")[\s\S]*?<\/tr>/g)!) expect(row.match(/<t[hd][ >]/g)!.length).toBe(header);
  });
});

describe('palette', () => {
  /** WCAG 2.2 relative luminance and contrast ratio. */
  const lum = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string): number => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };

  it('checks the ratio function against WCAG examples', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it.each(CONTRAST_PAIRS.map(([fg, bg]) => [fg, bg]))('%s on %s reaches AA (4.5:1)', (fg, bg) => {
    expect(contrast(PALETTE[fg as keyof typeof PALETTE], PALETTE[bg as keyof typeof PALETTE])).toBeGreaterThanOrEqual(4.5);
  });
});

describe('public API', () => {
  it('exports exactly these names, so the API cannot grow by accident', async () => {
    const api = await import('../../src/6-report/html/index.js');
    expect(Object.keys(api).sort()).toEqual(
      [
        'CONTRAST_PAIRS',
        'DRIFT_CLASSES',
        'DRIFT_INFO',
        'KIND_INFO',
        'PALETTE',
        'RULE_LEGEND',
        'escapeAttr',
        'escapeHtml',
        'escapeText',
        'evidenceValue',
        'findingOrder',
        'indexEntry',
        'renderHtml',
        'renderIndex',
        'safeHref',
      ].sort(),
    );
  });
});

describe('verdicts', () => {
  it('explains a verdict other than translation in a banner', () => {
    const r = makeReport({ ref: ['One.'], cand: ['Other.'] });
    expect(renderHtml(r)).not.toContain('<p class="alert" role="note"><strong>Verdict');
    r.summary.verdict = 'unrelated';
    expect(renderHtml(r)).toContain('<p class="alert" role="note"><strong>Verdict: unrelated.</strong> The candidate does not correspond to the reference.</p>');
  });
});
