/**
 * Sentence segmentation on the English Golden Rules (pragmatic_segmenter, 52 rules) and the 125 further
 * English cases of the same spec, from ../shared/eval/golden-rules-en/.
 *
 *   npx tsx test/eval/segment.ts            # prints date, per-rule results, counts, failures
 *
 * A case passes when the list of sentences equals the gold list exactly after the gold's own whitespace
 * normalisation: runs of whitespace (including newlines) become one space, ends trimmed — the gold of
 * Rules 40–41 ("a sentence\ncut off" → "a sentence cut off") and extended #025 ("of   unnecessary" →
 * "of unnecessary") show that this is all the normalisation it applies to whitespace. Cases whose gold
 * deletes characters (HTML tags, "........", page numbers) cannot pass for a segmenter that returns spans
 * of the original text; they are listed, not special-cased.
 *
 * Baselines on the same comparison: wink-nlp (eng-lite-web-model) alone and `Intl.Segmenter`.
 */

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { segmentSentences } from '../../src/2-segment/index.js';

export interface SegmentCase {
  id: string;
  /** Golden Rule number (1–52); absent for the extended cases. */
  rule?: number;
  name: string;
  input: string;
  expected: string[];
}

export interface CaseResult {
  case: SegmentCase;
  got: string[];
  pass: boolean;
}

export interface EvalSummary {
  passed: number;
  total: number;
  results: CaseResult[];
}

/** Where the data set lives: ../shared/eval/golden-rules-en next to the project. */
export const GOLDEN_DIR = fileURLToPath(new URL('../../../shared/eval/golden-rules-en/', import.meta.url));

/** The gold's whitespace normalisation. */
export function normalise(sentence: string): string {
  return sentence.replace(/\s+/g, ' ').trim();
}

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function toCase(row: Record<string, unknown>): SegmentCase {
  const c: SegmentCase = {
    id: String(row.id),
    name: String(row.name),
    input: String(row.input),
    expected: (row.expected_sentences as string[]).map(normalise),
  };
  if (typeof row.rule_number === 'number') c.rule = row.rule_number;
  return c;
}

/** The 52 Golden Rules and the 125 extended cases. */
export function loadCases(dir: string = GOLDEN_DIR): { golden: SegmentCase[]; extended: SegmentCase[] } {
  return {
    golden: readJsonl(`${dir}/golden_rules_en.jsonl`).map(toCase),
    extended: readJsonl(`${dir}/pragmatic_segmenter_en_spec_extended.jsonl`).map(toCase),
  };
}

/** Our segmenter, as a list of sentence texts. */
export function fidelitySegment(text: string): string[] {
  return segmentSentences(text).map((s) => text.slice(s.start, s.end));
}

/** Scores a segmenter (text → sentence texts) on cases by exact match of the normalised sentence lists. */
export function evaluate(segment: (text: string) => string[], cases: readonly SegmentCase[]): EvalSummary {
  const results = cases.map((c) => {
    const got = segment(c.input).map(normalise).filter((s) => s !== '');
    const pass = got.length === c.expected.length && got.every((s, k) => s === c.expected[k]);
    return { case: c, got, pass };
  });
  return { passed: results.filter((r) => r.pass).length, total: cases.length, results };
}

async function baselines(): Promise<Array<{ name: string; segment: (text: string) => string[] }>> {
  const out: Array<{ name: string; segment: (text: string) => string[] }> = [];
  const intl = new Intl.Segmenter('en', { granularity: 'sentence' });
  out.push({ name: 'Intl.Segmenter', segment: (t) => [...intl.segment(t)].map((s) => s.segment) });
  try {
    const winkNLP = (await import('wink-nlp')).default;
    const model = (await import('wink-eng-lite-web-model')).default;
    const nlp = winkNLP(model, ['sbd']);
    out.push({ name: 'wink-nlp', segment: (t) => nlp.readDoc(t).sentences().out() });
  } catch (e) {
    console.log(`(wink-nlp baseline unavailable: ${(e as Error).message})`);
  }
  return out;
}

/** Runs the evaluation and prints the report; returns the two summaries (for an npm script or a test). */
export async function runSegmentEval(
  dir: string = GOLDEN_DIR,
  log: (line: string) => void = console.log,
): Promise<{ golden: EvalSummary; extended: EvalSummary }> {
  const { golden, extended } = loadCases(dir);
  const g = evaluate(fidelitySegment, golden);
  const x = evaluate(fidelitySegment, extended);
  log(`fidelity segment eval — ${new Date().toISOString()}`);
  log(`data: ${dir}`);
  log('');
  log('Golden Rules (exact match of the sentence list):');
  for (const r of g.results) log(`  ${r.pass ? 'pass' : 'FAIL'}  rule ${String(r.case.rule).padStart(2)}  ${r.case.name}`);
  log('');
  log(`Golden Rules:   ${g.passed} / ${g.total}`);
  log(`Extended spec:  ${x.passed} / ${x.total}`);
  for (const b of await baselines()) {
    const bg = evaluate(b.segment, golden);
    const bx = evaluate(b.segment, extended);
    log(`  baseline ${b.name.padEnd(15)} golden ${bg.passed} / ${bg.total}, extended ${bx.passed} / ${bx.total}`);
  }
  log('');
  log('Failures:');
  for (const r of [...g.results, ...x.results].filter((r) => !r.pass)) {
    log(`  ${r.case.rule !== undefined ? `rule ${r.case.rule}` : r.case.id}: ${r.case.name}`);
    log(`    input:    ${JSON.stringify(r.case.input).slice(0, 300)}`);
    log(`    expected: ${JSON.stringify(r.case.expected).slice(0, 300)}`);
    log(`    got:      ${JSON.stringify(r.got).slice(0, 300)}`);
  }
  return { golden: g, extended: x };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(GOLDEN_DIR)) {
    console.error(`segment eval: ${GOLDEN_DIR} not found (the evaluation data lives in ../shared/eval)`);
    process.exit(2);
  }
  runSegmentEval().catch((e: unknown) => {
    console.error(e);
    process.exit(2);
  });
}
