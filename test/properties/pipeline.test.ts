import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/1-ingest/decode.js';
import { audit } from '../../src/pipeline.js';
import { REPORT_SCHEMA } from '../../src/6-report/schema.js';
import { renderHtml } from '../../src/6-report/html/index.js';
import type { Report } from '../../src/types.js';

const ROOT = join(import.meta.dirname, '../..');
const corpusSentences = ['000_f32ec7d94fac71fb', '001_378ec3acaf265ec0', '002_b29c560fde53bf74', '003_45089278d132dd9b', '004_b243b48ca90857ab']
  .flatMap((f) => readFileSync(join(ROOT, 'corpus', `${f}.txt`), 'utf8').split(/(?<=[.!?])\s+|\n+/))
  .filter((s) => s.trim().length > 0);

const validate = new Ajv2020({ strict: false }).compile(REPORT_SCHEMA);
const enc = (s: string) => new TextEncoder().encode(s);

/** A document: corpus sentences and arbitrary strings (unicode, markup, control characters) mixed. */
const sentence = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...corpusSentences) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('<script>alert(1)</script>', 'KASA (Korea AeroSpace Administration) met.', '19th', '[ad_1]', '\u202Egnp.exe', 'No. 3 a.m. U.S.-ROK', '1.5 million on 14 April 2025.') },
);
const doc = fc.array(sentence, { minLength: 1, maxLength: 12 }).map((ss) => ss.join(' ') + '\n');
/** A candidate derived from a document the way republishing damages it: drop, duplicate, swap, garble. */
const derived = (text: string) =>
  fc.array(fc.nat(), { maxLength: 6 }).map((edits) => {
    const parts = text.split(/(?<=[.!?]) /);
    for (const e of edits) {
      const i = e % parts.length;
      switch (e % 4) {
        case 0: parts.splice(i, 1); break;
        case 1: parts.splice(i, 0, parts[i]!); break;
        case 2: parts[i] = parts[i]!.replace(/[aeiou]/g, (v) => (v === 'a' ? 'e' : 'a')); break;
        case 3: parts.reverse(); break;
      }
    }
    return parts.join(' ') || 'x';
  });
const pair = doc.chain((ref) => fc.oneof(derived(ref), doc).map((cand) => [ref, cand] as const));

function run(ref: string, cand: string): Report | null {
  if (ref.trim() === '' || cand.trim() === '') return null;
  return audit(decode(enc(ref), 'ref.txt'), decode(enc(cand), 'cand.txt'));
}

const RUNS = { numRuns: 60, seed: 20261121 };

describe('pipeline invariants (fast-check)', () => {
  it('every sentence of both texts is in exactly one link; monotonic links keep order; offsets slice back', () => {
    fc.assert(
      fc.property(pair, ([ref, cand]) => {
        const r = run(ref, cand);
        if (!r) return;
        for (const [side, key, text] of [['reference', 'ref', ref], ['candidate', 'cand', cand]] as const) {
          const ids = r.alignment.flatMap((l) => l[key]);
          expect([...ids].sort()).toEqual(r[side].sentences.map((s) => s.id).sort());
          for (const s of r[side].sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
        }
        if (r.summary.alignmentMode === 'monotonic') {
          const order = (ids: string[]) => ids.map((id) => Number(id.slice(1)));
          const refs = r.alignment.flatMap((l) => order(l.ref));
          expect(refs).toEqual([...refs].sort((a, b) => a - b));
          const cands = r.alignment.filter((l) => !l.moved).flatMap((l) => order(l.cand));
          expect(cands).toEqual([...cands].sort((a, b) => a - b));
        }
        for (const f of r.findings) {
          if (f.reference) expect(ref.slice(f.reference.start, f.reference.end)).toBe(f.reference.text);
          if (f.candidate) expect(cand.slice(f.candidate.start, f.candidate.end)).toBe(f.candidate.text);
        }
      }),
      RUNS,
    );
  });

  it('every score is within its range and every report validates against the schema', () => {
    fc.assert(
      fc.property(pair, ([ref, cand]) => {
        const r = run(ref, cand);
        if (!r) return;
        expect(validate(r), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
        for (const l of r.alignment) {
          expect(l.drift).toBeGreaterThanOrEqual(0);
          expect(l.drift).toBeLessThanOrEqual(1);
          expect(l.confidence).toBeGreaterThanOrEqual(0);
          expect(l.confidence).toBeLessThanOrEqual(1);
          if (l.scores) {
            expect(l.scores.chrF).toBeGreaterThanOrEqual(0);
            expect(l.scores.chrF).toBeLessThanOrEqual(100);
            expect(l.scores.bleu).toBeGreaterThanOrEqual(0);
            expect(l.scores.bleu).toBeLessThanOrEqual(100);
            expect(l.scores.ter).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('audit(x, x) has drift 0 and no findings', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const r = run(text, text);
        if (!r) return;
        expect(r.findings).toEqual([]);
        expect(r.summary.drift).toBe(0);
        expect(r.alignment.every((l) => l.driftClass === 'identical' || l.driftClass === 'boilerplate')).toBe(true);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same inputs give the same report', () => {
    fc.assert(
      fc.property(pair, ([ref, cand]) => {
        expect(JSON.stringify(run(ref, cand))).toBe(JSON.stringify(run(ref, cand)));
      }),
      { ...RUNS, numRuns: 20 },
    );
  });

  it('no input text ever becomes markup in the HTML report', () => {
    const hostile = fc.constantFrom('<script>window.pwned=1</script>', '<img src=x onerror=alert(1)>', '</textarea><b>x</b>', '<a href="javascript:alert(1)">x</a>', '{{constructor}}', '\u202Eevil\u202C', '<!-- c -->', '<svg onload=alert(1)>');
    fc.assert(
      fc.property(doc, hostile, fc.string({ maxLength: 30 }), (text, attack, noise) => {
        const cand = text.replace(/\n$/, '') + ' ' + attack + noise + '\n';
        const r = run(text, cand);
        if (!r) return;
        const html = renderHtml(r);
        const benign = renderHtml(run(text, text.replace(/\n$/, '') + ' plain words\n')!);
        // The page's own markup is the same whatever the text: as many tags of each kind as for a benign candidate
        // of the same shape (the hostile one can only add text, and rows/marks the benign one has as well).
        const tagCount = (h: string, tag: string) => h.match(new RegExp(`<${tag}[\\s>]`, 'gi'))?.length ?? 0;
        for (const tag of ['script', 'img', 'svg', 'iframe', 'object', 'b', 'textarea', 'style', 'link', 'meta']) {
          expect(tagCount(html, tag), tag).toBe(tagCount(benign, tag));
        }
        expect(html).not.toMatch(/href="\s*javascript:/i);
        expect(html).not.toMatch(/<!-- c -->/);
        expect(html).not.toContain('\u202E');
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
