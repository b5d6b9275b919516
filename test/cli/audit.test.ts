import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA } from '../../src/6-report/schema.js';
import type { Report } from '../../src/types.js';
import { cli, GARBLED, REF, RELATED, ROOT, tmp } from './helpers.js';

const validateReport = new Ajv2020({ strict: false, allErrors: true }).compile(REPORT_SCHEMA);

describe('fidelity audit on the corpus (000 → 001)', () => {
  let dir: string;
  let report: Report;
  let result: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    dir = tmp();
    result = await cli(['audit', REF, GARBLED, '--out', dir]);
    report = JSON.parse(readFileSync(join(dir, '000_f32ec7d94fac71fb--001_378ec3acaf265ec0.json'), 'utf8'));
  });

  it('exits 0 without a gate, writes JSON and HTML with the default names, prints a summary', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['000_f32ec7d94fac71fb--001_378ec3acaf265ec0.html', '000_f32ec7d94fac71fb--001_378ec3acaf265ec0.json']);
    expect(result.stdout).toMatch(/^corpus\/000_f32ec7d94fac71fb\.txt → corpus\/001_378ec3acaf265ec0\.txt: translation {2}drift 0\.\d\d/);
    expect(result.stdout).toMatch(/findings: \d+ critical, \d+ major, \d+ minor/);
  });

  it('writes a report that validates against the published schema', () => {
    expect(validateReport(report), JSON.stringify(validateReport.errors?.slice(0, 3))).toBe(true);
    expect(report.reference.path).toBe(REF);
    expect(report.signature).toMatch(/^fidelity:0\.1\.0\|align:(non-)?monotonic\|drift:\d+\|link\.chrF:nrefs:1\|/);
  });

  it('keeps every offset exact: sentences and finding spans slice back to their text', () => {
    const texts = { reference: readFileSync(join(ROOT, REF), 'utf8'), candidate: readFileSync(join(ROOT, GARBLED), 'utf8') };
    for (const side of ['reference', 'candidate'] as const) {
      for (const s of report[side].sentences) expect(texts[side].slice(s.start, s.end)).toBe(s.text);
    }
    for (const f of report.findings) {
      if (f.reference) expect(texts.reference.slice(f.reference.start, f.reference.end)).toBe(f.reference.text);
      if (f.candidate) expect(texts.candidate.slice(f.candidate.start, f.candidate.end)).toBe(f.candidate.text);
    }
  });

  it('links every sentence of both sides exactly once', () => {
    for (const side of ['ref', 'cand'] as const) {
      const ids = report.alignment.flatMap((l) => l[side]);
      const all = report[side === 'ref' ? 'reference' : 'candidate'].sentences.map((s) => s.id);
      expect([...ids].sort()).toEqual([...all].sort());
    }
  });

  it('marks the three scraper lines of 001 as boilerplate', () => {
    const boilerplate = report.candidate.sentences.filter((s) => s.boilerplate).map((s) => s.text);
    expect(boilerplate).toEqual(['[ad_1]', 'Start the text', 'The final text']);
    expect(report.summary.driftClasses.boilerplate).toBe(3);
  });

  it('finds the corruptions a reviewer would list first', () => {
    const has = (refText: RegExp, cand: RegExp | null, kinds: string[]) =>
      report.findings.some((f) => refText.test(f.reference?.text ?? '') && (cand === null || cand.test(f.candidate?.text ?? '')) && kinds.includes(f.kind));
    expect(has(/^KASA/, /^Cassa/, ['misspelling'])).toBe(true);
    expect(has(/Kandahari/, /Kanhdhari/, ['misspelling'])).toBe(true);
    expect(has(/Commercial Lunar Payload Services/, /Attack/, ['expansion-corrupted'])).toBe(true);
    expect(has(/^ROK$/, /^Rock$/, ['mistranslated'])).toBe(true);
    expect(has(/IMAP/, null, ['dropped'])).toBe(true);
    expect(report.summary.verdict).toBe('translation');
    expect(report.summary.counts.critical).toBeGreaterThan(3);
  });

  it('folds the findings into link drift: the link holding "Attack" drifted into meaning-changed', () => {
    const f = report.findings.find((x) => x.kind === 'expansion-corrupted' && /Payload/.test(x.reference?.text ?? ''))!;
    const link = report.alignment.find((l) => l.ref.includes(f.reference!.sentence))!;
    expect(link.driftClass).toBe('meaning-changed');
    expect(link.drift).toBeGreaterThan(0.5);
  });
});

describe('gates and exit codes', () => {
  it('exits 1 with --fail-on critical when a critical finding exists, and says why', async () => {
    const dir = tmp();
    const r = await cli(['audit', REF, GARBLED, '--out', dir, '--fail-on', 'critical']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gate failed: \d+ finding\(s\) at or above critical/);
  });

  it('exits 0 with --fail-on when the candidate is the reference itself', async () => {
    const dir = tmp();
    const r = await cli(['audit', REF, REF, '--out', dir, '--fail-on', 'minor']);
    expect(r.code).toBe(0);
    const report: Report = JSON.parse(readFileSync(join(dir, '000_f32ec7d94fac71fb--000_f32ec7d94fac71fb.json'), 'utf8'));
    expect(report.findings).toEqual([]);
    expect(report.summary.drift).toBe(0);
    expect(report.alignment.every((l) => l.driftClass === 'identical')).toBe(true);
  });

  it('fails the --max-drift gate on a related text', async () => {
    const r = await cli(['audit', REF, RELATED, '--out', tmp(), '--max-drift', '0.5']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gate failed: drift 0\.\d+ is above 0\.5/);
  });
});

describe('output options', () => {
  it('--json and --html write exactly those files and nothing else', async () => {
    const dir = tmp();
    const r = await cli(['audit', REF, GARBLED, '--json', join(dir, 'a.json'), '--html', join(dir, 'sub/b.html')]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'sub']);
    expect(readFileSync(join(dir, 'sub/b.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(existsSync(join(ROOT, 'reports/a.json'))).toBe(false);
  });

  it('--format json prints the report on stdout, the same bytes as the file', async () => {
    const dir = tmp();
    const r = await cli(['audit', REF, GARBLED, '--json', join(dir, 'a.json'), '--format', 'json']);
    expect(r.stdout).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
  });

  it('is deterministic: two runs give byte-identical JSON and HTML', async () => {
    const [a, b] = [tmp(), tmp()];
    await cli(['audit', REF, GARBLED, '--out', a]);
    await cli(['audit', REF, GARBLED, '--out', b]);
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
  });
});

describe('bad input: one line on stderr naming the file and what to do, exit 2, no report', () => {
  const cases: Array<[string, (dir: string) => string[], RegExp]> = [
    ['a missing file', (d) => ['audit', REF, join(d, 'nope.txt')], /nope\.txt: no such file or directory — check the path/],
    ['a directory as candidate', (d) => ['audit', REF, d], /is a directory but the other argument is a file/],
    ['an empty file', (d) => (writeFileSync(join(d, 'empty.txt'), ''), ['audit', REF, join(d, 'empty.txt')]), /empty\.txt: is empty — give a file with text/],
    ['whitespace only', (d) => (writeFileSync(join(d, 'ws.txt'), ' \n\n\t '), ['audit', REF, join(d, 'ws.txt')]), /ws\.txt: holds only whitespace/],
    ['a binary file', (d) => (writeFileSync(join(d, 'bin.txt'), Buffer.from([1, 0, 2, 0, 3])), ['audit', REF, join(d, 'bin.txt')]), /bin\.txt: looks like a binary file/],
    ['a file over --max-bytes', (d) => ['audit', REF, GARBLED, '--max-bytes', '1000', '--out', d], /000_f32ec7d94fac71fb\.txt: 7863 bytes is over the 1000-byte input limit — .*--max-bytes/],
    ['one argument', () => ['audit', REF], /expects a reference and a candidate/],
    ['an unknown option', () => ['audit', REF, GARBLED, '--colour'], /unknown option '--colour'/],
    ['a bad --fail-on', () => ['audit', REF, GARBLED, '--fail-on', 'severe'], /--fail-on <severity>.*severe/],
    ['an unknown format', () => ['audit', REF, GARBLED, '--format', 'xml'], /--format: unknown format "xml"/],
    ['an output path equal to an input', (d) => (copyFileSync(join(ROOT, GARBLED), join(d, 'c.txt')), ['audit', REF, join(d, 'c.txt'), '--json', join(d, 'c.txt')]), /c\.txt: is also an input file — choose another output path/],
    ['an output directory that cannot be created', (d) => (writeFileSync(join(d, 'file'), 'x'), ['audit', REF, GARBLED, '--out', join(d, 'file', 'sub')]), /a part of the path is not a directory|cannot create/],
    ['an invalid config', (d) => (writeFileSync(join(d, 'c.json'), '{"gate": {"failOn": "bad"}}'), ['audit', REF, GARBLED, '--config', join(d, 'c.json')]), /c\.json: invalid config at \/gate\/failOn/],
    ['a glossary that is not JSON', (d) => (writeFileSync(join(d, 'g.json'), '{terms'), ['audit', REF, GARBLED, '--glossary', join(d, 'g.json')]), /g\.json: is not valid JSON/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const dir = tmp();
    const argv = args(dir);
    const before = readdirSync(dir).sort();
    const inputBefore = readFileSync(join(ROOT, GARBLED));
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.html'))).toEqual(before.filter((f) => f.endsWith('.json') || f.endsWith('.html')));
    expect(readFileSync(join(ROOT, GARBLED))).toEqual(inputBefore);
  });

  it('replaces invalid UTF-8, audits, and reports the count as a warning', async () => {
    const dir = tmp();
    const bytes = Buffer.concat([readFileSync(join(ROOT, GARBLED)).subarray(0, 400), Buffer.from([0xff, 0xfe, 0x41]), readFileSync(join(ROOT, GARBLED)).subarray(400)]);
    writeFileSync(join(dir, 'bad.txt'), bytes);
    const r = await cli(['audit', REF, join(dir, 'bad.txt'), '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: .*bad\.txt: 2 invalid UTF-8 sequences replaced with U\+FFFD/);
  });

  it('audits UTF-16 and CRLF files like their UTF-8 original', async () => {
    const dir = tmp();
    const text = readFileSync(join(ROOT, GARBLED), 'utf8');
    writeFileSync(join(dir, 'u16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]));
    const a = await cli(['audit', REF, join(dir, 'u16.txt'), '--json', join(dir, 'a.json')]);
    const b = await cli(['audit', REF, GARBLED, '--json', join(dir, 'b.json')]);
    expect(a.code).toBe(0);
    const ra: Report = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    const rb: Report = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(ra.findings.map((f) => [f.rule, f.reference?.text, f.candidate?.text])).toEqual(rb.findings.map((f) => [f.rule, f.reference?.text, f.candidate?.text]));
    expect(ra.summary.scores).toEqual(rb.summary.scores);
  });
});

describe('batch', () => {
  it('audits a manifest, writes an index, and reports an unreadable pair without stopping the batch (exit 2)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'docs'));
    copyFileSync(join(ROOT, REF), join(dir, 'docs/ref.txt'));
    copyFileSync(join(ROOT, GARBLED), join(dir, 'docs/cand.txt'));
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ pairs: [{ reference: 'docs/ref.txt', candidate: 'docs/missing.txt' }, { reference: 'docs/ref.txt', candidate: 'docs/cand.txt' }] }));
    const r = await cli(['audit', '--manifest', 'm.json', '--out', 'out', '--jobs', '1'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fidelity: docs\/missing\.txt: no such file or directory — check the path\n$/);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['index.html', 'ref--cand.html', 'ref--cand.json']);
    expect(r.stdout).toMatch(/2 pair\(s\): 1 translation, 1 could not be audited; findings/);
    expect(readFileSync(join(dir, 'out/index.html'), 'utf8')).toContain('docs/missing.txt');
  });

  it('pairs two directories by file name', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'ref'));
    mkdirSync(join(dir, 'cand'));
    copyFileSync(join(ROOT, REF), join(dir, 'ref/a.txt'));
    copyFileSync(join(ROOT, GARBLED), join(dir, 'cand/a.txt'));
    copyFileSync(join(ROOT, REF), join(dir, 'ref/b.txt'));
    copyFileSync(join(ROOT, REF), join(dir, 'cand/b.txt'));
    copyFileSync(join(ROOT, REF), join(dir, 'ref/only-ref.txt'));
    const r = await cli(['audit', 'ref', 'cand', '--out', 'out', '--jobs', '1'], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a--a.html', 'a--a.json', 'b--b.html', 'b--b.json', 'index.html']);
    // No gate configured: the index says nothing about one.
    expect(readFileSync(join(dir, 'out/index.html'), 'utf8')).not.toContain('>Gate<');

    // With a gate, each row says whether its pair passed: the garbled pair fails, the identical one passes.
    const gated = await cli(['audit', 'ref', 'cand', '--out', 'gated', '--jobs', '1', '--fail-on', 'critical'], dir);
    expect(gated.code).toBe(1);
    const index = readFileSync(join(dir, 'gated/index.html'), 'utf8');
    expect(index).toMatch(/2 pairs, 1 failed the gate · /);
    expect(index).toMatch(/<a href="a--a\.html">a--a<\/a>.*<span class="gate fail">failed<\/span> <span class="why">\d+ finding\(s\) at or above critical<\/span>/);
    expect(index).toMatch(/<a href="b--b\.html">b--b<\/a>.*<span class="gate pass">passed<\/span>/);
  });
});
