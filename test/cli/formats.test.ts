import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, GARBLED, REF, ROOT, tmp, bin } from './helpers.js';
import type { Report } from '../../src/types.js';

const sarifSchema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-2.1.0.json'), 'utf8'));
const validateSarif = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false }).compile(sarifSchema);

describe('SARIF, JUnit and GitHub formats over one run', () => {
  let dir: string;
  let report: Report;
  let sarif: any;
  let junit: string;
  let github: string;
  beforeAll(async () => {
    dir = tmp();
    const r = await cli(['audit', REF, GARBLED, '--out', dir, '--format', `sarif=${join(dir, 'out.sarif')},junit=${join(dir, 'out.xml')},github=${join(dir, 'gh.txt')}`]);
    expect(r.code).toBe(0);
    report = JSON.parse(readFileSync(join(dir, '000_f32ec7d94fac71fb--001_378ec3acaf265ec0.json'), 'utf8'));
    sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    junit = readFileSync(join(dir, 'out.xml'), 'utf8');
    github = readFileSync(join(dir, 'gh.txt'), 'utf8');
  });

  it('SARIF validates against the official SARIF 2.1.0 schema', () => {
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
  });

  it('SARIF lists each rule once and points every result at it by index', () => {
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string }>;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    const results = sarif.runs[0].results as any[];
    expect(results).toHaveLength(report.findings.length);
    for (const r of results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('SARIF locates results on the candidate with the reference as related location, by line and column', () => {
    const text = readFileSync(join(ROOT, GARBLED), 'utf8').split('\n');
    const results = sarif.runs[0].results as any[];
    const cassa = results.find((r) => r.ruleId === 'entity/misspelling' && /Cassa/.test(r.message.text))!;
    const loc = cassa.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe(GARBLED);
    const line = text[loc.region.startLine - 1]!;
    expect(line.slice(loc.region.startColumn - 1, loc.region.endColumn - 1)).toBe('Cassa');
    expect(cassa.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe(REF);
    expect(cassa.level).toBe('warning');
  });

  it('SARIF fingerprints are stable across runs and unique per distinct finding', async () => {
    const d2 = tmp();
    await cli(['audit', REF, GARBLED, '--json', join(d2, 'r.json'), '--format', `sarif=${join(d2, 'out.sarif')}`]);
    const again = JSON.parse(readFileSync(join(d2, 'out.sarif'), 'utf8'));
    const fp = (s: any) => s.runs[0].results.map((r: any) => r.partialFingerprints['fidelityFinding/v1']);
    expect(fp(again)).toEqual(fp(sarif));
    expect(fp(sarif).every((x: string) => /^[0-9a-f]{32}$/.test(x))).toBe(true);
  });

  it('JUnit has one suite for the pair, one case for the pair and one per rule, failures for major and worse', () => {
    expect(junit).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="fidelity"/);
    const suites = junit.match(/<testsuite /g) ?? [];
    expect(suites).toHaveLength(1);
    const cases = junit.match(/<testcase /g) ?? [];
    expect(cases.length).toBe(1 + sarif.runs[0].tool.driver.rules.length);
    expect(junit).toContain('name="entity/misspelling">');
    expect(junit).toMatch(/<testcase classname="[^"]+" name="entity\/misspelling">\s*<failure message="\d+ misspelling finding\(s\)">/);
    // Every < in text content or attributes is escaped: the only tags are ours.
    const tags = new Set([...junit.matchAll(/<\/?([a-zA-Z?-]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['?xml', 'failure', 'system-out', 'testcase', 'testsuite', 'testsuites']);
  });

  it('GitHub annotations: one workflow command per finding with file, line and column', () => {
    const lines = github.trim().split('\n');
    expect(lines).toHaveLength(report.findings.length);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=corpus\/001_378ec3acaf265ec0\.txt(,line=\d+,col=\d+,endLine=\d+,endColumn=\d+)?,title=fidelity [^:]+::\S/);
    expect(lines.some((l) => l.startsWith('::error '))).toBe(true);
  });
});

describe('baseline', () => {
  it('accepts the recorded findings: with the baseline the gate passes and SARIF says unchanged', async () => {
    const dir = tmp();
    const base = join(dir, 'fidelity.baseline.json');
    const first = await cli(['audit', REF, GARBLED, '--out', dir, '--write-baseline', base, '--fail-on', 'critical']);
    expect(first.code).toBe(1);
    const again = await cli(['audit', REF, GARBLED, '--out', dir, '--baseline', base, '--fail-on', 'critical', '--format', `sarif=${join(dir, 's.sarif')}`]);
    expect(again.code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(dir, 's.sarif'), 'utf8'));
    expect(sarif.runs[0].results.every((r: any) => r.baselineState === 'unchanged')).toBe(true);
  });

  it('survives unrelated edits and flags only the new corruption', async () => {
    const dir = tmp();
    const base = join(dir, 'b.json');
    await cli(['audit', REF, GARBLED, '--out', dir, '--write-baseline', base]);
    // An unrelated edit (a new first paragraph shifts every offset) plus one new corruption: 2027 → 2029.
    const edited = 'Editor’s note: republished with permission.\n\n' + readFileSync(join(ROOT, GARBLED), 'utf8').replace('the following dialogue in 2027', 'the following dialogue in 2029');
    writeFileSync(join(dir, 'edited.txt'), edited);
    const r = await cli(['audit', REF, join(dir, 'edited.txt'), '--json', join(dir, 'e.json'), '--baseline', base, '--fail-on', 'critical']);
    const report: Report = JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8'));
    const fresh = report.findings.filter((f) => f.baselineState === 'new');
    expect(fresh.some((f) => f.kind === 'number-or-date-changed' && f.candidate?.text.includes('2029'))).toBe(true);
    expect(fresh.filter((f) => f.severity === 'critical').every((f) => /2029/.test(f.candidate?.text ?? '') || f.kind === 'added-sentence')).toBe(true);
    expect(r.code).toBe(1);
  });
});

describe('config file', () => {
  it('turns rules off, overrides severities, ignores patterns and sets the gate', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'fidelity.config.json'),
      JSON.stringify({ rules: { 'entity/case-only': 'off', 'entity/misspelling': 'critical' }, ignore: ['^Kasi$'], gate: { failOn: 'critical' } }),
    );
    const r = await cli(['audit', join(ROOT, REF), join(ROOT, GARBLED), '--json', 'r.json'], dir);
    expect(r.code).toBe(1);
    const report: Report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.findings.some((f) => f.rule === 'entity/case-only')).toBe(false);
    expect(report.findings.filter((f) => f.rule === 'entity/misspelling').every((f) => f.severity === 'critical')).toBe(true);
    expect(report.findings.some((f) => f.candidate?.text === 'Kasi')).toBe(false);
    expect(report.summary.counts.critical).toBe(report.findings.filter((f) => f.severity === 'critical').length);
  });
});

describe('worker pool (built CLI)', () => {
  it('gives byte-identical reports whatever --jobs is, in another time zone too', () => {
    const [a, b] = [tmp(), tmp()];
    const r1 = bin(['audit', '--manifest', 'corpus/manifest.json', '--out', a, '--jobs', '1'], ROOT, { TZ: 'UTC', CI: 'true' });
    const r2 = bin(['audit', '--manifest', 'corpus/manifest.json', '--out', b, '--jobs', '2'], ROOT, { TZ: 'Asia/Seoul', CI: 'true' });
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    expect(r2.stdout.replace(b, 'OUT')).toBe(r1.stdout.replace(a, 'OUT'));
    const files = readdirSync(a).sort();
    expect(files).toHaveLength(9);
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('refuses --jobs 0 as a usage error: one line, exit 2, no stack trace', () => {
    const r = bin(['audit', REF, GARBLED, '--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('committed reports', () => {
  it('are current: `npm run audit` would not change a byte of reports/', async () => {
    const dir = tmp();
    const r = await cli(['audit', '--manifest', 'corpus/manifest.json', '--out', dir, '--jobs', '1']);
    expect(r.code).toBe(0);
    for (const f of readdirSync(dir)) {
      const committed = join(ROOT, 'reports', f);
      expect(readFileSync(committed, 'utf8'), `reports/${f} is stale: run npm run audit and commit reports/`).toBe(readFileSync(join(dir, f), 'utf8'));
    }
  });
});
