import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, ftruncateSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { bin, cli, GARBLED, REF, ROOT, tmp } from '../cli/helpers.js';

const read = (p: string): Report => JSON.parse(readFileSync(p, 'utf8'));

describe('unusual inputs are audited, not crashed on', () => {
  it('a Korean candidate: segmented and aligned, flagged as not English, no entity findings invented', async () => {
    const dir = tmp();
    const korean =
      '한미 민간우주대화 공동성명\n' +
      '미국과 대한민국 정부 관계자들은 4월 14일 워싱턴에서 제4차 한미 민간우주대화를 개최했다. 양측은 우주 탐사와 과학 분야의 협력을 강화하기로 했다.\n' +
      '양측은 2027년 대한민국에서 다음 대화를 개최할 계획이다.\n';
    writeFileSync(join(dir, 'ko.txt'), korean);
    const r = await cli(['audit', REF, join(dir, 'ko.txt'), '--json', join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    const report = read(join(dir, 'r.json'));
    expect(report.candidate.language).toBe('other:Hangul');
    expect(report.candidate.sentences.length).toBe(4);
    expect(report.findings.filter((f) => f.rule.startsWith('entity/'))).toEqual([]);
    expect(report.candidate.warnings.join(' ') + report.findings.map((f) => f.message).join(' ')).toMatch(/Hangul/);
  });

  it('lone CR line ends (old Mac files) are read like LF: same sentences, same findings, lines counted', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'cr.txt'), readFileSync(join(ROOT, GARBLED), 'utf8').replace(/\n/g, '\r'));
    await cli(['audit', REF, join(dir, 'cr.txt'), '--json', join(dir, 'cr.json')]);
    await cli(['audit', REF, GARBLED, '--json', join(dir, 'lf.json')]);
    const cr = read(join(dir, 'cr.json'));
    const lf = read(join(dir, 'lf.json'));
    expect(cr.candidate.sentences.map((s) => [s.text, s.line, s.column])).toEqual(lf.candidate.sentences.map((s) => [s.text, s.line, s.column]));
    expect(cr.findings.map((f) => [f.rule, f.candidate?.text])).toEqual(lf.findings.map((f) => [f.rule, f.candidate?.text]));
  });

  it('a mixed-script candidate keeps exact offsets', async () => {
    const dir = tmp();
    const text = readFileSync(join(ROOT, GARBLED), 'utf8').replace('Korea Coast', 'Korea Coast (해양경찰청) 🚢');
    writeFileSync(join(dir, 'mixed.txt'), text);
    const r = await cli(['audit', REF, join(dir, 'mixed.txt'), '--json', join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    const report = read(join(dir, 'r.json'));
    for (const s of report.candidate.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('the reference with its sentences in reverse order: every sentence linked once, nothing crashes', async () => {
    const dir = tmp();
    const lines = readFileSync(join(ROOT, REF), 'utf8').trim().split('\n').reverse();
    writeFileSync(join(dir, 'rev.txt'), lines.join('\n') + '\n');
    const r = await cli(['audit', REF, join(dir, 'rev.txt'), '--json', join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    const report = read(join(dir, 'r.json'));
    const refIds = report.alignment.flatMap((l) => l.ref).sort();
    expect(refIds).toEqual(report.reference.sentences.map((s) => s.id).sort());
    expect(report.summary.verdict).not.toBe('unrelated');
  });

  it('one 5 MB line with no punctuation: capped into sentences with a warning, done in bounded time', async () => {
    const dir = tmp();
    const words = ['space', 'cooperation', 'dialogue', 'satellite', 'mission', 'the', 'two', 'sides'];
    let line = '';
    for (let i = 0; line.length < 5_000_000; i++) line += words[(i * 7) % words.length] + ' ';
    writeFileSync(join(dir, 'long.txt'), line);
    const started = Date.now();
    const r = bin(['audit', REF, join(dir, 'long.txt'), '--json', join(dir, 'r.json'), '--timeout', '120']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = read(join(dir, 'r.json'));
    expect(report.candidate.sentences.length).toBeGreaterThan(1000);
    expect(report.candidate.warnings.join(' ')).toMatch(/split/i);
    expect(report.summary.verdict).toBe('unrelated');
    console.log(`5 MB single line audited in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('a 200 MB input is refused from its size before it is read, with the --max-bytes override named', async () => {
    const dir = tmp();
    const fd = openSync(join(dir, 'huge.txt'), 'w');
    ftruncateSync(fd, 200 * 1024 * 1024); // sparse: the test does not write 200 MB
    closeSync(fd);
    const r = await cli(['audit', REF, join(dir, 'huge.txt'), '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/huge\.txt: 209715200 bytes is over the 52428800-byte input limit — split the file, or raise the limit with --max-bytes/);
  });
});

describe('atomic reports', () => {
  it('a batch killed mid-run leaves only complete reports (or none), never a partial one', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'ref'));
    mkdirSync(join(dir, 'cand'));
    for (let i = 0; i < 60; i++) {
      const name = `p${String(i).padStart(3, '0')}.txt`;
      copyFileSync(join(ROOT, REF), join(dir, 'ref', name));
      copyFileSync(join(ROOT, GARBLED), join(dir, 'cand', name));
    }
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'audit', 'ref', 'cand', '--out', 'out', '--jobs', '2'], { cwd: dir, stdio: 'ignore' });
    // Kill it once some reports exist (and more are being written).
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        let n = 0;
        try {
          n = readdirSync(join(dir, 'out')).length;
        } catch {
          // not created yet
        }
        if (n >= 10) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const files = readdirSync(join(dir, 'out'));
    const reports = files.filter((f) => f.endsWith('.json') || f.endsWith('.html'));
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.length).toBeLessThan(121);
    for (const f of reports) {
      const content = readFileSync(join(dir, 'out', f), 'utf8');
      if (f.endsWith('.json')) expect(() => JSON.parse(content), f).not.toThrow();
      else expect(content.trimEnd().endsWith('</html>'), f).toBe(true);
    }
  });
});

describe('budgets are reported, never silent', () => {
  it('--timeout stops the batch and reports every pair it did not finish (exit 2)', () => {
    const dir = tmp();
    const r = bin(['audit', '--manifest', join(ROOT, 'corpus/manifest.json'), '--out', dir, '--timeout', '0.05', '--jobs', '1']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^fidelity: corpus\/00\d_[0-9a-f]+\.txt: not audited — the --timeout of 0\.05 s was reached/);
    expect(r.stdout).toMatch(/could not be audited/);
  });

  it('a word diff over its edit budget is reported in the summary', async () => {
    const dir = tmp();
    const a = Array.from({ length: 1500 }, (_, i) => `alpha${i}`).join(' ') + '.';
    const b = Array.from({ length: 1500 }, (_, i) => `beta${i}`).join(' ') + '.';
    writeFileSync(join(dir, 'a.txt'), a);
    writeFileSync(join(dir, 'b.txt'), b);
    const r = await cli(['audit', join(dir, 'a.txt'), join(dir, 'b.txt'), '--json', join(dir, 'r.json'), '--align-mode', 'monotonic']);
    expect(r.code).toBe(0);
    const report = read(join(dir, 'r.json'));
    if (report.alignment.some((l) => l.ref.length > 0 && l.cand.length > 0)) {
      expect(report.summary.budgetsHit.join(' ')).toMatch(/word diff: \d+ link\(s\) over the edit budget/);
      expect(r.stdout).toMatch(/budget hit: word diff/);
    } else {
      // The aligner found nothing to pair: no diff was attempted, and the text says the texts are unrelated.
      expect(report.summary.verdict).toBe('unrelated');
    }
  });
});
