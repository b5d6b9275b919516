/**
 * Entity-check evaluation: `npx tsx test/eval/entities.ts` prints every figure, dev and test apart, and the date.
 *
 *  1. DEMETR (Karpinska et al. 2022, ../shared/eval/demetr/; dev = item_id % 5 != 0, test = item_id % 5 == 0):
 *     clean MT → perturbed MT for "named entity replaced" (id9), "numbers replaced" (id10) and "named entity
 *     removed" (id25): share of items with at least one major/critical finding on the changed span.
 *     Bar ≥ 97% each on test.
 *  2. Meaning-preserving controls: the perturbation applied to the clean MT (tokenized id30, lower-cased id31,
 *     first letter lower-cased id32, final punctuation removed id28: clean MT → perturbed), and reference →
 *     itself (id35): share of items with any major/critical finding. Bar ≤ 1%.
 *     Also, no bar: reference → clean MT (an independent translation of the same source).
 *  3. Hand-annotated pairs (test/fixtures/annotated/*.json): span-level precision and recall of major and
 *     critical corruptions. Bar: recall ≥ 90%, precision ≥ 85%.
 *  4. Speed: median time of checkEntities on corpus 000 → 001 after warm-up.
 *
 * Only pert_check=true rows are used (the others are unchanged text).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { checkEntities } from '../../src/5-checks/index.js';
import type { Finding } from '../../src/types.js';
import { docs, pair } from '../checks/helpers.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const SHARED = `${here}../../../shared/eval/demetr`;
const ANNOTATED = `${here}../fixtures/annotated`;
const CORPUS = `${here}../../corpus`;

interface DemetrRow {
  item_id: number;
  pert_id: number;
  pert_check: boolean;
  reference: string;
  hypothesis_clean: string;
  hypothesis_perturbed: string;
}

export interface Share {
  n: number;
  hits: number;
  share: number;
}

export interface EntityEval {
  date: string;
  demetr?: Record<string, { dev: Share; test: Share }>;
  controls?: Record<string, { dev: Share; test: Share }>;
  referenceVsCleanMT?: { dev: Share; test: Share };
  annotated: { files: number; gold: number; predicted: number; recall: number; precision: number; perFile: Record<string, { gold: number; found: number; predicted: number; correct: number; heldOut: boolean }> };
  speedMs: { median: number; min: number; cpuMedian: number; runs: number; load: number; corpusPairsMedian: number; corpusPairs: number };
  /** Misses kept for inspection (dev only). */
  misses: Record<string, string[]>;
}

const serious = (f: Finding) => f.severity === 'major' || f.severity === 'critical';

/** Character range that differs between two strings (common prefix/suffix removed), widened to word edges. */
export function changedRange(a: string, b: string): { a: [number, number]; b: [number, number] } {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const widen = (t: string, x: number, y: number): [number, number] => {
    while (x > 0 && /[\p{L}\p{N}]/u.test(t[x - 1]!)) x--;
    while (y < t.length && /[\p{L}\p{N}]/u.test(t[y]!)) y++;
    return [x, y];
  };
  return { a: widen(a, p, a.length - s), b: widen(b, p, b.length - s) };
}

function overlaps(span: { start: number; end: number } | null, [x, y]: [number, number]): boolean {
  if (!span) return false;
  if (x === y) return span.start <= x && span.end >= x;
  return span.start < y && span.end > x;
}

function share(hits: number, n: number): Share {
  return { n, hits, share: n ? hits / n : 0 };
}

function readJsonl(path: string): DemetrRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DemetrRow);
}

const ENTITY_SETS: Record<number, string> = { 9: 'named entity replaced (id9)', 10: 'numbers replaced (id10)', 25: 'named entity removed (id25)' };
const CONTROL_SETS: Record<number, string> = { 28: 'final punctuation removed (id28)', 30: 'tokenized (id30)', 31: 'lower-cased (id31)', 32: 'first letter lower-cased (id32)', 35: 'reference → itself (id35)' };

export function demetrEval(misses: Record<string, string[]> = {}): Pick<EntityEval, 'demetr' | 'controls' | 'referenceVsCleanMT'> {
  const entity = readJsonl(`${SHARED}/demetr_entity.jsonl`).filter((r) => r.pert_check && ENTITY_SETS[r.pert_id]);
  const out: Record<string, { dev: Share; test: Share }> = {};
  for (const [id, name] of Object.entries(ENTITY_SETS)) {
    const rows = entity.filter((r) => r.pert_id === Number(id));
    const tally = { dev: [0, 0], test: [0, 0] };
    for (const r of rows) {
      const part = r.item_id % 5 === 0 ? 'test' : 'dev';
      const findings = checkEntities(pair(r.hypothesis_clean, r.hypothesis_perturbed));
      const ch = changedRange(r.hypothesis_clean, r.hypothesis_perturbed);
      const hit = findings.some((f) => serious(f) && (overlaps(f.reference, ch.a) || overlaps(f.candidate, ch.b)));
      tally[part][1]!++;
      if (hit) tally[part][0]!++;
      else if (part === 'dev') (misses[name] ??= []).push(`${r.item_id}: ${r.hypothesis_clean}\n      → ${r.hypothesis_perturbed}\n      findings: ${findings.map((f) => `${f.severity} ${f.rule} ${f.reference?.text ?? '-'}→${f.candidate?.text ?? '-'}`).join('; ')}`);
    }
    out[name] = { dev: share(tally.dev[0]!, tally.dev[1]!), test: share(tally.test[0]!, tally.test[1]!) };
  }
  const controls = readJsonl(`${SHARED}/demetr_controls.jsonl`).filter((r) => r.pert_check && CONTROL_SETS[r.pert_id]);
  const ctrl: Record<string, { dev: Share; test: Share }> = {};
  const cleanTally = { dev: [0, 0], test: [0, 0] };
  const seenItems = new Set<number>();
  for (const [id, name] of Object.entries(CONTROL_SETS)) {
    const rows = controls.filter((r) => r.pert_id === Number(id));
    const tally = { dev: [0, 0], test: [0, 0] };
    for (const r of rows) {
      const part = r.item_id % 5 === 0 ? 'test' : 'dev';
      const source = r.pert_id === 35 ? r.reference : r.hypothesis_clean;
      const findings = checkEntities(pair(source, r.hypothesis_perturbed)).filter(serious);
      tally[part][1]!++;
      if (findings.length) {
        tally[part][0]!++;
        if (part === 'dev') (misses[name] ??= []).push(`${r.item_id}: ${source}\n      → ${r.hypothesis_perturbed}\n      findings: ${findings.map((f) => `${f.severity} ${f.rule} ${f.reference?.text ?? '-'}→${f.candidate?.text ?? '-'}`).join('; ')}`);
      }
      if (!seenItems.has(r.item_id)) {
        seenItems.add(r.item_id);
        cleanTally[part][1]!++;
        if (checkEntities(pair(r.reference, r.hypothesis_clean)).some(serious)) cleanTally[part][0]!++;
      }
    }
    ctrl[name] = { dev: share(tally.dev[0]!, tally.dev[1]!), test: share(tally.test[0]!, tally.test[1]!) };
  }
  return { demetr: out, controls: ctrl, referenceVsCleanMT: { dev: share(cleanTally.dev[0]!, cleanTally.dev[1]!), test: share(cleanTally.test[0]!, cleanTally.test[1]!) } };
}

/** The annotation format of test/fixtures/annotated/<name>.json. */
export interface Annotation {
  reference: string;
  candidate: string;
  split?: 'dev' | 'held-out';
  note?: string;
  corruptions: Array<{
    kind: string;
    severity: 'critical' | 'major' | 'minor';
    reference: { text: string; start: number; end: number } | null;
    candidate: { text: string; start: number; end: number } | null;
    note?: string;
  }>;
}

export function loadAnnotations(): { name: string; ann: Annotation; ref: string; cand: string }[] {
  if (!existsSync(ANNOTATED)) return [];
  return readdirSync(ANNOTATED)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const ann = JSON.parse(readFileSync(`${ANNOTATED}/${f}`, 'utf8')) as Annotation;
      const resolve = (p: string) => readFileSync(p.startsWith('corpus/') ? `${CORPUS}/${p.slice(7)}` : `${ANNOTATED}/${p}`, 'utf8');
      return { name: f, ann, ref: resolve(ann.reference), cand: resolve(ann.candidate) };
    });
}

/**
 * Span-level scoring: a gold major/critical corruption is found when a major/critical finding overlaps it on
 * either side; a major/critical finding is correct when it overlaps any gold corruption (of any severity:
 * flagging a minor corruption as major is a severity disagreement, not a false alarm).
 */
export function scoreAnnotated(): EntityEval['annotated'] {
  const perFile: EntityEval['annotated']['perFile'] = {};
  let gold = 0;
  let found = 0;
  let predicted = 0;
  let correct = 0;
  const items = loadAnnotations();
  for (const { name, ann, ref, cand } of items) {
    const findings = checkEntities(docs(ref, cand)).filter(serious);
    const ov = (a: { start: number; end: number } | null, b: { start: number; end: number } | null) => !!a && !!b && a.start < b.end && a.end > b.start;
    const hitsGold = (f: Finding, g: Annotation['corruptions'][number]) => ov(f.reference, g.reference) || ov(f.candidate, g.candidate);
    const seriousGold = ann.corruptions.filter((g) => g.severity !== 'minor');
    const fFound = seriousGold.filter((g) => findings.some((f) => hitsGold(f, g))).length;
    const fCorrect = findings.filter((f) => ann.corruptions.some((g) => hitsGold(f, g))).length;
    perFile[name] = { gold: seriousGold.length, found: fFound, predicted: findings.length, correct: fCorrect, heldOut: ann.split === 'held-out' };
    gold += seriousGold.length;
    found += fFound;
    predicted += findings.length;
    correct += fCorrect;
  }
  return { files: items.length, gold, predicted, recall: gold ? found / gold : 0, precision: predicted ? correct / predicted : 0, perFile };
}

/**
 * Speed of checkEntities on corpus 000 → 001 in the steady state a batch reaches: 60 warm-up runs (the JIT
 * needs a few dozen calls of a document-sized pair before it settles), then `runs` timed runs. Reports the
 * median and the fastest wall time, the median CPU time of the process (less sensitive to other processes
 * on the machine) and the 1-minute load average, because on a shared machine the median depends on it.
 * Also the median per pair over every ordered pair of the corpus (25 pairs, round robin): a batch mix.
 */
export function speed(runs = 41): EntityEval['speedMs'] {
  const ref = readFileSync(`${CORPUS}/000_f32ec7d94fac71fb.txt`, 'utf8');
  const cand = readFileSync(`${CORPUS}/001_378ec3acaf265ec0.txt`, 'utf8');
  const input = docs(ref, cand);
  for (let k = 0; k < 60; k++) checkEntities(input);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    checkEntities(input);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const texts = readdirSync(CORPUS)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort()
    .map((f) => readFileSync(`${CORPUS}/${f}`, 'utf8'));
  const pairs = texts.flatMap((x) => texts.map((y) => docs(x, y)));
  for (const p of pairs) checkEntities(p);
  const batch: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const p of pairs) {
      const t0 = performance.now();
      checkEntities(p);
      batch.push(performance.now() - t0);
    }
  }
  return { median: med(times), min: Math.min(...times), cpuMedian: med(cpu), runs, load: loadavg()[0]!, corpusPairsMedian: med(batch), corpusPairs: pairs.length };
}

export function evaluateEntities(): EntityEval {
  const misses: Record<string, string[]> = {};
  const hasShared = existsSync(`${SHARED}/demetr_entity.jsonl`);
  if (!hasShared && process.env.CI) throw new Error(`entities eval: ${SHARED} is missing (required when CI=true)`);
  const d = hasShared ? demetrEval(misses) : {};
  return { date: new Date().toISOString(), ...d, annotated: scoreAnnotated(), speedMs: speed(), misses };
}

const pct = (s: Share) => `${(100 * s.share).toFixed(1)}% (${s.hits}/${s.n})`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.env.SPEED_ONLY) {
  const sp = speed();
  console.log(`fidelity entity checks speed — ${new Date().toISOString()}`);
  console.log(`checkEntities on corpus 000 → 001, ${sp.runs} runs after 60 warm-up runs: median ${sp.median.toFixed(2)} ms, fastest ${sp.min.toFixed(2)} ms, median CPU time ${sp.cpuMedian.toFixed(2)} ms (load average ${sp.load.toFixed(2)} on ${availableParallelism()} cores)`);
  console.log(`every ordered pair of the corpus (${sp.corpusPairs} pairs × 3 rounds): median ${sp.corpusPairsMedian.toFixed(2)} ms per pair`);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = evaluateEntities();
  console.log(`fidelity entity checks evaluation — ${r.date}`);
  if (!r.demetr) console.log('DEMETR: skipped (../shared/eval/demetr absent)');
  else {
    console.log('\nDEMETR, clean MT → perturbed MT, share with a major/critical finding on the changed span (bar ≥ 97% on test):');
    for (const [k, v] of Object.entries(r.demetr)) console.log(`  ${k.padEnd(34)} dev ${pct(v.dev).padEnd(20)} test ${pct(v.test)}`);
    console.log('\nDEMETR meaning-preserving controls, share with any major/critical finding (bar ≤ 1%):');
    for (const [k, v] of Object.entries(r.controls!)) console.log(`  ${k.padEnd(34)} dev ${pct(v.dev).padEnd(20)} test ${pct(v.test)}`);
    const c = r.referenceVsCleanMT!;
    console.log(`\nDEMETR reference → clean MT (no bar), share with a major/critical finding: dev ${pct(c.dev)}  test ${pct(c.test)}`);
  }
  const a = r.annotated;
  console.log(`\nAnnotated pairs (${a.files} files, ${a.gold} major/critical gold corruptions, ${a.predicted} major/critical findings):`);
  console.log(`  recall ${(100 * a.recall).toFixed(1)}% (bar ≥ 90%)   precision ${(100 * a.precision).toFixed(1)}% (bar ≥ 85%)`);
  for (const [k, v] of Object.entries(a.perFile)) {
    const r = v.gold ? (100 * v.found) / v.gold : 0;
    const p = v.predicted ? (100 * v.correct) / v.predicted : 0;
    console.log(`    ${k.padEnd(22)} ${v.heldOut ? '[held out]' : '[dev]     '} gold ${v.gold}, found ${v.found} (recall ${r.toFixed(1)}%), findings ${v.predicted}, correct ${v.correct} (precision ${p.toFixed(1)}%)`);
  }
  const sp = r.speedMs;
  console.log(`\nSpeed: checkEntities on corpus 000 → 001, ${sp.runs} runs after 60 warm-up runs: median ${sp.median.toFixed(2)} ms, fastest ${sp.min.toFixed(2)} ms, median CPU time ${sp.cpuMedian.toFixed(2)} ms (load average ${sp.load.toFixed(2)} on ${availableParallelism()} cores)`);
  console.log(`       every ordered pair of the corpus (${sp.corpusPairs} pairs × 3 rounds): median ${sp.corpusPairsMedian.toFixed(2)} ms per pair`);
  if (process.env.SHOW_MISSES) {
    for (const [k, list] of Object.entries(r.misses)) {
      console.log(`\n--- dev misses / false alarms: ${k} (${list.length})`);
      for (const m of list.slice(0, Number(process.env.SHOW_MISSES) || 30)) console.log(`  ${m}`);
    }
  }
}
