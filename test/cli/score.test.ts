import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tmp } from './helpers.js';

describe('fidelity score', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'ref.txt'), 'The cat sat on the mat.\nHello world\n');
  writeFileSync(join(dir, 'hyp.txt'), 'The cat sat on a mat.\nHello there world\n');
  writeFileSync(join(dir, 'short.txt'), 'The cat sat on a mat.\n');

  it('prints sacreBLEU lines with signatures for the corpus', async () => {
    const r = await cli(['score', 'ref.txt', 'hyp.txt'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 42.7 80.0/50.0/33.3/25.0 (BP = 1.000 ratio = 1.111 hyp_len = 10 ref_len = 9)',
      'chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 61.5',
      'TER|nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0 = 25.0',
      '',
    ]);
  });

  it('prints one JSON object per segment with --sentence-level --format json', async () => {
    const r = await cli(['score', 'ref.txt', 'hyp.txt', '--sentence-level', '--format', 'json', '-m', 'chrf,bleu'], dir);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].segment).toBe(1);
    expect(lines[0].chrF2).toBeCloseTo(65.8003, 3);
    expect(lines[1].BLEU).toBeCloseTo(34.668, 2);
  });

  it('takes several reference files (multi-reference BLEU)', async () => {
    writeFileSync(join(dir, 'ref2.txt'), 'The cat sat on a mat.\nHello there world\n');
    const r = await cli(['score', 'ref.txt', 'ref2.txt', 'hyp.txt', '-m', 'bleu'], dir);
    expect(r.stdout).toMatch(/^BLEU\|nrefs:2\|.* = 100\.0 /);
  });

  it.each([
    [['score', 'ref.txt'], /expects at least a reference file and a hypothesis file/],
    [['score', 'ref.txt', 'short.txt'], /short\.txt: reference 1 has 2 lines but the hypothesis has 1/],
    [['score', 'ref.txt', 'hyp.txt', '--tokenize', 'foo'], /--tokenize should be one of/],
    [['score', 'ref.txt', 'missing.txt'], /missing\.txt: no such file or directory/],
  ])('refuses bad input with one line and exit 2: %j', async (argv, message) => {
    const r = await cli(argv, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
